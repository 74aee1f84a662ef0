package dev.bantubox.gui.diagram;

import javafx.scene.control.Label;

/** Small label builders the diagrams share, so their boxes and notes look alike. */
final class DiagramLabels {
    private DiagramLabels() {
    }

    /** A box that stretches to fill its grid cell. */
    static Label box(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().addAll("diagram-box", styleClass);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setWrapText(true);
        return label;
    }

    static Label header(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("diagram-header");
        label.setWrapText(true);
        return label;
    }

    static Label note(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("diagram-note");
        label.setWrapText(true);
        return label;
    }
}
