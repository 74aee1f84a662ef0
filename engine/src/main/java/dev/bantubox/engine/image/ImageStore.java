package dev.bantubox.engine.image;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.util.Json;
import dev.bantubox.engine.util.TreeRemover;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The images on this machine, each extracted once under {@code images/NAME/rootfs}. Built-in images
 * (busybox, starter) are made from their recipe on first use. Others are built from a recipe (debian,
 * ubuntu) or imported from a tar archive or an OCI image layout. An image appears in the store only
 * when it is complete, because it is built or imported in a temporary folder and renamed into place.
 */
public final class ImageStore {
    public static final String DEFAULT_IMAGE = "busybox";
    public static final String STARTER_IMAGE = "starter";
    private static final List<String> BUILT_IN = List.of(DEFAULT_IMAGE, STARTER_IMAGE);
    /** Recipes and how long each may run: debootstrap downloads and unpacks about a hundred packages. */
    private static final List<Recipe> RECIPES = List.of(
            new Recipe(DEFAULT_IMAGE, DEFAULT_IMAGE, Map.of(), 600),
            new Recipe(STARTER_IMAGE, STARTER_IMAGE, Map.of(), 600),
            new Recipe("debian", "debootstrap", Map.of("BANTUBOX_DISTRIBUTION", "debian"), 1800),
            new Recipe("ubuntu", "debootstrap", Map.of("BANTUBOX_DISTRIBUTION", "ubuntu"), 1800));
    private static final String TEMPORARY_BUILD = ".build-";
    private static final String TEMPORARY_IMPORT = ".import-";
    private static final String TEMPORARY_REMOVAL = ".remove-";
    private static final Logger LOG = Logger.getLogger(ImageStore.class.getName());

    private final Path directory;
    private volatile boolean downloadAllowed = !"1".equals(System.getenv("BANTUBOX_NO_DOWNLOAD"));
    /** Images already read from their image.json, so a launch does not parse it again. */
    private final Map<String, Image> known = new ConcurrentHashMap<>();
    private final Gson gson = new GsonBuilder().setPrettyPrinting().create();

    public ImageStore(Path directory) {
        this.directory = directory;
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
     * Allows or forbids recipes to download packages (the busybox recipe then uses the host's static
     * busybox only). The BANTUBOX_NO_DOWNLOAD=1 environment variable sets the same.
     */
    public void setDownloadAllowed(boolean allowed) {
        downloadAllowed = allowed;
    }

    /**
     * Returns the named image, building a built-in one on first use. Throws EngineException when the
     * name is invalid or no such image exists.
     */
    public Image resolve(String name) {
        checkName(name);
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

    /** Returns the names of the recipes that {@link #build} runs. */
    public static List<String> recipes() {
        return RECIPES.stream().map(Recipe::name).toList();
    }

    /** Builds an image from the recipe of the same name; see {@link #build(String, String, Map, Consumer)}. */
    public Image build(String name) {
        return build(name, name, Map.of("BANTUBOX_NO_DOWNLOAD", downloadAllowed ? "0" : "1"), line -> { });
    }

    /**
     * Builds image name with the recipe recipeName (images/SCRIPT/build.sh), or returns the image when it
     * exists already. The recipe runs with settings added to its environment, and each line it prints
     * goes to output. Nothing appears in the store unless the recipe and the import of its result succeed.
     */
    public synchronized Image build(String recipeName, String name, Map<String, String> settings,
            Consumer<String> output) {
        Recipe recipe = RECIPES.stream().filter(candidate -> candidate.name().equals(recipeName)).findFirst()
                .orElseThrow(() -> new EngineException("no recipe '" + recipeName + "': the recipes are "
                        + String.join(", ", recipes())));
        checkName(name);
        return locked("build image '" + name + "'", () -> {
            Optional<Image> builtMeanwhile = find(name);
            if (builtMeanwhile.isPresent()) {
                return builtMeanwhile.get();
            }
            return buildLocked(recipe, name, settings, output);
        });
    }

    /**
     * Imports a tar archive (plain, .gz, .xz or .bz2) or an OCI image layout (a folder or its tar) as image
     * name. tag chooses one image of an OCI layout that contains several, and may be null. The image is
     * unpacked in a temporary folder and renamed into place only when complete.
     */
    public synchronized ImportResult importImage(String name, Path source, String tag) {
        checkName(name);
        return locked("import " + source + " as image '" + name + "'", () -> {
            if (Files.exists(directory.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                throw new EngineException("image '" + name + "' exists already; remove it first with"
                        + " 'bantubox image rm " + name + "' or import under another name");
            }
            Path temporary = Files.createTempDirectory(directory, TEMPORARY_IMPORT + name + "-");
            try {
                Path rootfs = Files.createDirectory(temporary.resolve("rootfs"));
                ImageImporter.Result imported = ImageImporter.importInto(source, tag, rootfs, temporary);
                Image image = publish(temporary, name, imported.source());
                LOG.info("image " + name + " imported from " + imported.source() + ": " + imported.report().summary());
                return new ImportResult(image, imported.report());
            } finally {
                TreeRemover.remove(temporary);
            }
        });
    }

    /**
     * Removes an image from the store. The folder is first renamed out of the store's sight, so an
     * interrupted removal leaves no half image that the store would list.
     */
    public synchronized void remove(String name) {
        known.remove(name);
        checkName(name);
        locked("remove image '" + name + "'", () -> {
            Path folder = directory.resolve(name);
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                throw new EngineException("image '" + name + "' not found: 'bantubox images' lists the images");
            }
            Path doomed = directory.resolve(TEMPORARY_REMOVAL + name + "-" + System.nanoTime());
            Files.move(folder, doomed, StandardCopyOption.ATOMIC_MOVE);
            TreeRemover.remove(doomed);
            return null;
        });
    }

    /** An action that runs while this process holds the store's lock. */
    private interface LockedAction<T> {
        T run() throws IOException;
    }

    /**
     * Runs action while holding the store's lock file, which keeps other engine processes from building,
     * importing or removing at the same time. Callers are synchronized against threads of this process.
     */
    private <T> T locked(String what, LockedAction<T> action) {
        try {
            Files.createDirectories(directory);
            try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                removeLeftovers();
                return action.run();
            }
        } catch (IOException | UncheckedIOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new EngineException("cannot " + what + " in " + directory + ": " + reason, e);
        }
    }

    /**
     * Deletes the temporary folders of builds, imports and removals that a killed engine left. Safe
     * under the lock: a live build, import or removal holds the lock for as long as its folder exists.
     */
    private void removeLeftovers() throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(TEMPORARY_BUILD) || name.startsWith(TEMPORARY_IMPORT)
                        || name.startsWith(TEMPORARY_REMOVAL)) {
                    try {
                        TreeRemover.remove(entry);
                        LOG.info("removed " + entry + ", left by an image build, import or removal that did not finish");
                    } catch (UncheckedIOException stuck) {
                        LOG.warning("cannot remove " + entry + ", left by an interrupted image operation: "
                                + stuck.getMessage());
                    }
                }
            }
        }
    }

    private Image buildLocked(Recipe recipe, String name, Map<String, String> settings, Consumer<String> output)
            throws IOException {
        Path temporary = Files.createTempDirectory(directory, TEMPORARY_BUILD + name + "-");
        try {
            Path recipeFile = extractRecipe(recipe.script(), temporary);
            Path rootfs = Files.createDirectory(temporary.resolve("rootfs"));
            Path archive = temporary.resolve("rootfs.tar");
            String log = runRecipe(recipe, recipeFile, rootfs, archive, settings, output);
            Files.delete(recipeFile);
            if (Files.exists(archive)) {
                unpackRecipeArchive(recipe, archive, rootfs, output);
            }
            Image image = publish(temporary, name, sourceLine(log, recipe.name()));
            LOG.info("image " + name + " is ready: " + image.source());
            return image;
        } finally {
            TreeRemover.remove(temporary);
        }
    }

    /** Imports the tar that a recipe such as debian's packs of the tree it made. */
    private static void unpackRecipeArchive(Recipe recipe, Path archive, Path rootfs, Consumer<String> output)
            throws IOException {
        try (Stream<Path> made = Files.list(rootfs)) {
            if (made.findAny().isPresent()) {
                throw new EngineException("the recipe for '" + recipe.name() + "' both filled the root folder and"
                        + " wrote an archive; a recipe must do one of the two");
            }
        }
        ExtractionReport report = ImageImporter.extractArchive(archive, rootfs, new ExtractionReport());
        Files.delete(archive);
        output.accept("unpacked " + archive.getFileName() + ": " + report.summary());
    }

    /** Writes image.json and renames the finished folder into the store; returns the stored image. */
    private Image publish(Path temporary, String name, String source) throws IOException {
        ImageRecord record = new ImageRecord();
        record.source = source;
        record.created = Instant.now().toString();
        Json.writeAtomically(gson, temporary.resolve("image.json"), record);
        Files.move(temporary, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return find(name).orElseThrow();
    }

    private static void checkName(String name) {
        try {
            ImageName.check(name);
        } catch (IllegalArgumentException invalid) {
            throw new EngineException(invalid.getMessage());
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

    /**
     * Runs {@code bash build.sh ROOTFS ARCHIVE}: a recipe either fills ROOTFS or writes a tar to ARCHIVE.
     * Returns everything it printed.
     */
    private static String runRecipe(Recipe recipe, Path recipeFile, Path rootfs, Path archive,
            Map<String, String> settings, Consumer<String> output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", recipeFile.toString(), rootfs.toString(), archive.toString())
                .redirectErrorStream(true);
        builder.environment().putAll(settings);
        builder.environment().putAll(recipe.environment());
        Process process = builder.start();
        process.getOutputStream().close();
        StringBuilder log = new StringBuilder();
        // A separate reader keeps the timeout working while the recipe is silent, and shows progress as it comes.
        Thread reader = new Thread(() -> readLines(process.getInputStream(), log, output), "recipe-" + recipe.name());
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(recipe.timeoutSeconds(), TimeUnit.SECONDS)) {
                stop(process);
                throw new EngineException("the recipe for image '" + recipe.name() + "' did not finish in "
                        + recipe.timeoutSeconds() + " s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new EngineException("building image '" + recipe.name() + "' was interrupted", e);
        }
        String text;
        synchronized (log) {
            text = log.toString().trim();
        }
        if (process.exitValue() != 0) {
            throw new EngineException("the recipe for image '" + recipe.name() + "' failed: " + lastLine(text));
        }
        return text;
    }

    private static void readLines(InputStream in, StringBuilder log, Consumer<String> output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                synchronized (log) {
                    log.append(line).append('\n');
                }
                output.accept(line);
            }
        } catch (IOException closed) {
            // The process was stopped; what it printed so far is in the log.
        }
    }

    /** Kills the recipe and the programs it started (debootstrap, tar, ...), each by its pid. */
    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
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

    /**
     * A way to build an image.
     *
     * @param name           the name that {@code image build} takes
     * @param script         the folder under images/ whose build.sh runs
     * @param environment    variables that tell a shared script what to build
     * @param timeoutSeconds how long the script may run before it is stopped
     */
    private record Recipe(String name, String script, Map<String, String> environment, long timeoutSeconds) {
    }

    /** The image.json file of an image folder. */
    static final class ImageRecord {
        String source;
        String created;
    }
}
