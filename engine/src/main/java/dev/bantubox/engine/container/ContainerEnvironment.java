package dev.bantubox.engine.container;

import java.util.ArrayList;
import java.util.List;

/** The environment a container's processes start with: the defaults, then the entries given with -e. */
final class ContainerEnvironment {
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ContainerEnvironment() {
    }

    /**
     * Builds PATH, HOME, TERM (this terminal's, or xterm) and HOSTNAME, then applies the record's -e
     * entries and then extra (an exec's own -e entries); a later entry replaces an earlier one of the same key.
     */
    static List<String> of(ContainerRecord record, List<String> extra) {
        List<String> environment = new ArrayList<>();
        environment.add("PATH=" + DEFAULT_PATH);
        environment.add("HOME=/root");
        String term = System.getenv("TERM");
        environment.add("TERM=" + (term == null || term.isBlank() ? "xterm" : term));
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
