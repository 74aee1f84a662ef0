package dev.bantubox.engine.plan;

import java.util.ArrayList;
import java.util.List;

/** mount(2) flags from {@code <sys/mount.h>}, with their names for the journal. */
public enum MountFlags {
    MS_RDONLY(1L),
    MS_NOSUID(2L),
    MS_NODEV(4L),
    MS_NOEXEC(8L),
    MS_REMOUNT(32L),
    MS_BIND(4096L),
    MS_MOVE(8192L),
    MS_REC(16384L),
    MS_PRIVATE(1L << 18),
    MS_SLAVE(1L << 19),
    MS_SHARED(1L << 20),
    MS_STRICTATIME(1L << 24);

    /** umount2(2) flag that detaches the mount now and frees it once nothing uses it. */
    public static final long MNT_DETACH = 2L;

    private final long bit;

    MountFlags(long bit) {
        this.bit = bit;
    }

    public long bit() {
        return bit;
    }

    /** Combines flags into the value mount(2) takes. */
    public static long of(MountFlags... flags) {
        long value = 0;
        for (MountFlags flag : flags) {
            value |= flag.bit;
        }
        return value;
    }

    /** Formats a flag value as {@code MS_BIND|MS_REC}, or {@code 0}. */
    public static String describe(long value) {
        List<String> names = new ArrayList<>();
        for (MountFlags flag : values()) {
            if ((value & flag.bit) != 0) {
                names.add(flag.name());
            }
        }
        return names.isEmpty() ? "0" : String.join("|", names);
    }
}
