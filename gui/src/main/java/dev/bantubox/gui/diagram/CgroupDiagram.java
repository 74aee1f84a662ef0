package dev.bantubox.gui.diagram;

import dev.bantubox.engine.inspect.ContainerSnapshot;

import javafx.scene.layout.VBox;

/**
 * The cgroups the container's first process belongs to, from /proc/PID/cgroup.
 * TODO: draw limit against usage once the engine sets cgroup limits (--cpus, --memory, --pids-limit).
 */
public final class CgroupDiagram extends VBox {
    public CgroupDiagram() {
        getStyleClass().addAll("diagram", "cgroup-diagram");
        clear("Run an experiment to see its cgroups.");
    }

    public void clear(String sentence) {
        getChildren().setAll(DiagramLabels.note(sentence));
    }

    public void show(ContainerSnapshot snapshot) {
        if (snapshot.missed() != null) {
            clear("No cgroups to show: " + snapshot.missed() + ".");
            return;
        }
        getChildren().setAll(DiagramLabels.header("Member of (hierarchy : controllers : path)"));
        for (String line : snapshot.cgroups()) {
            getChildren().add(DiagramLabels.box(line, "cgroup-line"));
        }
        getChildren().add(DiagramLabels.note("This engine sets no limits yet, so the container stays in the"
                + " engine's own cgroups."));
    }
}
