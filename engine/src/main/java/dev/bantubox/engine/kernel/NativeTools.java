package dev.bantubox.engine.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/**
 * The small static programs native/build.sh compiles for lessons (tools/ next to libbantubox), such as
 * chroot-escape. Each is extracted from the class path to a temporary file once per JVM.
 */
public final class NativeTools {
    private static final Map<String, Path> EXTRACTED = new HashMap<>();

    private NativeTools() {
    }

    /** Returns an executable copy of the named tool; throws when this build has no such tool. */
    public static synchronized Path extract(String name) {
        Path existing = EXTRACTED.get(name);
        if (existing != null && Files.isExecutable(existing)) {
            return existing;
        }
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("'" + name + "' is not a tool name such as chroot-escape");
        }
        String resource = "/native/linux-" + NativeLibraries.machine() + "/tools/" + name;
        try (InputStream in = NativeTools.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no tool '" + name + "' for " + NativeLibraries.machine()
                        + " on the class path (" + resource + "); rebuild with ./mvnw package");
            }
            Path file = Files.createTempFile("bantubox-" + name + "-", "",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            file.toFile().deleteOnExit();
            EXTRACTED.put(name, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the tool " + name + " to the temporary folder", e);
        }
    }
}
