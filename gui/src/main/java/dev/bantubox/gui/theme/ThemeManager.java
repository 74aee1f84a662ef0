package dev.bantubox.gui.theme;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * The one place that sets the app's root font size and colour theme. Every size in the stylesheet is
 * in em, so scaling this size scales the text, the diagrams and the spacing together.
 */
public final class ThemeManager {
    /** The root font size at 100 %, in pixels. */
    public static final double BASE_FONT_PIXELS = 13;
    /** The smallest scale, 100 %. */
    public static final double MIN_SCALE = 1.0;
    /** The largest scale, 300 %, enough for the back row of a projected room. */
    public static final double MAX_SCALE = 3.0;
    private static final String STYLESHEET = "/dev/bantubox/gui/bantubox.css";

    private final DoubleProperty scale = new SimpleDoubleProperty(1.0);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    /** Per scene, the action that removes its listeners from this manager. */
    private final Map<Scene, Runnable> released = new HashMap<>();

    /** Adds the stylesheets to scene and keeps its root font size and theme in step with this manager. */
    public void apply(Scene scene) {
        scene.getStylesheets().add(resource(STYLESHEET));
        applyTheme(scene, null, theme.get());
        applyFontSize(scene.getRoot());
        ChangeListener<Number> scaleListener = (property, before, after) -> applyFontSize(scene.getRoot());
        ChangeListener<Theme> themeListener = (property, before, after) -> applyTheme(scene, before, after);
        scale.addListener(scaleListener);
        theme.addListener(themeListener);
        scene.rootProperty().addListener((property, before, after) -> applyFontSize(after));
        released.put(scene, () -> {
            scale.removeListener(scaleListener);
            theme.removeListener(themeListener);
        });
    }

    /** Stops following this manager in scene, whose window closed for good, so the scene can be collected. */
    public void release(Scene scene) {
        Runnable removeListeners = released.remove(scene);
        if (removeListeners != null) {
            removeListeners.run();
        }
    }

    /** The zoom factor: 1.0 is 100 %. */
    public DoubleProperty scaleProperty() {
        return scale;
    }

    /** The colour theme of every scene this manager applied to. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** Sets the scale, kept between {@link #MIN_SCALE} and {@link #MAX_SCALE}. */
    public void setScale(double factor) {
        scale.set(Math.max(MIN_SCALE, Math.min(MAX_SCALE, factor)));
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

    private static void applyTheme(Scene scene, Theme before, Theme after) {
        if (before != null && before.stylesheet() != null) {
            scene.getStylesheets().remove(resource(before.stylesheet()));
        }
        if (after != null && after.stylesheet() != null) {
            scene.getStylesheets().add(resource(after.stylesheet()));
        }
    }

    private static String resource(String path) {
        return Objects.requireNonNull(ThemeManager.class.getResource(path), path + " is missing from the app")
                .toExternalForm();
    }
}
