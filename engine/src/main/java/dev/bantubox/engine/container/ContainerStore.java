package dev.bantubox.engine.container;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import dev.bantubox.engine.util.Json;
import dev.bantubox.engine.util.TreeRemover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
    private final Path directory;
    private final Gson gson = new GsonBuilder().setPrettyPrinting().create();
    private final SecureRandom random = new SecureRandom();

    public ContainerStore(Path directory) {
        this.directory = directory;
    }

    /** Creates a folder with a new random 64-hex-digit id. */
    public Path createFolder(String id) {
        try {
            Files.createDirectories(directory);
            return Files.createDirectory(directory.resolve(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the container folder in " + directory, e);
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

    public void save(ContainerRecord record) {
        Json.writeAtomically(gson, folderOf(record.id).resolve(RECORD_FILE), record);
    }

    public Optional<ContainerRecord> load(String id) {
        Path file = folderOf(id).resolve(RECORD_FILE);
        return Files.isRegularFile(file) ? Optional.of(Json.read(gson, file, ContainerRecord.class)) : Optional.empty();
    }

    /** Lists every container that has a record, oldest first. */
    public List<ContainerRecord> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<ContainerRecord> records = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                load(entry.getFileName().toString()).ifPresent(records::add);
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
