package dev.bantubox.engine.network;

import dev.bantubox.engine.EngineException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The host programs the network code runs, each with the Debian package that provides it. */
public enum HostTool {
    IP("ip", "iproute2"),
    NSENTER("nsenter", "util-linux"),
    NFT("nft", "nftables"),
    IPTABLES("iptables", "iptables");

    /** Directories searched after PATH: sudo and cron often leave the sbin directories out of it. */
    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr/local/sbin", "/usr/sbin", "/sbin",
            "/usr/local/bin", "/usr/bin", "/bin");

    private final String command;
    private final String debianPackage;

    HostTool(String command, String debianPackage) {
        this.command = command;
        this.debianPackage = debianPackage;
    }

    public String command() {
        return command;
    }

    public String debianPackage() {
        return debianPackage;
    }

    /** Finds the program in PATH and the system directories. */
    public Optional<Path> find() {
        return findIn(searchPath(System.getenv("PATH")));
    }

    /** Finds the program in the given directories, in order. */
    public Optional<Path> findIn(List<Path> directories) {
        for (Path directory : directories) {
            Path candidate = directory.resolve(command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Finds the program or throws an EngineException that names the package to install. */
    public Path require(String purpose) {
        return require(purpose, searchPath(System.getenv("PATH")));
    }

    /** Finds the program in the given directories or throws an EngineException that names the package. */
    public Path require(String purpose, List<Path> directories) {
        return findIn(directories).orElseThrow(() -> new EngineException("the '" + command + "' command, needed to "
                + purpose + ", was not found in PATH or the system directories: install the " + debianPackage
                + " package (sudo apt-get install " + debianPackage + ")"));
    }

    /** The directories of a PATH value followed by the system directories, without repeats. */
    static List<Path> searchPath(String path) {
        Set<String> directories = new LinkedHashSet<>();
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    directories.add(entry);
                }
            }
        }
        directories.addAll(SYSTEM_DIRECTORIES);
        List<Path> result = new ArrayList<>();
        for (String directory : directories) {
            result.add(Path.of(directory));
        }
        return result;
    }
}
