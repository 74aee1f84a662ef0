package dev.bantubox.engine;

import java.nio.file.Path;

/**
 * The folder that holds the engine's images and containers: {@code BANTUBOX_HOME}, or
 * {@code /var/lib/bantubox} when that is not set.
 */
public record EngineHome(Path root) {
    public static final Path DEFAULT = Path.of("/var/lib/bantubox");

    public EngineHome {
        root = root.toAbsolutePath().normalize();
    }

    /** Reads BANTUBOX_HOME from the environment. */
    public static EngineHome fromEnvironment() {
        String configured = System.getenv("BANTUBOX_HOME");
        return new EngineHome(configured == null || configured.isBlank() ? DEFAULT : Path.of(configured));
    }

    public Path images() {
        return root.resolve("images");
    }

    public Path containers() {
        return root.resolve("containers");
    }
}
