package dev.bantubox.gui.terminal;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.InvalidationListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Whether a node can be seen: it is in a scene on a showing window and it and all its ancestors are
 * visible (an unselected tab's content is not). The terminal skips painting while it cannot be seen:
 * JavaFX does not sync a hidden canvas, so its drawing commands would pile up until it is shown.
 * Used on the FX thread only.
 */
final class ShownState {
    private final Node node;
    private final Runnable becameShown;
    private final InvalidationListener changed = observable -> update();
    private final List<Node> watchedNodes = new ArrayList<>();
    private Scene watchedScene;
    private Window watchedWindow;
    private boolean shown;

    /** Watches node and runs becameShown each time it turns from hidden to shown. */
    ShownState(Node node, Runnable becameShown) {
        this.node = node;
        this.becameShown = becameShown;
        node.sceneProperty().addListener(changed);
        update();
    }

    boolean isShown() {
        return shown;
    }

    private void update() {
        watch();
        boolean now = computeShown();
        boolean turnedShown = now && !shown;
        shown = now;
        if (turnedShown) {
            becameShown.run();
        }
    }

    /** Listens to the visibility and parent of the node and each ancestor, and to its scene's window. */
    private void watch() {
        for (Node watched : watchedNodes) {
            watched.visibleProperty().removeListener(changed);
            watched.parentProperty().removeListener(changed);
        }
        watchedNodes.clear();
        for (Node current = node; current != null; current = current.getParent()) {
            current.visibleProperty().addListener(changed);
            current.parentProperty().addListener(changed);
            watchedNodes.add(current);
        }
        Scene scene = node.getScene();
        if (scene != watchedScene) {
            if (watchedScene != null) {
                watchedScene.windowProperty().removeListener(changed);
            }
            watchedScene = scene;
            if (scene != null) {
                scene.windowProperty().addListener(changed);
            }
        }
        Window window = scene == null ? null : scene.getWindow();
        if (window != watchedWindow) {
            if (watchedWindow != null) {
                watchedWindow.showingProperty().removeListener(changed);
            }
            watchedWindow = window;
            if (window != null) {
                window.showingProperty().addListener(changed);
            }
        }
    }

    private boolean computeShown() {
        if (watchedWindow == null || !watchedWindow.isShowing()) {
            return false;
        }
        for (Node watched : watchedNodes) {
            if (!watched.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
