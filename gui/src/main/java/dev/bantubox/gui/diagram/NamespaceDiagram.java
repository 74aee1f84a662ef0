package dev.bantubox.gui.diagram;

import dev.bantubox.engine.inspect.ContainerSnapshot;
import dev.bantubox.engine.inspect.NamespaceSnapshot;

import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/**
 * Host and container side by side, one row per namespace type. A namespace both share is one band
 * across both columns; a separate one is two boxes, each with its inode number.
 */
public final class NamespaceDiagram extends GridPane {
    public NamespaceDiagram() {
        getStyleClass().addAll("diagram", "namespace-diagram");
        for (int column = 0; column < 3; column++) {
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setHgrow(column == 0 ? Priority.NEVER : Priority.ALWAYS);
            constraints.setHalignment(HPos.CENTER);
            constraints.setFillWidth(true);
            getColumnConstraints().add(constraints);
        }
        clear("Run an experiment: the diagram shows the namespaces the kernel reports for it.");
    }

    /** Shows nothing but a sentence. */
    public void clear(String sentence) {
        getChildren().clear();
        Label empty = DiagramLabels.note(sentence);
        add(empty, 0, 0, 3, 1);
    }

    /** Draws the namespaces of snapshot. */
    public void show(ContainerSnapshot snapshot) {
        getChildren().clear();
        NamespaceSnapshot host = snapshot.host();
        NamespaceSnapshot container = snapshot.container();
        add(DiagramLabels.header(""), 0, 0);
        add(DiagramLabels.header("host (engine, pid " + host.pid() + ")"), 1, 0);
        add(DiagramLabels.header("container (pid " + container.pid() + " on the host)"), 2, 0);
        int row = 1;
        for (String type : NamespaceSnapshot.TYPES) {
            Label name = DiagramLabels.box(type, "ns-type");
            add(name, 0, row);
            if (container.shares(host, type)) {
                Label band = DiagramLabels.box("shared   " + type + ":[" + host.inode(type) + "]", "ns-shared");
                band.setId("ns-" + type + "-shared");
                add(band, 1, row, 2, 1);
            } else {
                Label hostBox = DiagramLabels.box(type + ":[" + host.inode(type) + "]", "ns-host");
                Label containerBox = DiagramLabels.box(type + ":[" + container.inode(type) + "]", "ns-container");
                hostBox.setId("ns-" + type + "-host");
                containerBox.setId("ns-" + type + "-container");
                add(hostBox, 1, row);
                add(containerBox, 2, row);
            }
            row++;
        }
        add(DiagramLabels.note("Read from /proc/PID/ns/: equal inode numbers mean one shared namespace."), 0, row, 3, 1);
    }
}
