package dev.bantubox.engine.network;

import dev.bantubox.engine.plan.RootFilesystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes a container's /etc/hosts, /etc/hostname and /etc/resolv.conf before it starts: into the
 * overlay's upper folder, or into the copied root filesystem. A container on the host's own root gets
 * none, since the files would be the host's.
 */
final class EtcFiles {
    static final Path HOST_HOSTS = Path.of("/etc/hosts");
    static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");
    /** The upstream servers behind systemd-resolved's stub, which listens on the host's loopback only. */
    static final Path RESOLVED_UPSTREAM = Path.of("/run/systemd/resolve/resolv.conf");
    private static final Pattern LOOPBACK_SERVER = Pattern.compile("(?m)^\\s*nameserver\\s+(127\\.\\S*|::1)\\s*$");
    private static final Pattern ANY_SERVER = Pattern.compile("(?m)^\\s*nameserver\\s+\\S+");

    private EtcFiles() {
    }

    /**
     * The folder where writes to the container's /etc land, created when missing; empty when the
     * container runs on the host's root, or when the image's /etc is not a plain directory (a symlink
     * there could point the writes at the host's own files).
     */
    static Optional<Path> writableEtc(RootFilesystem root) throws IOException {
        if (root instanceof RootFilesystem.Overlay overlay) {
            Path lower = overlay.lower().resolve("etc");
            if (Files.exists(lower, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(lower, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(createDirectory(overlay.upper().resolve("etc")));
        }
        if (root instanceof RootFilesystem.Copy copy) {
            Path etc = copy.directory().resolve("etc");
            if (Files.exists(etc, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(etc, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(createDirectory(etc));
        }
        return Optional.empty();
    }

    /**
     * Writes the three files into etc and returns notes for the learner about what could not be
     * done as usual.
     *
     * @param address the container's bridge address, or null when it has none
     */
    static List<String> write(Path etc, String hostname, NetworkMode mode, String address) throws IOException {
        List<String> notes = new ArrayList<>();
        replace(etc.resolve("hostname"), hostname + "\n");
        replace(etc.resolve("hosts"), hosts(hostname, mode, address));
        if (Files.isRegularFile(HOST_RESOLV_CONF)) {
            replace(etc.resolve("resolv.conf"), resolvConf(mode, notes));
        } else {
            notes.add("the host has no " + HOST_RESOLV_CONF + ", so the container's resolv.conf is the image's");
        }
        return notes;
    }

    private static String hosts(String hostname, NetworkMode mode, String address) throws IOException {
        if (mode == NetworkMode.HOST && Files.isRegularFile(HOST_HOSTS)) {
            return Files.readString(HOST_HOSTS, StandardCharsets.UTF_8);
        }
        String own = address != null ? address : "127.0.1.1";
        return "127.0.0.1\tlocalhost\n"
                + "::1\tlocalhost ip6-localhost ip6-loopback\n"
                + own + "\t" + hostname + "\n";
    }

    /**
     * The host's resolv.conf. A bridged container cannot reach a server on the host's loopback
     * (systemd-resolved's 127.0.0.53), so then it gets the servers behind that stub, when
     * systemd-resolved lists them.
     */
    private static String resolvConf(NetworkMode mode, List<String> notes) throws IOException {
        String host = Files.readString(HOST_RESOLV_CONF, StandardCharsets.UTF_8);
        if (mode != NetworkMode.BRIDGE || !onlyLoopbackServers(host)) {
            return host;
        }
        if (Files.isRegularFile(RESOLVED_UPSTREAM)) {
            String upstream = Files.readString(RESOLVED_UPSTREAM, StandardCharsets.UTF_8);
            if (!onlyLoopbackServers(upstream)) {
                return upstream;
            }
        }
        notes.add(HOST_RESOLV_CONF + " names only loopback name servers, which the container's own network"
                + " namespace cannot reach; name lookups inside will fail");
        return host;
    }

    private static boolean onlyLoopbackServers(String resolvConf) {
        long servers = ANY_SERVER.matcher(resolvConf).results().count();
        long loopback = LOOPBACK_SERVER.matcher(resolvConf).results().count();
        return servers > 0 && servers == loopback;
    }

    /**
     * Replaces a file without following a symlink that the image may have put there: the old entry is
     * deleted, and the new file is created with O_EXCL.
     */
    private static void replace(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static Path createDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return directory;
    }
}
