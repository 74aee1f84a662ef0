package dev.bantubox.engine.network;

import java.util.Arrays;
import java.util.Locale;

/** A container's network connection, as {@code --network} names it. */
public enum NetworkMode {
    /** Its own network namespace with only the loopback interface. */
    NONE("none"),
    /** Its own network namespace, wired to the host bridge through a veth pair. */
    BRIDGE("bridge"),
    /**
     * The engine process's network namespace: NET_NS is off, so the container lists the host's links.
     * This is the engine's own namespace even when BANTUBOX_NETNS names another one for the bridge.
     */
    HOST("host");

    private final String optionName;

    NetworkMode(String optionName) {
        this.optionName = optionName;
    }

    public String optionName() {
        return optionName;
    }

    /** Finds a mode by its option name; throws IllegalArgumentException listing the valid ones. */
    public static NetworkMode parse(String name) {
        String normalised = name.trim().toLowerCase(Locale.ROOT);
        for (NetworkMode mode : values()) {
            if (mode.optionName.equals(normalised)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown network mode '" + name + "': expected one of "
                + String.join(", ", Arrays.stream(values()).map(NetworkMode::optionName).toList()));
    }
}
