package dev.bantubox.engine.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** Loads libc and libbantubox once per JVM. */
public final class NativeLibraries {
    private static volatile NativeLibraries instance;

    private final LibC libc;
    private final BantuboxLibrary bantubox;

    private NativeLibraries(LibC libc, BantuboxLibrary bantubox) {
        this.libc = libc;
        this.bantubox = bantubox;
    }

    /** Returns the loaded libraries, loading them on first use. */
    public static NativeLibraries get() {
        NativeLibraries loaded = instance;
        if (loaded == null) {
            synchronized (NativeLibraries.class) {
                loaded = instance;
                if (loaded == null) {
                    LibC libc = LibraryLoader.create(LibC.class).load("c");
                    BantuboxLibrary bantubox = LibraryLoader.create(BantuboxLibrary.class)
                            .load(extractLibrary().toString());
                    loaded = new NativeLibraries(libc, bantubox);
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

    /** Copies the library from the class path to a private temporary file, since dlopen needs a path. */
    private static Path extractLibrary() {
        String resource = "/native/linux-" + machine() + "/libbantubox.so";
        try (InputStream in = NativeLibraries.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("libbantubox for " + machine() + " is not on the class path ("
                        + resource + "); rebuild with ./mvnw package on this machine");
            }
            Path file = Files.createTempFile("libbantubox-", ".so");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract libbantubox to the temporary folder", e);
        }
    }
}
