package dev.bantubox.engine.util;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes the engine's JSON records; a write never leaves a half-written file behind. */
public final class Json {
    private Json() {
    }

    public static <T> T read(Gson gson, Path file, Class<T> type) {
        try {
            return gson.fromJson(Files.readString(file, StandardCharsets.UTF_8), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (JsonParseException e) {
            throw new IllegalStateException(file + " is not valid JSON (" + e.getMessage()
                    + "); remove it or restore it from a backup", e);
        }
    }

    /** Writes to a temporary file in the same folder and renames it over the target. */
    public static void writeAtomically(Gson gson, Path file, Object value) {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.writeString(temporary, gson.toJson(value), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
