package dev.bantubox.engine.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of /proc/PID/mountinfo (see proc(5)): where a file system is mounted, its type and source,
 * and its propagation (shared:N, master:N, or none for private).
 */
public record MountInfo(int id, int parentId, String root, String mountPoint, String options,
                        List<String> optionalFields, String type, String source, String superOptions) {

    /** Reads the engine's own mount table. */
    public static List<MountInfo> readSelf() {
        return read(Path.of("/proc/self/mountinfo"));
    }

    /** Reads the mount table of a process, for example a container's. */
    public static List<MountInfo> readOf(int pid) {
        return read(Path.of("/proc/" + pid + "/mountinfo"));
    }

    static List<MountInfo> read(Path file) {
        try {
            List<MountInfo> mounts = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                mounts.add(parse(line));
            }
            return mounts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses one line; paths have spaces and tabs escaped as octal (\040). */
    public static MountInfo parse(String line) {
        String[] fields = line.split(" ");
        int separator = List.of(fields).indexOf("-");
        List<String> optional = List.of(fields).subList(6, separator);
        return new MountInfo(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]), unescape(fields[3]),
                unescape(fields[4]), fields[5], List.copyOf(optional), fields[separator + 1],
                unescape(fields[separator + 2]), separator + 3 < fields.length ? fields[separator + 3] : "");
    }

    /** The propagation type as findmnt shows it: shared, slave, or private. */
    public String propagation() {
        boolean shared = optionalFields.stream().anyMatch(field -> field.startsWith("shared:"));
        boolean slave = optionalFields.stream().anyMatch(field -> field.startsWith("master:"));
        if (shared && slave) {
            return "shared,slave";
        }
        return shared ? "shared" : slave ? "slave" : "private";
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 3 < text.length()) {
                String octal = text.substring(i + 1, i + 4);
                if (octal.chars().allMatch(d -> d >= '0' && d <= '7')) {
                    out.append((char) Integer.parseInt(octal, 8));
                    i += 3;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
