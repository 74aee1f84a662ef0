package dev.bantubox.gui.diagram;

import dev.bantubox.engine.host.MountInfo;
import dev.bantubox.engine.inspect.ContainerSnapshot;
import dev.bantubox.engine.inspect.OverlayLayers;
import dev.bantubox.engine.lesson.ExperimentResult;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The container's root filesystem: overlay layers stacked (merged on top, lower at the bottom) with
 * the files the run wrote, or the image copy, or the host's root.
 */
public final class FilesystemDiagram extends VBox {
    public FilesystemDiagram() {
        getStyleClass().addAll("diagram", "filesystem-diagram");
        clear("Run an experiment to see its root filesystem.");
    }

    public void clear(String sentence) {
        getChildren().setAll(DiagramLabels.note(sentence));
    }

    /** Draws the layers of a finished run; the root mount comes from the snapshot taken while it ran. */
    public void show(ExperimentResult result) {
        OverlayLayers layers = result.layers();
        if (layers == null) {
            clear("The container did not start, so it has no root filesystem to show.");
            return;
        }
        getChildren().clear();
        switch (layers.kind()) {
            case "overlay" -> {
                getChildren().add(layer("merged: the container's /", layers.merged(), "layer-merged"));
                Label upper = layer("upper: this container's changes", layers.upper(), "layer-upper");
                upper.setId("layer-upper");
                getChildren().add(upper);
                getChildren().add(layer("work: overlayfs scratch space", layers.work(), "layer-work"));
                getChildren().add(layer("lower: the image, read-only and shared", layers.lower(), "layer-lower"));
                getChildren().add(DiagramLabels.header("Written by this run (upper layer):"));
                Label written = DiagramLabels.box(layers.written().isEmpty() ? "nothing"
                        : String.join("\n", layers.written()), "layer-written");
                written.setId("layer-written");
                getChildren().add(written);
            }
            case "copy" -> {
                getChildren().add(layer("a full copy of the image: the container's /", layers.merged(), "layer-copy"));
                getChildren().add(layer("copied from", layers.lower(), "layer-lower"));
            }
            default -> getChildren().add(layer("the host's own root: no root change", "/", "layer-host"));
        }
        ContainerSnapshot snapshot = result.snapshot();
        MountInfo root = snapshot == null ? null : snapshot.rootMount();
        if (root != null) {
            getChildren().add(DiagramLabels.note("Root mount seen inside: " + root.type() + " from " + root.source()
                    + " (" + root.propagation() + ")."));
        }
        if (!result.leftoverMounts().isEmpty()) {
            getChildren().add(DiagramLabels.box("Left in the host's mount table, then detached by the engine:\n"
                    + String.join("\n", result.leftoverMounts()), "layer-leftover"));
        }
    }

    private static Label layer(String title, String path, String styleClass) {
        return DiagramLabels.box(title + "\n" + path, styleClass);
    }
}
