package dev.bantubox.gui.theme;

import java.util.Locale;
import java.util.Objects;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * The one place that sets the app's root font size. Every size in the stylesheet is in em, so
 * scaling this size scales the text, the diagrams and the spacing together.
 */
public final class ThemeManager {
    /** The root font size at 100 %, in pixels. */
    public static final double BASE_FONT_PIXELS = 13;
    private static final String STYLESHEET = "/dev/bantubox/gui/bantubox.css";

    private final DoubleProperty scale = new SimpleDoubleProperty(1.0);

    /** Adds the stylesheet to scene and keeps its root font size in step with the scale. */
    public void apply(Scene scene) {
        scene.getStylesheets().add(Objects.requireNonNull(ThemeManager.class.getResource(STYLESHEET),
                STYLESHEET + " is missing from the app").toExternalForm());
        applyFontSize(scene.getRoot());
        scale.addListener((property, before, after) -> applyFontSize(scene.getRoot()));
        scene.rootProperty().addListener((property, before, after) -> applyFontSize(after));
    }

    /** The zoom factor: 1.0 is 100 %. */
    public DoubleProperty scaleProperty() {
        return scale;
    }

    /** The root font size in pixels at the current scale. */
    public double fontPixels() {
        return BASE_FONT_PIXELS * scale.get();
    }

    private void applyFontSize(Parent root) {
        if (root != null) {
            root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.2fpx;", fontPixels()));
        }
    }
}
