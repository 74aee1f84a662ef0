package dev.bantubox.engine.image;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.util.Json;
import dev.bantubox.engine.util.TreeRemover;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The images on this machine, each extracted once under {@code images/NAME/rootfs}. Built-in images
 * (busybox, starter) are made from their recipe on first use. An image appears in the store only when
 * it is complete: it is built in a temporary folder and renamed into place.
 */
public final class ImageStore {
    public static final String DEFAULT_IMAGE = "busybox";
    public static final String STARTER_IMAGE = "starter";
    private static final List<String> BUILT_IN = List.of(DEFAULT_IMAGE, STARTER_IMAGE);
    private static final long RECIPE_TIMEOUT_SECONDS = 600;
    private static final Logger LOG = Logger.getLogger(ImageStore.class.getName());

    private final Path directory;
    private volatile boolean downloadAllowed = !"1".equals(System.getenv("BANTUBOX_NO_DOWNLOAD"));
    private final Gson gson = new GsonBuilder().setPrettyPrinting().create();
    /** Images already read from their image.json, so a launch does not parse it again. */
    private final Map<String, Image> known = new ConcurrentHashMap<>();

    public ImageStore(Path directory) {
        this.directory = directory;
    }

    /**
     * Allows or forbids recipes to download packages (the busybox recipe then uses the host's static
     * busybox only). The BANTUBOX_NO_DOWNLOAD=1 environment variable sets the same.
     */
    public void setDownloadAllowed(boolean allowed) {
        downloadAllowed = allowed;
    }

    /** Lists the images that are complete, by name. */
    public List<Image> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Image> images = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".")) {
                    find(name).ifPresent(images::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list images in " + directory, e);
        }
        return images;
    }

    /** Returns the image if it is in the store. */
    public Optional<Image> find(String name) {
        Path metadata = directory.resolve(name).resolve("image.json");
        if (!Files.isRegularFile(metadata)) {
            known.remove(name);
            return Optional.empty();
        }
        Image cached = known.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        ImageRecord record = Json.read(gson, metadata, ImageRecord.class);
        Image image = new Image(name, directory.resolve(name).resolve("rootfs"), record.source, Instant.parse(record.created));
        known.put(name, image);
        return Optional.of(image);
    }

    /**
     * Returns the named image, building a built-in one on first use. Throws EngineException when the
     * name is invalid or no such image exists.
     */
    public Image resolve(String name) {
        try {
            ImageName.check(name);
        } catch (IllegalArgumentException invalid) {
            throw new EngineException(invalid.getMessage());
        }
        Optional<Image> existing = find(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        if (!BUILT_IN.contains(name)) {
            throw new EngineException("image '" + name + "' not found: 'bantubox images' lists the images on this"
                    + " machine, and " + String.join(" and ", BUILT_IN) + " are made on first use");
        }
        if (name.equals(DEFAULT_IMAGE)) {
            try {
                return build(DEFAULT_IMAGE);
            } catch (EngineException busyboxFailed) {
                LOG.warning("busybox image could not be made (" + busyboxFailed.getMessage()
                        + "); using the starter image built from host programs instead");
                return find(STARTER_IMAGE).orElseGet(() -> build(STARTER_IMAGE));
            }
        }
        return build(name);
    }

    /** Builds a built-in image from its recipe under images/NAME/build.sh, replacing nothing. */
    public synchronized Image build(String name) {
        try {
            Files.createDirectories(directory);
            try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                Optional<Image> builtMeanwhile = find(name);
                if (builtMeanwhile.isPresent()) {
                    return builtMeanwhile.get();
                }
                return buildLocked(name);
            }
        } catch (IOException e) {
            throw new EngineException("cannot build image '" + name + "' in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Removes an image from the store. */
    public void remove(String name) {
        ImageName.check(name);
        Path folder = directory.resolve(name);
        if (!Files.isDirectory(folder)) {
            throw new EngineException("image '" + name + "' not found: 'bantubox images' lists the images");
        }
        known.remove(name);
        TreeRemover.remove(folder);
    }

    private Image buildLocked(String name) throws IOException {
        Path temporary = Files.createTempDirectory(directory, ".build-" + name + "-");
        try {
            Path recipe = extractRecipe(name, temporary);
            Path rootfs = temporary.resolve("rootfs");
            Files.createDirectory(rootfs);
            String log = runRecipe(name, recipe, rootfs, downloadAllowed);
            Files.delete(recipe);
            ImageRecord record = new ImageRecord();
            record.source = sourceLine(log, name);
            record.created = Instant.now().toString();
            Json.writeAtomically(gson, temporary.resolve("image.json"), record);
            Path target = directory.resolve(name);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("image " + name + " is ready: " + record.source);
            return find(name).orElseThrow();
        } finally {
            if (Files.exists(temporary)) {
                TreeRemover.remove(temporary);
            }
        }
    }

    private static Path extractRecipe(String name, Path folder) throws IOException {
        String resource = "/images/" + name + "/build.sh";
        try (InputStream in = ImageStore.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new EngineException("no recipe for image '" + name + "' (" + resource + " is missing from the engine)");
            }
            Path recipe = folder.resolve("build.sh");
            Files.copy(in, recipe);
            return recipe;
        }
    }

    private static String runRecipe(String name, Path recipe, Path rootfs, boolean downloadAllowed) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", recipe.toString(), rootfs.toString()).redirectErrorStream(true);
        builder.environment().put("BANTUBOX_NO_DOWNLOAD", downloadAllowed ? "0" : "1");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(RECIPE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new EngineException("the recipe for image '" + name + "' did not finish in "
                        + RECIPE_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EngineException("building image '" + name + "' was interrupted", e);
        }
        String log = new String(output, StandardCharsets.UTF_8).trim();
        if (process.exitValue() != 0) {
            throw new EngineException("the recipe for image '" + name + "' failed: " + lastLine(log));
        }
        return log;
    }

    private static String sourceLine(String log, String name) {
        for (String line : log.split("\n")) {
            if (line.startsWith("source: ")) {
                return line.substring("source: ".length());
            }
        }
        return "built-in recipe " + name;
    }

    private static String lastLine(String log) {
        String[] lines = log.split("\n");
        return lines.length == 0 ? "(no output)" : lines[lines.length - 1];
    }

    /** The image.json file of an image folder. */
    static final class ImageRecord {
        String source;
        String created;
    }
}
