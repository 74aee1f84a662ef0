package dev.bantubox.gui.presenter;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.lesson.ExperimentRunner;
import dev.bantubox.gui.diagram.DiagramPane;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

/** The instructor's two workshop commands: remove the app's containers, and export a diagram as PNG. */
final class WorkshopActions {
    private static final Logger LOG = Logger.getLogger(WorkshopActions.class.getName());

    private WorkshopActions() {
    }

    /**
     * Removes, with force, every container runner started that still exists, and returns their short
     * ids. Runs on the engine thread.
     */
    static List<String> removeStartedContainers(Engine engine, ExperimentRunner runner) {
        Set<String> existing = engine.list(true).stream().map(record -> record.id).collect(Collectors.toSet());
        List<String> removed = new ArrayList<>();
        for (String id : runner.startedContainers()) {
            if (existing.contains(id)) {
                ContainerRecord record = engine.find(id);
                engine.remove(id, true);
                removed.add(record.shortId());
                LOG.info("container " + record.shortId() + ": removed by the workshop reset");
            }
            runner.forget(id);
        }
        return removed;
    }

    /**
     * Writes the diagram of pane's selected tab, at its full size and the window's scale, to file as
     * PNG and returns the file. Call on the FX thread.
     */
    static Path writeDiagramPng(DiagramPane pane, Path file) throws IOException {
        Tab selected = pane.getSelectionModel().getSelectedItem();
        if (selected == null) {
            throw new IllegalStateException("no diagram tab is selected");
        }
        Node diagram = selected.getContent() instanceof ScrollPane scroll ? scroll.getContent() : selected.getContent();
        WritableImage image = diagram.snapshot(null, null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(toBufferedImage(image), "png", file.toFile())) {
            throw new IOException("no PNG writer in this Java runtime; " + file + " was not written");
        }
        return file;
    }

    private static BufferedImage toBufferedImage(WritableImage image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return buffered;
    }
}
