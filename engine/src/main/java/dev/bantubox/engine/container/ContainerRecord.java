package dev.bantubox.engine.container;

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
    public String created;
    public State state;
    public int pid;
    public Integer exitCode;
    public String finished;
    /** The root filesystem: "overlay", "copy" or "host". */
    public String rootfsKind;
    public String directory;
    /** Namespace type to inode number, read from /proc/PID/ns/ when the child was cloned. */
    public Map<String, Long> namespaces;

    public String shortId() {
        return id.substring(0, 12);
    }

    /** The status as {@code ps} shows it: {@code running} or {@code exited (CODE)}. */
    public String status() {
        return switch (state) {
            case CREATED -> "created";
            case RUNNING -> "running";
            case EXITED -> "exited (" + exitCode + ")";
        };
    }
}
