package dev.bantubox.gui.diagram;

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
    private final CgroupDiagram cgroups = new CgroupDiagram();
    private final StartTimeChart startTimes = new StartTimeChart();
    private final Tab startTimeTab;

    public DiagramPane(LessonModel model) {
        getStyleClass().add("diagram-pane");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        namespaces.setId("namespace-diagram");
        filesystem.setId("filesystem-diagram");
        getTabs().addAll(tab("Namespaces", namespaces), tab("Processes", processes), tab("Filesystem", filesystem),
                tab("Network", network), tab("cgroups", cgroups));
        startTimeTab = new Tab("Start time", startTimes);
        model.snapshotProperty().addListener((property, before, after) -> showSnapshot(after));
        model.resultProperty().addListener((property, before, after) -> showResult(after));
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
        network.show(snapshot);
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
