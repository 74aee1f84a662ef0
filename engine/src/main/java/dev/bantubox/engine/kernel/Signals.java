package dev.bantubox.engine.kernel;

import java.util.Locale;

/** Signal names and numbers, the way signal(7) and kill(1) spell them. */
public final class Signals {
    private static final int MAX_SIGNAL = 64;

    private Signals() {
    }

    /** Parses TERM, SIGTERM, term or 15 into this platform's number (15); throws for an unknown signal. */
    public static int number(String text) {
        String trimmed = text.trim();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(trimmed);
            if (number < 1 || number > MAX_SIGNAL) {
                throw new IllegalArgumentException("signal " + number + " is out of range: Linux signals are 1 to "
                        + MAX_SIGNAL);
            }
            return number;
        }
        String name = trimmed.toUpperCase(Locale.ROOT);
        if (!name.startsWith("SIG")) {
            name = "SIG" + name;
        }
        try {
            jnr.constants.platform.Signal constant = jnr.constants.platform.Signal.valueOf(name);
            if (constant.defined()) {
                return constant.intValue();
            }
        } catch (IllegalArgumentException unknown) {
            // Reported below with the names that work.
        }
        throw new IllegalArgumentException("unknown signal '" + text + "': give a name such as TERM, KILL, HUP, INT"
                + " or USR1, or a number; 'kill -l' lists them");
    }
}
