package dev.bantubox.engine.container;

import com.google.gson.GsonBuilder;

import dev.bantubox.engine.host.HostFacts;
import dev.bantubox.engine.host.MountInfo;
import dev.bantubox.engine.host.ProcessIdentity;
import dev.bantubox.engine.kernel.ExitStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A container as {@code bantubox inspect} prints it: its spec, its state, its processes, its
 * namespaces, its mounts and its paths on the host. Everything but the spec is read from the kernel when
 * the inspection is made; a container that is not running has no processes, namespaces or mounts.
 * Field names are the JSON keys.
 */
public final class ContainerInspection {
    public String id;
    public String name;
    public Spec spec;
    public State state;
    public Pids pids;
    /** Namespace type (mnt, uts, ipc, pid, net, cgroup, user) to its inode and whether the host shares it. */
    public Map<String, Namespace> namespaces = new LinkedHashMap<>();
    /** The mount table of the container's mount namespace, read from /proc/PID/mountinfo of its first process. */
    public List<Mount> mounts = new ArrayList<>();
    public Paths paths;

    /** The settings the container was started with. */
    public static final class Spec {
        public String image;
        public List<String> command;
        public List<String> environment;
        public String workingDirectory;
        public String hostname;
        public List<String> toggles;
        public boolean init;
        public boolean detached;
        public boolean removeOnExit;
    }

    /** The container's state: running or exited, with its times and exit status. */
    public static final class State {
        public String status;
        public boolean running;
        public Integer exitCode;
        public Integer exitSignal;
        public String exitNote;
        public String created;
        public String started;
        public String finished;
    }

    /** The container's processes: host pids, and pids inside its PID namespace. */
    public static final class Pids {
        public int firstProcess;
        public int shim;
        public boolean shimRunning;
        public List<ProcessEntry> processes = new ArrayList<>();
    }

    /** One process of the container. */
    public static final class ProcessEntry {
        public int hostPid;
        /** The pid inside the container's PID namespace (the last NSpid entry of /proc/PID/status). */
        public int containerPid;
        public String command;
    }

    /** One namespace of the first process. */
    public static final class Namespace {
        public String inode;
        public boolean sharedWithHost;
    }

    /** One mount of the container's mount table. */
    public static final class Mount {
        public String mountPoint;
        public String type;
        public String source;
        public String options;
        public String propagation;
    }

    /** The container's files on the host. */
    public static final class Paths {
        public String folder;
        public String record;
        public String rootfs;
        public String upper;
        public String work;
        public String logFile;
        public String exitStatus;
    }

    /** Formats the inspection as indented JSON. */
    public String toJson() {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(this);
    }

    /** Inspects the container of record, whose folder is folder. */
    public static ContainerInspection of(ContainerRecord record, Path folder) {
        ContainerInspection inspection = new ContainerInspection();
        inspection.id = record.id;
        inspection.name = record.name;
        inspection.spec = spec(record);
        inspection.state = state(record);
        inspection.paths = paths(record, folder);
        inspection.pids = new Pids();
        inspection.pids.firstProcess = record.pid;
        inspection.pids.shim = record.shimPid;
        ProcessIdentity shim = record.shim();
        inspection.pids.shimRunning = shim != null && shim.isAlive();
        if (record.isRunning()) {
            try {
                readKernelState(inspection, record);
            } catch (RuntimeException ended) {
                // The container ended while it was being inspected; what was read so far stays.
                inspection.state.running = false;
            }
        }
        return inspection;
    }

    private static Spec spec(ContainerRecord record) {
        Spec spec = new Spec();
        spec.image = record.image;
        spec.command = record.command;
        spec.environment = record.environment;
        spec.workingDirectory = record.workingDirectory;
        spec.hostname = record.hostname;
        spec.toggles = record.toggles;
        spec.init = record.init;
        spec.detached = record.detached;
        spec.removeOnExit = record.removeOnExit;
        return spec;
    }

    private static State state(ContainerRecord record) {
        State state = new State();
        state.status = record.status();
        state.running = record.isRunning();
        state.exitCode = record.exitCode;
        state.exitSignal = record.exitSignal;
        state.exitNote = record.exitNote;
        state.created = record.created;
        state.started = record.started;
        state.finished = record.finished;
        return state;
    }

    private static Paths paths(ContainerRecord record, Path folder) {
        Paths paths = new Paths();
        paths.folder = folder.toString();
        paths.record = folder.resolve("container.json").toString();
        paths.exitStatus = folder.resolve(ExitStatus.FILE_NAME).toString();
        paths.logFile = record.logFile;
        String kind = record.rootfsKind == null ? "" : record.rootfsKind;
        switch (kind) {
            case "overlay" -> {
                paths.rootfs = folder.resolve("merged").toString();
                paths.upper = folder.resolve("upper").toString();
                paths.work = folder.resolve("work").toString();
            }
            case "copy" -> paths.rootfs = folder.resolve("rootfs").toString();
            default -> paths.rootfs = "/";
        }
        return paths;
    }

    private static void readKernelState(ContainerInspection inspection, ContainerRecord record) {
        int pid = record.pid;
        for (String type : HostFacts.NAMESPACE_TYPES) {
            Namespace namespace = new Namespace();
            namespace.inode = HostFacts.namespaceLink(pid, type);
            namespace.sharedWithHost = namespace.inode.equals(HostFacts.namespaceLink(0, type));
            inspection.namespaces.put(type, namespace);
        }
        for (MountInfo info : MountInfo.readOf(pid)) {
            Mount mount = new Mount();
            mount.mountPoint = info.mountPoint();
            mount.type = info.type();
            mount.source = info.source();
            mount.options = info.options();
            mount.propagation = info.propagation();
            inspection.mounts.add(mount);
        }
        boolean ownPidNamespace = !inspection.namespaces.get("pid").sharedWithHost;
        inspection.pids.processes = processes(pid, inspection.namespaces.get("pid").inode, ownPidNamespace);
    }

    /**
     * Lists the container's processes: every process in its PID namespace when it has one, else the first
     * process and its descendants.
     */
    private static List<ProcessEntry> processes(int firstPid, String pidNamespace, boolean ownPidNamespace) {
        Map<Integer, Integer> parents = new LinkedHashMap<>();
        List<Integer> members = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                int pid = Integer.parseInt(name);
                try {
                    if (ownPidNamespace) {
                        if (HostFacts.namespaceLink(pid, "pid").equals(pidNamespace)) {
                            members.add(pid);
                        }
                    } else {
                        parents.put(pid, parentOf(pid));
                    }
                } catch (RuntimeException | IOException ended) {
                    // The process ended while /proc was being read.
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        if (!ownPidNamespace) {
            members.add(firstPid);
            for (int i = 0; i < members.size(); i++) {
                int parent = members.get(i);
                parents.forEach((pid, ppid) -> {
                    if (ppid == parent && !members.contains(pid)) {
                        members.add(pid);
                    }
                });
            }
        }
        List<ProcessEntry> entries = new ArrayList<>();
        for (int pid : members) {
            try {
                entries.add(entry(pid));
            } catch (IOException ended) {
                // Gone meanwhile.
            }
        }
        return entries;
    }

    private static int parentOf(int pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("PPid:")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        return 0;
    }

    private static ProcessEntry entry(int pid) throws IOException {
        ProcessEntry entry = new ProcessEntry();
        entry.hostPid = pid;
        entry.containerPid = pid;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("NSpid:")) {
                String[] pids = line.substring(6).trim().split("\\s+");
                entry.containerPid = Integer.parseInt(pids[pids.length - 1]);
            }
        }
        byte[] commandLine = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
        entry.command = new String(commandLine, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        return entry;
    }
}
