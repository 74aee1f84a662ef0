package dev.bantubox.engine.host;

import java.util.Arrays;
import java.util.Locale;

/**
 * The checks of {@code bantubox doctor}, in the order the table lists them. The id is stable: lesson
 * files name the checks a lesson needs by it, and {@code --json} prints it.
 */
public enum HostCheck {
    PRIVILEGES("privileges", "Root privileges"),
    KERNEL("kernel", "Kernel version"),
    CGROUP_LAYOUT("cgroup-layout", "cgroup layout"),
    CGROUP_CONTROLLERS("cgroup-controllers", "cgroup controllers"),
    HOME_FILESYSTEM("home-filesystem", "File system of BANTUBOX_HOME"),
    OVERLAY("overlay", "Overlay file system"),
    MOUNT_PROPAGATION("mount-propagation", "Mount propagation"),
    PIVOT_ROOT("pivot-root", "pivot_root"),
    USER_NAMESPACES("user-namespaces", "Unprivileged user namespaces"),
    IPROUTE2("iproute2", "ip command (iproute2)"),
    DEFAULT_IMAGE("default-image", "Default image"),
    DISK_SPACE("disk-space", "Free disk space");

    private final String id;
    private final String title;

    HostCheck(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** Returns the stable name, for example {@code home-filesystem}. */
    public String id() {
        return id;
    }

    /** Returns the heading of the check's row in a table, for example {@code pivot_root}. */
    public String title() {
        return title;
    }

    /** Finds a check by its id ({@code pivot-root}) or enum name ({@code PIVOT_ROOT}). */
    public static HostCheck fromId(String name) {
        String normalised = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (HostCheck check : values()) {
            if (check.id.equals(normalised)) {
                return check;
            }
        }
        throw new IllegalArgumentException("unknown host check '" + name + "': expected one of "
                + String.join(", ", Arrays.stream(values()).map(HostCheck::id).toList()));
    }
}
