package dev.bantubox.cli;

import picocli.CommandLine;

/** Reads the version from the jar's manifest, which Maven fills in from the pom. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"bantubox " + (version == null ? "(development build)" : version)};
    }
}
