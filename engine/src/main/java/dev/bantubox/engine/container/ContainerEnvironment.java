package dev.bantubox.engine.container;

import java.util.ArrayList;
import java.util.List;

/** The environment a container's processes start with: the defaults, then the entries given with -e. */
final class ContainerEnvironment {
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    /** TERM on pseudo-terminals the engine opens: xterm's escape sequences, which terminal emulators handle. */
    static final String TERMINAL_TYPE = "xterm-256color";

    private ContainerEnvironment() {
    }

    /**
     * Builds PATH, HOME, TERM (this terminal's, or xterm) and HOSTNAME, then applies the record's -e
     * entries and then extra (an exec's own -e entries); a later entry replaces an earlier one of the same key.
     */
    static List<String> of(ContainerRecord record, List<String> extra) {
        String term = System.getenv("TERM");
        return build(record, extra, term == null || term.isBlank() ? "xterm" : term);
    }

    /**
     * Builds the environment of a program on a pseudo-terminal that the engine opened, whose screen is
     * not the engine's own terminal: TERM is xterm-256color unless the record's or extra's -e entries
     * set it.
     */
    static List<String> forTerminal(ContainerRecord record, List<String> extra) {
        return build(record, extra, TERMINAL_TYPE);
    }

    private static List<String> build(ContainerRecord record, List<String> extra, String term) {
        List<String> environment = new ArrayList<>();
        environment.add("PATH=" + DEFAULT_PATH);
        environment.add("HOME=/root");
        environment.add("TERM=" + term);
        if (record.hostname != null) {
            environment.add("HOSTNAME=" + record.hostname);
        }
        List<String> given = new ArrayList<>(record.environment == null ? List.of() : record.environment);
        given.addAll(extra);
        for (String entry : given) {
            String key = entry.substring(0, Math.max(0, entry.indexOf('=')) + 1);
            environment.removeIf(existing -> !key.equals("=") && existing.startsWith(key));
            environment.add(entry);
        }
        return environment;
    }
}
