package dev.bantubox.gui.diagram;

import dev.bantubox.engine.cgroup.CgroupUsage;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.inspect.ContainerSnapshot;
import dev.bantubox.engine.lesson.ExperimentResult;
import dev.bantubox.gui.lesson.LessonModel;

import java.util.HashSet;
import java.util.Set;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The diagrams of the last run, one tab each. They are drawn from the inspection snapshot and the
 * run's result, never from the toggles. When a run's snapshot or result arrives, only the selected
 * tab is drawn. Another tab is drawn when the learner selects it, so a run spends the FX thread's
 * time on the one diagram in view.
 */
public final class DiagramPane extends TabPane {
    private final NamespaceDiagram namespaces = new NamespaceDiagram();
    private final ProcessDiagram processes = new ProcessDiagram();
    private final FilesystemDiagram filesystem = new FilesystemDiagram();
    private final NetworkDiagram network = new NetworkDiagram();
    private final CgroupDiagram cgroups;
    private final StartTimeChart startTimes = new StartTimeChart();
    private final Tab namespaceTab;
    private final Tab processTab;
    private final Tab filesystemTab;
    private final Tab networkTab;
    private final Tab cgroupTab;
    private final Tab startTimeTab;
    /** Tabs whose diagram does not show the latest snapshot or result yet. */
    private final Set<Tab> outdated = new HashSet<>();
    private final LessonModel model;
    /** The run's container and peer records as they were when its snapshot arrived. */
    private ContainerRecord snapshotContainer;
    private ContainerRecord snapshotPeer;

    public DiagramPane(LessonModel model) {
        this.model = model;
        getStyleClass().add("diagram-pane");
        cgroups = new CgroupDiagram(model.usage(), model.runningProperty());
        cgroups.setId("cgroup-diagram");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);
        namespaces.setId("namespace-diagram");
        filesystem.setId("filesystem-diagram");
        namespaceTab = tab("Namespaces", namespaces);
        processTab = tab("Processes", processes);
        filesystemTab = tab("Filesystem", filesystem);
        networkTab = tab("Network", network);
        cgroupTab = tab("cgroups", cgroups);
        getTabs().addAll(namespaceTab, processTab, filesystemTab, networkTab, cgroupTab);
        startTimeTab = new Tab("Start time", startTimes);

        model.snapshotProperty().addListener((property, before, after) -> {
            snapshotContainer = model.containerProperty().get();
            snapshotPeer = model.peerProperty().get();
            outdated.addAll(Set.of(namespaceTab, processTab, networkTab, cgroupTab));
            drawSelected();
        });
        model.resultProperty().addListener((property, before, after) -> showResult(after));
        model.usage().addListener((ListChangeListener<CgroupUsage>) change -> {
            // A run with a limit brings its cgroups to the front once, as it starts; later samples
            // leave whatever tab the learner picked.
            if (model.usage().size() == 1 && hasLimit(model.usage().get(0))) {
                getSelectionModel().select(cgroupTab);
            }
        });
        getSelectionModel().selectedItemProperty().addListener((property, before, after) -> drawSelected());
        // A pane made after a run, such as the projector's, starts with that run's diagrams.
        snapshotContainer = model.containerProperty().get();
        snapshotPeer = model.peerProperty().get();
        outdated.addAll(Set.of(namespaceTab, processTab, networkTab, cgroupTab, filesystemTab));
        if (model.resultProperty().get() != null) {
            showResult(model.resultProperty().get());
        } else {
            drawSelected();
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

    private void showResult(ExperimentResult result) {
        outdated.add(filesystemTab);
        if (result == null || result.startTimes().isEmpty()) {
            removeStartTimeTab();
        } else {
            startTimes.show(result);
            if (!getTabs().contains(startTimeTab)) {
                getTabs().add(startTimeTab);
            }
            getSelectionModel().select(startTimeTab);
        }
        drawSelected();
    }

    /** Draws the selected tab's diagram when it is outdated. The cgroup figures update only while in view. */
    private void drawSelected() {
        Tab selected = getSelectionModel().getSelectedItem();
        cgroups.setShowing(selected == cgroupTab);
        if (selected == null || !outdated.remove(selected)) {
            return;
        }
        ContainerSnapshot snapshot = model.snapshotProperty().get();
        String waiting = "Waiting for a run.";
        if (selected == filesystemTab) {
            ExperimentResult result = model.resultProperty().get();
            if (result == null) {
                filesystem.clear(waiting);
            } else {
                filesystem.show(result);
            }
        } else if (snapshot == null) {
            clearSnapshotDiagram(selected, waiting);
        } else if (selected == namespaceTab) {
            namespaces.show(snapshot);
        } else if (selected == processTab) {
            processes.show(snapshot);
        } else if (selected == networkTab) {
            network.show(snapshot, snapshotContainer, snapshotPeer);
        } else if (selected == cgroupTab) {
            cgroups.show(snapshot);
        }
    }

    private void clearSnapshotDiagram(Tab tab, String sentence) {
        if (tab == namespaceTab) {
            namespaces.clear(sentence);
        } else if (tab == processTab) {
            processes.clear(sentence);
        } else if (tab == networkTab) {
            network.clear(sentence);
        } else if (tab == cgroupTab) {
            cgroups.clear(sentence);
        }
    }
}
