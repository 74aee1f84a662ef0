package dev.bantubox.engine.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * Loads libc and libbantubox once per JVM, and extracts the native programs that come with the library:
 * bantubox-shim (the parent of every container) and bantubox-init (the optional PID 1).
 */
public final class NativeLibraries {
    private static final String LIBRARY = "libbantubox.so";
    private static final String SHIM = "bantubox-shim";
    private static final String INIT = "bantubox-init";
    private static volatile NativeLibraries instance;

    private final LibC libc;
    private final BantuboxLibrary bantubox;
    private final Path directory;

    private NativeLibraries(LibC libc, BantuboxLibrary bantubox, Path directory) {
        this.libc = libc;
        this.bantubox = bantubox;
        this.directory = directory;
    }

    /** Returns the loaded libraries, loading them on first use. */
    public static NativeLibraries get() {
        NativeLibraries loaded = instance;
        if (loaded == null) {
            synchronized (NativeLibraries.class) {
                loaded = instance;
                if (loaded == null) {
                    LibC libc = LibraryLoader.create(LibC.class).load("c");
                    Path directory = extractNativeFiles();
                    BantuboxLibrary bantubox = LibraryLoader.create(BantuboxLibrary.class)
                            .load(directory.resolve(LIBRARY).toString());
                    loaded = new NativeLibraries(libc, bantubox, directory);
                    instance = loaded;
                }
            }
        }
        return loaded;
    }

    public LibC libc() {
        return libc;
    }

    public BantuboxLibrary bantubox() {
        return bantubox;
    }

    /** Returns the path of the extracted bantubox-shim program. */
    public Path shimProgram() {
        return directory.resolve(SHIM);
    }

    /** Returns the path of the extracted, statically linked bantubox-init program. */
    public Path initProgram() {
        return directory.resolve(INIT);
    }

    /** Returns errno as the last call through libc left it. */
    public int lastErrno() {
        return Runtime.getRuntime(libc).getLastError();
    }

    /** The architecture directory name, as {@code uname -m} prints it. */
    public static String machine() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
    }

    /**
     * Copies the library and the programs from the class path into a private temporary folder (mode
     * 0700), since dlopen and execve need paths. A detached container's shim keeps running after the
     * JVM has deleted its file at exit: the kernel keeps a running program's file until it ends.
     */
    // NOTE: a JVM killed with SIGKILL runs no deleteOnExit hook and leaves this folder (about 0.8 MB) in /tmp.
    private static Path extractNativeFiles() {
        String prefix = "/native/linux-" + machine() + "/";
        try {
            Path directory = Files.createTempDirectory("bantubox-native-");
            directory.toFile().deleteOnExit();
            for (String name : new String[] {LIBRARY, SHIM, INIT}) {
                try (InputStream in = NativeLibraries.class.getResourceAsStream(prefix + name)) {
                    if (in == null) {
                        throw new IllegalStateException(name + " for " + machine() + " is not on the class path ("
                                + prefix + name + "); rebuild with ./mvnw package on this machine");
                    }
                    Path file = directory.resolve(name);
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    file.toFile().deleteOnExit();
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract libbantubox and its programs to the temporary folder", e);
        }
    }
}
