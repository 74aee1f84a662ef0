package dev.bantubox.engine.container;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import dev.bantubox.engine.kernel.TopDirectoryFlag;
import dev.bantubox.engine.util.FileLocks;
import dev.bantubox.engine.util.Json;
import dev.bantubox.engine.util.TreeRemover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The containers' folders and JSON records under {@code containers/}. */
public final class ContainerStore {
    private static final String RECORD_FILE = "container.json";
    private static final String LOCK_FILE = ".lock";
    private static final String LOG_FILE = "container.log";
    private final Path directory;
    private final Gson gson = new GsonBuilder().setPrettyPrinting().create();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean spreadSet;

    public ContainerStore(Path directory) {
        this.directory = directory;
    }

    /** Creates a folder with a new random 64-hex-digit id. */
    public Path createFolder(String id) {
        try {
            Files.createDirectories(directory);
            spreadContainerFolders();
            return Files.createDirectory(directory.resolve(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the container folder in " + directory, e);
        }
    }

    /**
     * Marks the store's folder with ext4's top-directory attribute, so each container's folder, with its
     * image copy, lands in a block group ext4 picks instead of in the group of the store's folder. On an
     * ext4 without a journal, every new inode skips the inodes of its group that were freed recently
     * (find_inode_bit() and recently_deleted() in fs/ext4/ialloc.c). So each removed container slowed
     * the next image copy in the same group. On this project's 2-core test machine, cp -a of the busybox
     * image grew from 180 to 300 ms over 25 copy-and-remove cycles in one folder, and stayed at 9 to
     * 12 ms with the attribute on the parent folder.
     */
    private void spreadContainerFolders() {
        if (!spreadSet) {
            spreadSet = true;
            TopDirectoryFlag.set(directory);
        }
    }

    public String newId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public Path folderOf(String id) {
        return directory.resolve(id);
    }

    /** Returns the folder that contains every container's folder. */
    public Path directory() {
        return directory;
    }

    /** Returns the log file that receives a detached container's standard output and error. */
    public Path logFileOf(String id) {
        return folderOf(id).resolve(LOG_FILE);
    }

    /**
     * Takes the store's lock, which every change of a container's state holds (settling an exit, removing,
     * claiming a name), so that two engines, or a waiter thread and a command, never change the same
     * container at once. One lock for the whole store: the changes are short, and a per-container lock
     * file could not live inside the folder that a removal deletes.
     */
    public FileLocks.Held lock() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return FileLocks.acquire(directory.resolve(LOCK_FILE));
    }

    public void save(ContainerRecord record) {
        Json.writeAtomically(gson, folderOf(record.id).resolve(RECORD_FILE), record);
    }

    /** Reads the container's record; empty when it has none, or it was removed meanwhile. */
    public Optional<ContainerRecord> load(String id) {
        Path file = folderOf(id).resolve(RECORD_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(gson, file, ContainerRecord.class));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Lists every container that has a record, oldest first. */
    public List<ContainerRecord> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<ContainerRecord> records = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".")) {
                    load(name).ifPresent(records::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list containers in " + directory, e);
        }
        records.sort((a, b) -> a.created.compareTo(b.created));
        return records;
    }

    /** Deletes the container's folder with everything in it. */
    public void delete(String id) {
        TreeRemover.remove(folderOf(id));
    }
}
