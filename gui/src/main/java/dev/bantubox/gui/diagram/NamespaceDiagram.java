package dev.bantubox.gui.diagram;

import dev.bantubox.engine.inspect.ContainerSnapshot;
import dev.bantubox.engine.inspect.NamespaceSnapshot;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/**
 * Host and container side by side, one row per namespace type. A namespace both share is one band
 * across both columns; a separate one is two boxes, each with its inode number. The labels are made
 * once and updated by each run, so a run restyles only a row whose namespace became shared or
 * separate.
 */
public final class NamespaceDiagram extends GridPane {
    private final Label emptyNote = DiagramLabels.note("");
    private final Label corner = DiagramLabels.header("");
    private final Label hostHeader = DiagramLabels.header("");
    private final Label containerHeader = DiagramLabels.header("");
    private final Label footnote =
            DiagramLabels.note("Read from /proc/PID/ns/: equal inode numbers mean one shared namespace.");
    private final List<TypeRow> rows = new ArrayList<>();
    private boolean drawn;

    public NamespaceDiagram() {
        getStyleClass().addAll("diagram", "namespace-diagram");
        for (int column = 0; column < 3; column++) {
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setHgrow(column == 0 ? Priority.NEVER : Priority.ALWAYS);
            constraints.setHalignment(HPos.CENTER);
            constraints.setFillWidth(true);
            getColumnConstraints().add(constraints);
        }
        int row = 1;
        for (String type : NamespaceSnapshot.TYPES) {
            rows.add(new TypeRow(type, row++));
        }
        clear("Run an experiment: the diagram shows the namespaces the kernel reports for it.");
    }

    /** Shows nothing but a sentence. */
    public void clear(String sentence) {
        emptyNote.setText(sentence);
        if (drawn || getChildren().isEmpty()) {
            getChildren().setAll(emptyNote);
            setConstraints(emptyNote, 0, 0, 3, 1);
            drawn = false;
        }
    }

    /** Draws the namespaces of snapshot. */
    public void show(ContainerSnapshot snapshot) {
        NamespaceSnapshot host = snapshot.host();
        NamespaceSnapshot container = snapshot.container();
        if (!drawn) {
            getChildren().clear();
            add(corner, 0, 0);
            add(hostHeader, 1, 0);
            add(containerHeader, 2, 0);
            for (TypeRow row : rows) {
                row.addTo(this);
            }
            add(footnote, 0, rows.size() + 1, 3, 1);
            drawn = true;
        }
        hostHeader.setText("host (engine, pid " + host.pid() + ")");
        containerHeader.setText("container (pid " + container.pid() + " on the host)");
        for (TypeRow row : rows) {
            row.show(this, host, container);
        }
    }

    /**
     * One namespace type: its name, and either the shared band or the host and container boxes. Only
     * the drawn kind is in the grid, so a lookup of the other kind's id finds nothing.
     */
    private static final class TypeRow {
        private final String type;
        private final int row;
        private final Label name;
        private final Label band;
        private final Label hostBox;
        private final Label containerBox;
        private boolean shared;

        TypeRow(String type, int row) {
            this.type = type;
            this.row = row;
            name = DiagramLabels.box(type, "ns-type");
            band = DiagramLabels.box("", "ns-shared");
            band.setId("ns-" + type + "-shared");
            hostBox = DiagramLabels.box("", "ns-host");
            hostBox.setId("ns-" + type + "-host");
            containerBox = DiagramLabels.box("", "ns-container");
            containerBox.setId("ns-" + type + "-container");
        }

        void addTo(GridPane grid) {
            grid.add(name, 0, row);
            grid.add(hostBox, 1, row);
            grid.add(containerBox, 2, row);
            shared = false;
        }

        void show(GridPane grid, NamespaceSnapshot host, NamespaceSnapshot container) {
            boolean nowShared = container.shares(host, type);
            if (nowShared != shared) {
                if (nowShared) {
                    grid.getChildren().removeAll(hostBox, containerBox);
                    grid.add(band, 1, row, 2, 1);
                } else {
                    grid.getChildren().remove(band);
                    grid.add(hostBox, 1, row);
                    grid.add(containerBox, 2, row);
                }
                shared = nowShared;
            }
            if (shared) {
                band.setText("shared   " + type + ":[" + host.inode(type) + "]");
            } else {
                hostBox.setText(type + ":[" + host.inode(type) + "]");
                containerBox.setText(type + ":[" + container.inode(type) + "]");
            }
        }
    }
}
