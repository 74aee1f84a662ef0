package dev.bantubox.engine.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A fake cgroup2 mount: plain files in a temporary directory, laid out and checked the way the kernel's
 * cgroup v2 does it, so the v2 driver can be tested on a host that has no usable v2 controllers.
 *
 * <p>It is not the kernel. It keeps the rules the driver relies on: interface files per enabled
 * controller, the no-internal-process rule, the value formats of cpu.max, cpu.weight, memory.max,
 * memory.swap.max and pids.max, and rmdir only of an empty leaf. It logs every change in order, but it
 * schedules nothing and counts nothing by itself.
 */
final class FakeCgroup2Tree implements CgroupFiles {
    private static final Set<String> READ_ONLY = Set.of("cgroup.controllers", "cgroup.events", "cpu.stat",
            "memory.current", "memory.peak", "memory.events", "pids.current", "pids.events");

    private final Path mountPoint;
    private final List<String> changes = new ArrayList<>();

    /** Makes the root cgroup in directory, offering the given controllers (as the root's cgroup.controllers). */
    FakeCgroup2Tree(Path directory, String rootControllers) {
        this.mountPoint = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        put(directory.resolve("cgroup.controllers"), rootControllers);
        put(directory.resolve("cgroup.subtree_control"), "");
        put(directory.resolve("cgroup.procs"), "");
        put(directory.resolve("cpu.stat"), "usage_usec 0\nuser_usec 0\nsystem_usec 0\n");
    }

    Path mountPoint() {
        return mountPoint;
    }

    /** Returns the directory of a cgroup named as /proc/PID/cgroup names it, for example {@code /user.slice}. */
    Path cgroup(String cgroupPath) {
        return mountPoint.resolve(cgroupPath.substring(1));
    }

    /**
     * Sets up a cgroup (and its parents) with processes in it, as the host had it before the engine
     * started: the parent's subtree_control is set to what the cgroup needs, and nothing is logged.
     */
    void prepareCgroup(String cgroupPath, String controllers, long... pids) {
        Path directory = mountPoint;
        for (String name : cgroupPath.substring(1).split("/")) {
            put(directory.resolve("cgroup.subtree_control"), controllers);
            directory = directory.resolve(name);
            if (!Files.isDirectory(directory)) {
                createInterfaceFiles(directory);
            }
        }
        StringBuilder procs = new StringBuilder();
        for (long pid : pids) {
            procs.append(pid).append('\n');
        }
        put(directory.resolve("cgroup.procs"), procs.toString());
    }

    /** Returns every change made through the CgroupFiles methods, in order: "mkdir DIR", "write FILE VALUE", "rmdir DIR". */
    List<String> changes() {
        return List.copyOf(changes);
    }

    /** Sets a file as the kernel would, for figures such as memory.current; not logged. */
    void setKernelValue(Path file, String value) {
        put(file, value);
    }

    /** Returns the pids listed in a cgroup's cgroup.procs. */
    List<Long> processesIn(Path directory) {
        List<Long> pids = new ArrayList<>();
        for (String line : get(directory.resolve("cgroup.procs")).split("\n")) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.trim()));
            }
        }
        return pids;
    }

    @Override
    public void makeDirectory(Path directory) {
        if (!Files.isDirectory(directory.getParent())) {
            throw new CgroupException("mkdir", directory, null, "ENOENT");
        }
        if (Files.exists(directory)) {
            throw new CgroupException("mkdir", directory, null, "EEXIST");
        }
        createInterfaceFiles(directory);
        changes.add("mkdir " + relative(directory));
    }

    @Override
    public void removeDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new CgroupException("rmdir", directory, null, "ENOENT");
        }
        if (!processesIn(directory).isEmpty() || !childDirectories(directory).isEmpty()) {
            throw new CgroupException("rmdir", directory, null, "EBUSY");
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        changes.add("rmdir " + relative(directory));
    }

    @Override
    public void write(Path file, String value) {
        String name = file.getFileName().toString();
        Path directory = file.getParent();
        if (!Files.isRegularFile(file)) {
            throw new CgroupException("write", file, value, "ENOENT");
        }
        if (READ_ONLY.contains(name)) {
            throw new CgroupException("write", file, value, "EACCES");
        }
        switch (name) {
            case "cgroup.procs" -> moveProcess(directory, Long.parseLong(value.trim()), file, value);
            case "cgroup.subtree_control" -> changeSubtreeControl(directory, value, file);
            case "cgroup.kill" -> {
                require(value.equals("1"), file, value);
                killSubtree(directory);
            }
            case "cpu.max" -> {
                String[] fields = value.split(" ");
                require(fields.length == 2 && (fields[0].equals("max") || fields[0].matches("\\d+"))
                        && fields[1].matches("\\d+"), file, value);
                long period = Long.parseLong(fields[1]);
                require(period >= 1_000 && period <= 1_000_000, file, value);
                require(fields[0].equals("max") || Long.parseLong(fields[0]) >= 1_000, file, value);
                put(file, value);
            }
            case "cpu.weight" -> {
                require(value.matches("\\d+") && Long.parseLong(value) >= 1 && Long.parseLong(value) <= 10_000, file, value);
                put(file, value);
            }
            case "memory.max", "memory.swap.max", "pids.max" -> {
                require(value.equals("max") || value.matches("\\d+"), file, value);
                put(file, value);
            }
            default -> put(file, value);
        }
        changes.add("write " + relative(file) + " " + value);
    }

    @Override
    public String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CgroupException("read", file, null, "ENOENT");
        }
        return get(file);
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(path);
    }

    @Override
    public List<Path> childDirectories(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A process moves: out of every cgroup it was in, into one that must not hand controllers to children. */
    private void moveProcess(Path directory, long pid, Path file, String value) {
        boolean root = directory.equals(mountPoint);
        if (!root && !words(get(directory.resolve("cgroup.subtree_control"))).isEmpty()) {
            throw new CgroupException("write", file, value, "EBUSY");
        }
        removeFromEveryCgroup(mountPoint, pid);
        List<Long> pids = processesIn(directory);
        pids.add(pid);
        writeProcesses(directory, pids);
    }

    private void changeSubtreeControl(Path directory, String value, Path file) {
        Set<String> offered = words(get(directory.resolve("cgroup.controllers")));
        Set<String> enabled = words(get(directory.resolve("cgroup.subtree_control")));
        for (String token : value.trim().split("\\s+")) {
            String controller = token.substring(1);
            if (!offered.contains(controller)) {
                throw new CgroupException("write", file, value, "ENOENT");
            }
            if (token.charAt(0) == '+') {
                enabled.add(controller);
            } else if (token.charAt(0) == '-') {
                enabled.remove(controller);
            } else {
                throw new CgroupException("write", file, value, "EINVAL");
            }
        }
        // The no-internal-process rule: only the root may have processes and enabled controllers at once.
        if (!directory.equals(mountPoint) && !enabled.isEmpty() && !processesIn(directory).isEmpty()) {
            throw new CgroupException("write", file, value, "EBUSY");
        }
        put(file, String.join(" ", enabled));
    }

    private void killSubtree(Path directory) {
        writeProcesses(directory, List.of());
        for (Path child : childDirectories(directory)) {
            killSubtree(child);
        }
    }

    private void removeFromEveryCgroup(Path directory, long pid) {
        List<Long> pids = processesIn(directory);
        if (pids.remove(pid)) {
            writeProcesses(directory, pids);
        }
        for (Path child : childDirectories(directory)) {
            removeFromEveryCgroup(child, pid);
        }
    }

    private void writeProcesses(Path directory, List<Long> pids) {
        StringBuilder text = new StringBuilder();
        for (long pid : pids) {
            text.append(pid).append('\n');
        }
        put(directory.resolve("cgroup.procs"), text.toString());
    }

    /** Creates a non-root cgroup with the core interface files and those of each controller its parent enables. */
    private void createInterfaceFiles(Path directory) {
        Set<String> controllers = words(get(directory.getParent().resolve("cgroup.subtree_control")));
        try {
            Files.createDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        Map<String, String> files = new LinkedHashMap<>();
        files.put("cgroup.procs", "");
        files.put("cgroup.controllers", String.join(" ", controllers));
        files.put("cgroup.subtree_control", "");
        files.put("cgroup.type", "domain");
        files.put("cgroup.events", "populated 0\nfrozen 0\n");
        files.put("cgroup.kill", "");
        files.put("cgroup.freeze", "0");
        files.put("cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0\n");

        if (controllers.contains("cpu")) {
            files.put("cpu.stat", "usage_usec 0\nuser_usec 0\nsystem_usec 0\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\n");
            files.put("cpu.max", "max 100000");
            files.put("cpu.weight", "100");
        }
        if (controllers.contains("memory")) {
            files.put("memory.current", "0");
            files.put("memory.peak", "0");
            files.put("memory.max", "max");
            files.put("memory.swap.max", "max");
            files.put("memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n");
        }
        if (controllers.contains("pids")) {
            files.put("pids.current", "0");
            files.put("pids.max", "max");
            files.put("pids.events", "max 0\n");
        }

        files.forEach((name, content) -> put(directory.resolve(name), content));
    }

    private static void require(boolean valid, Path file, String value) {
        if (!valid) {
            throw new CgroupException("write", file, value, "EINVAL");
        }
    }

    private String relative(Path path) {
        return "/" + mountPoint.relativize(path);
    }

    private static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static void put(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String get(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
