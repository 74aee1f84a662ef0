package dev.bantubox.cli;

import dev.bantubox.engine.kernel.BantuboxLibrary;
import dev.bantubox.engine.kernel.Errno;
import dev.bantubox.engine.kernel.NativeLibraries;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The terminal that bantubox itself runs in, behind one of its descriptors: its window size and raw
 * mode. Raw mode is undone by {@link #restore()}, which is safe to call from a shutdown hook and more
 * than once.
 */
final class LocalTerminal {
    static final int STANDARD_INPUT = 0;
    /** The size to use when the terminal reports none (0 x 0), as some serial consoles do. */
    private static final int DEFAULT_COLUMNS = 80;
    private static final int DEFAULT_ROWS = 24;

    private final int fd;
    private final BantuboxLibrary bantubox;
    private byte[] savedSettings;
    private final AtomicBoolean raw = new AtomicBoolean();

    private LocalTerminal(int fd) {
        this.fd = fd;
        this.bantubox = NativeLibraries.get().bantubox();
    }

    /** Returns the terminal behind fd, or null when fd is no terminal (a pipe or a file). */
    static LocalTerminal of(int fd) {
        if (NativeLibraries.get().libc().isatty(fd) != 1) {
            return null;
        }
        return new LocalTerminal(fd);
    }

    /** Returns the window size as {columns, rows}, or 80 x 24 when the terminal does not report one. */
    int[] size() {
        int[] size = new int[2];
        if (bantubox.bb_window_size(fd, size) != 0 || size[0] == 0 || size[1] == 0) {
            return new int[] {DEFAULT_COLUMNS, DEFAULT_ROWS};
        }
        return size;
    }

    /**
     * Switches the terminal to raw mode: keys are no longer echoed or edited here, and Ctrl-C, Ctrl-Z and
     * Ctrl-\ become bytes for the program on the other side instead of signals for bantubox.
     */
    void enterRawMode() {
        byte[] saved = new byte[bantubox.bb_termios_size()];
        int result = bantubox.bb_enter_raw_mode(fd, saved);
        if (result != 0) {
            throw new IllegalStateException("cannot switch the terminal to raw mode: " + Errno.name(-result));
        }
        savedSettings = saved;
        raw.set(true);
    }

    /** Restores the settings from before {@link #enterRawMode()}; does nothing when they are restored already. */
    void restore() {
        if (raw.compareAndSet(true, false)) {
            bantubox.bb_restore_terminal(fd, savedSettings);
        }
    }
}
