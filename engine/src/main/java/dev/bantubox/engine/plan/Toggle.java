package dev.bantubox.engine.plan;

import java.util.Locale;

/**
 * One isolation step that a lesson switches on. Each toggle maps to kernel work in the launch plan:
 * a clone flag, a root change, or a way of preparing the root filesystem.
 */
public enum Toggle {
    CHROOT("chroot", 0, "change the root directory with chroot()"),
    MOUNT_NS("mount-ns", CloneFlags.CLONE_NEWNS, "give the container its own mount table"),
    PIVOT_ROOT("pivot-root", 0, "swap the root mount with pivot_root() and detach the old one"),
    OVERLAY("overlay", 0, "mount the image read-only under a per-container writable layer"),
    UTS_NS("uts-ns", CloneFlags.CLONE_NEWUTS, "give the container its own hostname"),
    PID_NS("pid-ns", CloneFlags.CLONE_NEWPID, "number the container's processes from 1"),
    IPC_NS("ipc-ns", CloneFlags.CLONE_NEWIPC, "give the container its own System V IPC and POSIX queues"),
    NET_NS("net-ns", CloneFlags.CLONE_NEWNET, "give the container its own network stack");

    private final String optionName;
    private final int cloneFlag;
    private final String purpose;

    Toggle(String optionName, int cloneFlag, String purpose) {
        this.optionName = optionName;
        this.cloneFlag = cloneFlag;
        this.purpose = purpose;
    }

    /** The name used on the command line and in lesson files, for example {@code pid-ns}. */
    public String optionName() {
        return optionName;
    }

    /** The clone flag this toggle adds, or 0 when it is not a namespace. */
    public int cloneFlag() {
        return cloneFlag;
    }

    /** What the toggle does, as a learner would read it. */
    public String purpose() {
        return purpose;
    }

    /** Finds a toggle by its option name ({@code pid-ns}) or enum name ({@code PID_NS}). */
    public static Toggle parse(String name) {
        String normalised = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Toggle toggle : values()) {
            if (toggle.optionName.equals(normalised)) {
                return toggle;
            }
        }
        throw new IllegalArgumentException("unknown toggle '" + name + "': expected one of "
                + String.join(", ", java.util.Arrays.stream(values()).map(Toggle::optionName).toList()));
    }
}
