package dev.bantubox.engine.cgroup;

import java.util.HashMap;
import java.util.Map;

/** Parses the "key value" lines of flat-keyed cgroup files such as cpu.stat and memory.events. */
final class KeyedValues {
    private KeyedValues() {
    }

    static Map<String, Long> parse(String text) {
        Map<String, Long> values = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 2) {
                try {
                    values.put(fields[0], Long.parseLong(fields[1]));
                } catch (NumberFormatException notANumber) {
                    // Some files mix in words (freezer.state, pids.max's "max"); only counters are kept.
                }
            }
        }
        return values;
    }

    /** Parses a single-number file; "max" (the v2 word for no limit) becomes null. */
    static Long parseLimit(String text) {
        String value = text.trim();
        return value.equals("max") ? null : Long.parseLong(value);
    }
}
