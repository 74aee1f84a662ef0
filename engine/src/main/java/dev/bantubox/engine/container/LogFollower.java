package dev.bantubox.engine.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** Copies a detached container's log file to a stream, and with follow keeps copying while it runs. */
public final class LogFollower {
    private static final long POLL_MILLIS = 100;

    private LogFollower() {
    }

    /**
     * Copies the content of log. With follow, then copies what is appended until running returns false.
     * One more copy follows that, so the last lines written before the end are not lost.
     */
    public static void copy(Path log, OutputStream out, boolean follow, BooleanSupplier running) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            byte[] buffer = new byte[8192];
            while (true) {
                boolean stillRunning = follow && running.getAsBoolean();
                int count;
                while ((count = in.read(buffer)) > 0) {
                    out.write(buffer, 0, count);
                }
                out.flush();
                if (!stillRunning) {
                    return;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
