package dev.bantubox.gui.progress;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Saves a learner's progress and checkpoint answers as JSON in their own data folder:
 * {@code $XDG_DATA_HOME/bantubox/progress.json}, by default {@code ~/.local/share/bantubox/}. Run
 * through sudo, the app works as root, so the file goes to the sudo user's home and is given to them.
 */
public final class ProgressStore {
    private static final Logger LOG = Logger.getLogger(ProgressStore.class.getName());
    private final Path file;
    private final Owner owner;
    private final Gson gson = new GsonBuilder().setPrettyPrinting().create();

    /** The uid and gid the file is given to after each write, or null to keep the writer's. */
    record Owner(int uid, int gid) {
    }

    ProgressStore(Path file, Owner owner) {
        this.file = file;
        this.owner = owner;
    }

    /** Creates a store at file; the file keeps the owner of the process that writes it. */
    public static ProgressStore at(Path file) {
        return new ProgressStore(file, null);
    }

    /** Creates the store of the learner who started the app, also when it was started through sudo. */
    public static ProgressStore forCurrentLearner() {
        String sudoUser = System.getenv("SUDO_USER");
        String sudoUid = System.getenv("SUDO_UID");
        String sudoGid = System.getenv("SUDO_GID");
        if (sudoUser != null && sudoUid != null && "root".equals(System.getProperty("user.name"))) {
            Path home = homeOf(sudoUser).orElse(null);
            if (home != null) {
                int uid = Integer.parseInt(sudoUid);
                int gid = sudoGid == null ? uid : Integer.parseInt(sudoGid);
                return new ProgressStore(home.resolve(".local/share/bantubox/progress.json"), new Owner(uid, gid));
            }
        }
        String dataHome = System.getenv("XDG_DATA_HOME");
        Path base = dataHome == null || dataHome.isBlank()
                ? Path.of(System.getProperty("user.home"), ".local", "share") : Path.of(dataHome);
        return at(base.resolve("bantubox").resolve("progress.json"));
    }

    public Path file() {
        return file;
    }

    /** Reads the saved progress; a missing or damaged file starts afresh (a damaged one is logged). */
    public LearnerProgress load() {
        if (!Files.isRegularFile(file)) {
            return new LearnerProgress();
        }
        try {
            LearnerProgress progress = gson.fromJson(Files.readString(file, StandardCharsets.UTF_8), LearnerProgress.class);
            return progress == null ? new LearnerProgress() : progress;
        } catch (IOException | JsonParseException e) {
            LOG.log(Level.WARNING, "cannot read the progress file " + file + " (" + e.getMessage()
                    + "); starting with no progress, and the next save replaces it", e);
            return new LearnerProgress();
        }
    }

    /** Writes progress to a temporary file and renames it into place. */
    public void save(LearnerProgress progress) throws IOException {
        write(toJson(progress));
    }

    /** Serialises progress; call it on the thread that changes progress, then {@link #write} anywhere. */
    public String toJson(LearnerProgress progress) {
        return gson.toJson(progress);
    }

    /** Writes JSON made by {@link #toJson} to a temporary file and renames it into place. */
    public void write(String json) throws IOException {
        Path folder = file.getParent();
        List<Path> created = createFolders(folder);
        Path temporary = folder.resolve("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, json, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (owner != null) {
            for (Path path : created) {
                giveToOwner(path);
            }
            giveToOwner(file);
        }
    }

    /** Creates folder and its missing parents; returns the ones it created, outermost first. */
    private static List<Path> createFolders(Path folder) throws IOException {
        java.util.ArrayList<Path> missing = new java.util.ArrayList<>();
        for (Path part = folder; part != null && !Files.exists(part); part = part.getParent()) {
            missing.add(0, part);
        }
        Files.createDirectories(folder);
        return missing;
    }

    private void giveToOwner(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", owner.uid());
        Files.setAttribute(path, "unix:gid", owner.gid());
    }

    /** Looks a user's home folder up in /etc/passwd (name:password:uid:gid:gecos:home:shell). */
    static java.util.Optional<Path> homeOf(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length >= 6 && fields[0].equals(user)) {
                    return java.util.Optional.of(Path.of(fields[5]));
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read /etc/passwd to find the home of " + user, e);
        }
        return java.util.Optional.empty();
    }
}
