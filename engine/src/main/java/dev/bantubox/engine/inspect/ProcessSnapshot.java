package dev.bantubox.engine.inspect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads a container's process tree from /proc: its first process and every descendant. */
public final class ProcessSnapshot {
    private ProcessSnapshot() {
    }

    /**
     * Lists the process firstPid and its descendants, parents before children. Throws
     * ProcessGoneException when firstPid has already ended.
     */
    public static List<ProcessEntry> of(int firstPid) {
        Map<Integer, List<Integer>> children = childrenByParent();
        List<ProcessEntry> processes = new ArrayList<>();
        Deque<Integer> pending = new ArrayDeque<>();
        pending.add(firstPid);
        while (!pending.isEmpty()) {
            int pid = pending.removeFirst();
            ProcessEntry entry = read(pid);
            if (entry == null) {
                if (pid == firstPid) {
                    throw new ProcessGoneException(pid);
                }
                continue;
            }
            processes.add(entry);
            pending.addAll(children.getOrDefault(pid, List.of()));
        }
        return processes;
    }

    /** Reads one process's status; null when it has ended or is a zombie. */
    static ProcessEntry read(int pid) {
        String status;
        try {
            status = Files.readString(Path.of("/proc", String.valueOf(pid), "status"), StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return null;
        }
        String name = "";
        List<Integer> namespacePids = new ArrayList<>();
        for (String line : status.split("\n")) {
            if (line.startsWith("Name:")) {
                name = line.substring("Name:".length()).trim();
            } else if (line.startsWith("State:") && line.contains("zombie")) {
                return null;
            } else if (line.startsWith("NSpid:")) {
                for (String number : line.substring("NSpid:".length()).trim().split("\\s+")) {
                    namespacePids.add(Integer.parseInt(number));
                }
            }
        }
        return new ProcessEntry(pid, namespacePids, name);
    }

    private static Map<Integer, List<Integer>> childrenByParent() {
        Map<Integer, List<Integer>> children = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                int parent = parentOf(entry);
                if (parent > 0) {
                    children.computeIfAbsent(parent, key -> new ArrayList<>()).add(Integer.parseInt(name));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return children;
    }

    /** The parent pid, field 4 of /proc/PID/stat; the command name before it may contain spaces. */
    private static int parentOf(Path processFolder) {
        try {
            String stat = Files.readString(processFolder.resolve("stat"), StandardCharsets.UTF_8);
            String afterName = stat.substring(stat.lastIndexOf(')') + 2);
            return Integer.parseInt(afterName.split(" ")[1]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }
}
