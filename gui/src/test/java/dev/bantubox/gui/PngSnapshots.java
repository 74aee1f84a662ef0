package dev.bantubox.gui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;

import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

import org.testfx.api.FxToolkit;

/** Writes a PNG of a scene for a person to review, under the folder the build names (bantubox.snapshots). */
public final class PngSnapshots {
    private PngSnapshots() {
    }

    public static Path folder() {
        return Path.of(System.getProperty("bantubox.snapshots", "target/lesson-snapshots"));
    }

    /** Renders scene on the FX thread and writes it as NAME.png; returns the file. */
    public static Path write(Scene scene, String name) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        FxToolkit.setupFixture(() -> image.set(scene.snapshot(null)));
        Files.createDirectories(folder());
        Path file = folder().resolve(name + ".png");
        writePng(image.get(), file);
        return file;
    }

    private static void writePng(WritableImage image, Path file) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(buffered, "png", file.toFile());
    }
}
