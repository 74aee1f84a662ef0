package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.inspect.NamespaceSnapshot;

import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/**
 * Two containers side by side, one row per namespace type, as the lesson window draws host and
 * container: a namespace both are in is one band across both columns, a separate one is two boxes,
 * each with its inode number. A namespace that is also the engine's own is marked as the host's.
 */
public final class NamespaceComparison extends GridPane {
    public NamespaceComparison() {
        setId("namespace-comparison");
        getStyleClass().addAll("diagram", "namespace-diagram", "namespace-comparison");
        for (int column = 0; column < 3; column++) {
            ColumnConstraints constraints = new ColumnConstraints();
            constraints.setHgrow(column == 0 ? Priority.NEVER : Priority.ALWAYS);
            constraints.setHalignment(HPos.CENTER);
            constraints.setFillWidth(true);
            getColumnConstraints().add(constraints);
        }
        clear("Pick two running containers to compare their namespaces.");
    }

    /** Shows nothing but a sentence. */
    public void clear(String sentence) {
        getChildren().clear();
        add(label(sentence, "diagram-note"), 0, 0, 3, 1);
    }

    /** Draws first and second, named by their titles, against host, the engine's own namespaces. */
    public void show(String firstTitle, NamespaceSnapshot first, String secondTitle, NamespaceSnapshot second,
                     NamespaceSnapshot host) {
        getChildren().clear();
        add(label("", "diagram-header"), 0, 0);
        add(label(firstTitle + " (pid " + first.pid() + " on the host)", "diagram-header"), 1, 0);
        add(label(secondTitle + " (pid " + second.pid() + " on the host)", "diagram-header"), 2, 0);
        int row = 1;
        for (String type : NamespaceSnapshot.TYPES) {
            add(box(type, "ns-type"), 0, row);
            if (first.shares(second, type)) {
                Label band = box("shared   " + type + ":[" + first.inode(type) + "]" + hostMark(first, host, type),
                        "ns-shared");
                band.setId("compare-" + type + "-shared");
                add(band, 1, row, 2, 1);
            } else {
                Label firstBox = box(type + ":[" + first.inode(type) + "]" + hostMark(first, host, type), "ns-host");
                Label secondBox = box(type + ":[" + second.inode(type) + "]" + hostMark(second, host, type),
                        "ns-container");
                firstBox.setId("compare-" + type + "-first");
                secondBox.setId("compare-" + type + "-second");
                add(firstBox, 1, row);
                add(secondBox, 2, row);
            }
            row++;
        }
        add(label("Read from /proc/PID/ns/ of each container's first process: equal inode numbers mean one shared"
                + " namespace, and \"the host's\" marks the engine's own.", "diagram-note"), 0, row, 3, 1);
    }

    private static String hostMark(NamespaceSnapshot snapshot, NamespaceSnapshot host, String type) {
        return snapshot.shares(host, type) ? "  the host's" : "";
    }

    private static Label box(String text, String styleClass) {
        Label label = label(text, "diagram-box");
        label.getStyleClass().add(styleClass);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    private static Label label(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        return label;
    }
}
