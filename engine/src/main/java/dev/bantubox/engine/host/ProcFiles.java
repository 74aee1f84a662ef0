package dev.bantubox.engine.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the small text files of /proc, /proc/sys and cgroupfs. */
final class ProcFiles {
    private ProcFiles() {
    }

    /**
     * Returns the file's text with lines joined by '\n' and no trailing newline, or empty when it
     * cannot be read. Files.readString must not be used for these files. For a file that reports size
     * 0 it reads one byte first, and the kernel's integer sysctls return end-of-file to any read that
     * does not start at offset 0. So "96368" would come back as "9". A buffered reader asks for 8 KiB
     * at once.
     */
    static Optional<String> read(Path file) {
        try {
            return Optional.of(String.join("\n", Files.readAllLines(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
