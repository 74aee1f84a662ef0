package dev.bantubox.engine.kernel;

/** Names for errno values, the way the kernel headers spell them. */
public final class Errno {
    private Errno() {
    }

    /** Returns the symbolic name of an errno value, for example {@code ENOENT} for 2. */
    public static String name(int errno) {
        if (errno == 0) {
            return "0";
        }
        jnr.constants.platform.Errno constant = jnr.constants.platform.Errno.valueOf(errno);
        return constant == null || constant == jnr.constants.platform.Errno.__UNKNOWN_CONSTANT__
                ? "errno " + errno : constant.name();
    }

    /** Returns the errno value of a name, or -1 when it is unknown. */
    public static int number(String name) {
        try {
            return jnr.constants.platform.Errno.valueOf(name).intValue();
        } catch (IllegalArgumentException unknown) {
            return -1;
        }
    }
}
