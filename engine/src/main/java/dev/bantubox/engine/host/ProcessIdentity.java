package dev.bantubox.engine.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process as the host numbers it: its pid and its start time in clock ticks after boot (field 22 of
 * /proc/PID/stat). The kernel reuses pids, so a pid alone may name another process later; the pair
 * names exactly one process for the life of the machine.
 *
 * @param pid       the pid in the host's PID namespace
 * @param startTime the start time in clock ticks after boot
 */
public record ProcessIdentity(int pid, long startTime) {
    private static final int STATE_FIELD = 3;
    private static final int START_TIME_FIELD = 22;

    /** Reads the identity of the process with this pid, if it exists. */
    public static Optional<ProcessIdentity> of(int pid) {
        return readStat(pid).map(stat -> new ProcessIdentity(pid, Long.parseLong(field(stat, START_TIME_FIELD))));
    }

    /** Returns the identity of this JVM's process. */
    public static ProcessIdentity self() {
        int pid = (int) ProcessHandle.current().pid();
        return of(pid).orElseThrow(() -> new IllegalStateException("/proc/" + pid + "/stat is missing: is /proc mounted?"));
    }

    /**
     * True while this process exists and has not ended: a zombie (ended, not yet reaped by its parent)
     * counts as ended, and so does a newer process that got the same pid.
     */
    public boolean isAlive() {
        Optional<String> stat = readStat(pid);
        if (stat.isEmpty()) {
            return false;
        }
        String state = field(stat.get(), STATE_FIELD);
        boolean ended = state.equals("Z") || state.equals("X");
        return !ended && Long.parseLong(field(stat.get(), START_TIME_FIELD)) == startTime;
    }

    private static Optional<String> readStat(int pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    /**
     * Returns field number (1-based, as proc(5) counts them) of a stat line. The second field, the
     * command name in parentheses, may itself contain spaces and ')', so counting starts after the last ')'.
     */
    static String field(String stat, int number) {
        String afterName = stat.substring(stat.lastIndexOf(')') + 2).trim();
        return afterName.split(" ")[number - STATE_FIELD];
    }
}
