package dev.bantubox.engine.plan;

import java.util.ArrayList;
import java.util.List;

/** The clone(2) namespace flags from {@code <linux/sched.h>}, and their names for the journal. */
public final class CloneFlags {
    public static final int CLONE_NEWNS = 0x00020000;
    public static final int CLONE_NEWCGROUP = 0x02000000;
    public static final int CLONE_NEWUTS = 0x04000000;
    public static final int CLONE_NEWIPC = 0x08000000;
    public static final int CLONE_NEWUSER = 0x10000000;
    public static final int CLONE_NEWPID = 0x20000000;
    public static final int CLONE_NEWNET = 0x40000000;

    private static final int[] FLAGS = {
        CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET,
    };
    private static final String[] NAMES = {
        "CLONE_NEWNS", "CLONE_NEWCGROUP", "CLONE_NEWUTS", "CLONE_NEWIPC", "CLONE_NEWUSER", "CLONE_NEWPID",
        "CLONE_NEWNET",
    };

    private CloneFlags() {
    }

    /** Formats flags as the journal shows them, for example {@code CLONE_NEWNS|CLONE_NEWPID|SIGCHLD}. */
    public static String describe(int flags) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FLAGS.length; i++) {
            if ((flags & FLAGS[i]) != 0) {
                names.add(NAMES[i]);
            }
        }
        names.add("SIGCHLD");
        return String.join("|", names);
    }
}
