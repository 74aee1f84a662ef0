package dev.bantubox.engine.kernel;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The end of a container's first process, as bantubox-shim recorded it in the container's folder.
 *
 * @param exitCode   the exit code, or 128 + signal when a signal ended the process
 * @param signal     the signal that ended it, or 0 when it exited by itself
 * @param coreDumped true when the signal made a core dump
 * @param finished   when the shim reaped it
 */
public record ExitStatus(int exitCode, int signal, boolean coreDumped, Instant finished) {
    /** The file name that bantubox-shim writes (shim.c), by rename() of a complete temporary file. */
    public static final String FILE_NAME = "exit-status.json";
    private static final Gson GSON = new Gson();

    /** Reads the exit status the shim wrote to folder, if it has written one. */
    public static Optional<ExitStatus> read(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        FileFields fields;
        try {
            fields = GSON.fromJson(text, FileFields.class);
        } catch (JsonParseException e) {
            fields = null;
        }
        if (fields == null) {
            throw new IllegalStateException(file + " is not an exit status written by bantubox-shim: '" + text.trim()
                    + "'; remove the file to mark the container's exit code as unknown");
        }
        return Optional.of(new ExitStatus(fields.exitCode, fields.signal, fields.coreDumped,
                Instant.ofEpochSecond(fields.finishedSeconds, fields.finishedNanos)));
    }

    /** The JSON fields of the file. */
    private static final class FileFields {
        int exitCode;
        int signal;
        boolean coreDumped;
        long finishedSeconds;
        long finishedNanos;
    }
}
