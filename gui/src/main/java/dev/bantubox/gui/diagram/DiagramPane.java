package dev.bantubox.gui.diagram;

import dev.bantubox.engine.cgroup.CgroupUsage;
import dev.bantubox.engine.inspect.ContainerSnapshot;
import dev.bantubox.engine.lesson.ExperimentResult;
import dev.bantubox.gui.lesson.LessonModel;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The diagrams of the last run, one tab each. They are drawn from the inspection snapshot and the
 * run's result, never from the toggles.
 */
public final class DiagramPane extends TabPane {
    private final NamespaceDiagram namespaces = new NamespaceDiagram();
    private final ProcessDiagram processes = new ProcessDiagram();
    private final FilesystemDiagram filesystem = new FilesystemDiagram();
    private final NetworkDiagram network = new NetworkDiagram();
    private final CgroupDiagram cgroups;
    private final StartTimeChart startTimes = new StartTimeChart();
    private final Tab startTimeTab;
    private final Tab cgroupTab;
    private final LessonModel model;

    public DiagramPane(LessonModel model) {
        getStyleClass().add("diagram-pane");
        cgroups = new CgroupDiagram(model.usage(), model.runningProperty());
        cgroups.setId("cgroup-diagram");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        namespaces.setId("namespace-diagram");
        filesystem.setId("filesystem-diagram");
        cgroupTab = tab("cgroups", cgroups);
        getTabs().addAll(tab("Namespaces", namespaces), tab("Processes", processes), tab("Filesystem", filesystem),
                tab("Network", network), cgroupTab);
        startTimeTab = new Tab("Start time", startTimes);
        this.model = model;
        model.snapshotProperty().addListener((property, before, after) -> showSnapshot(after));
        model.resultProperty().addListener((property, before, after) -> showResult(after));
        model.usage().addListener((javafx.collections.ListChangeListener<CgroupUsage>) change -> {
            // A run with a limit brings its cgroups to the front once, as it starts; later samples
            // leave whatever tab the learner picked.
            if (model.usage().size() == 1 && hasLimit(model.usage().get(0))) {
                getSelectionModel().select(cgroupTab);
            }
        });
        // A pane made after a run, such as the projector's, starts with that run's diagrams.
        if (model.snapshotProperty().get() != null) {
            showSnapshot(model.snapshotProperty().get());
        }
        if (model.resultProperty().get() != null) {
            showResult(model.resultProperty().get());
        }
    }

    private static Tab tab(String title, Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        Tab tab = new Tab(title, scroll);
        tab.setId("tab-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        return tab;
    }

    private static boolean hasLimit(CgroupUsage sample) {
        return sample.cpuLimit() != null || sample.memoryLimitBytes() != null || sample.pidsLimit() != null;
    }

    /** Removes the start-time chart; when it was showing, the namespaces come back instead of its neighbour. */
    private void removeStartTimeTab() {
        boolean wasSelected = getSelectionModel().getSelectedItem() == startTimeTab;
        getTabs().remove(startTimeTab);
        if (wasSelected) {
            getSelectionModel().select(0);
        }
    }

    private void showSnapshot(ContainerSnapshot snapshot) {
        if (snapshot == null) {
            String sentence = "Waiting for a run.";
            namespaces.clear(sentence);
            processes.clear(sentence);
            network.clear(sentence);
            cgroups.clear(sentence);
            return;
        }
        namespaces.show(snapshot);
        processes.show(snapshot);
        network.show(snapshot, model.containerProperty().get(), model.peerProperty().get());
        cgroups.show(snapshot);
    }

    private void showResult(ExperimentResult result) {
        if (result == null) {
            filesystem.clear("Waiting for a run.");
            removeStartTimeTab();
            return;
        }
        filesystem.show(result);
        if (result.startTimes().isEmpty()) {
            removeStartTimeTab();
        } else {
            startTimes.show(result);
            if (!getTabs().contains(startTimeTab)) {
                getTabs().add(startTimeTab);
            }
            getSelectionModel().select(startTimeTab);
        }
    }
}
