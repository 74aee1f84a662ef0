package dev.bantubox.engine.container;

import dev.bantubox.engine.cgroup.CgroupLimits;
import dev.bantubox.engine.host.ProcessIdentity;

import java.util.List;
import java.util.Map;

/**
 * The state of one container as stored in {@code containers/ID/container.json}. Field names are the
 * JSON keys, so they stay stable across versions.
 */
public final class ContainerRecord {
    /** Where a container is in its life. */
    public enum State { CREATED, RUNNING, EXITED }

    public String id;
    public String name;
    public String image;
    public List<String> command;
    public List<String> toggles;
    public String hostname;
    /** The KEY=VALUE entries given with -e; the command's full environment adds PATH, HOME, TERM and HOSTNAME. */
    public List<String> environment;
    public String workingDirectory;
    public boolean removeOnExit;
    /** True when bantubox-init runs as the container's first process, with the command as its child. */
    public boolean init;
    /** True when the container runs in the background, with its output in {@link #logFile}. */
    public boolean detached;
    public String logFile;
    public String created;
    public String started;
    public State state;
    /** The first process of the container, as the host numbers it. */
    public int pid;
    public long pidStartTime;
    /** The bantubox-shim that is the first process's parent and records its exit status. */
    public int shimPid;
    public long shimStartTime;
    /** The engine process that launched the container; a CREATED record whose launcher is gone was cut short. */
    public int launcherPid;
    public long launcherStartTime;
    /** The exit code, or 128 + signal; null while running, and when it could not be known. */
    public Integer exitCode;
    public Integer exitSignal;
    /** Why the exit code is unknown, when it is. */
    public String exitNote;
    public String finished;
    /** The root filesystem: "overlay", "copy" or "host". */
    public String rootfsKind;
    public String directory;
    /** How the host mounts cgroups, as the engine found it when the container started. */
    public String cgroupLayout;
    /** The container's cgroup directories, one per hierarchy; empty when it runs without cgroups. */
    public List<String> cgroups;
    /** The limits asked for (--cpus, --memory, ...), kept for a restart; null when there were none. */
    public CgroupLimits limits;
    /** Processes the OOM killer ended because of the container's memory limit, counted when it exited. */
    public Long oomKills;

    /** How the container is connected; null for records written before networking existed. */
    public Network network;

    /** The container's network connection; the field names are JSON keys. */
    public static final class Network {
        /** none, bridge or host. */
        public String mode;
        /** For bridge: the bridge, the container's address with prefix length, and its gateway. */
        public String bridge;
        public String address;
        public String gateway;
        /** The host end of the veth pair on the bridge. */
        public String hostInterface;
        /** Published ports as HOSTADDRESS:HOSTPORT:PORT/tcp. */
        public List<String> ports;
        public boolean nat;
        /** What the learner should know about this connection, such as a firewall that drops forwarding. */
        public List<String> notes;
    }

    /** Namespace type to inode number, read from /proc/PID/ns/ when the child was cloned. */
    public Map<String, Long> namespaces;

    public String shortId() {
        return id.substring(0, 12);
    }

    /**
     * The status as {@code ps} shows it: {@code running}, {@code exited (CODE)}, or
     * {@code exited (137), OOM-killed} when the kernel's OOM killer ended a process of the container.
     */
    public String status() {
        return switch (state) {
            case CREATED -> "created";
            case RUNNING -> "running";
            case EXITED -> "exited (" + (exitCode == null ? "unknown" : exitCode) + ")"
                    + (oomKills != null && oomKills > 0 ? ", OOM-killed" : "");
        };
    }

    /** The first process, if its pid was recorded. */
    public ProcessIdentity process() {
        return pid > 0 ? new ProcessIdentity(pid, pidStartTime) : null;
    }

    /** The shim, if its pid was recorded. */
    public ProcessIdentity shim() {
        return shimPid > 0 ? new ProcessIdentity(shimPid, shimStartTime) : null;
    }

    /** The launching engine, if it was recorded. */
    public ProcessIdentity launcher() {
        return launcherPid > 0 ? new ProcessIdentity(launcherPid, launcherStartTime) : null;
    }

    /** True while the container's first process runs, checked against the kernel (not only the record). */
    public boolean isRunning() {
        ProcessIdentity process = process();
        return state == State.RUNNING && process != null && process.isAlive();
    }
}
