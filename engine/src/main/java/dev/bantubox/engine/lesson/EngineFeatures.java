package dev.bantubox.engine.lesson;

import java.util.List;
import java.util.Set;

/**
 * Engine features a lesson experiment can require. An experiment whose feature this engine lacks is
 * skipped with the reason, never run with a made-up result.
 */
public final class EngineFeatures {
    /** Run options --network and -p: veth pairs, a bridge and published ports. */
    public static final String NETWORK = "network";
    /** Run options --cpus, --memory and --pids-limit: a cgroup per container. */
    public static final String CGROUPS = "cgroups";

    /** Every feature name a lesson may list in "requires". */
    public static final List<String> KNOWN = List.of(NETWORK, CGROUPS);

    private static final Set<String> AVAILABLE = Set.of(NETWORK, CGROUPS);

    private EngineFeatures() {
    }

    public static boolean available(String feature) {
        return AVAILABLE.contains(feature);
    }

    /** Returns why experiment cannot run on this engine, or null when it can. */
    public static String missingFor(Experiment experiment) {
        for (String feature : experiment.requires) {
            if (!available(feature)) {
                return "needs the engine's " + feature + " support (" + describe(feature) + "), which this build"
                        + " does not have yet";
            }
        }
        return null;
    }

    private static String describe(String feature) {
        return switch (feature) {
            case NETWORK -> "--network and -p";
            case CGROUPS -> "--cpus, --memory and --pids-limit";
            default -> feature;
        };
    }
}
