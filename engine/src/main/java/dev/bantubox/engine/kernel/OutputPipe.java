package dev.bantubox.engine.kernel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A pipe that collects what a container writes to its standard output or error. Give
 * {@link #writeFd()} to the launch as the child's stdout (or stderr), call {@link #closeWriteEnd()}
 * once the child exists, and read the text with {@link #awaitText}.
 */
public final class OutputPipe implements AutoCloseable {
    private final NativeLibraries libraries;
    private final int readFd;
    private int writeFd;
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
    private final Thread reader;
    private final Consumer<String> listener;

    private OutputPipe(NativeLibraries libraries, int readFd, int writeFd, Consumer<String> listener) {
        this.libraries = libraries;
        this.readFd = readFd;
        this.writeFd = writeFd;
        this.listener = listener;
        this.reader = new Thread(this::readUntilEndOfFile, "output-pipe-" + readFd);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Opens a pipe whose ends close at execve in any other process. */
    public static OutputPipe open() {
        return open(chunk -> { });
    }

    /** Opens a pipe and passes every chunk of text read to listener, on the reader thread. */
    public static OutputPipe open(Consumer<String> listener) {
        NativeLibraries libraries = NativeLibraries.get();
        int[] fds = new int[2];
        if (libraries.libc().pipe2(fds, LibC.O_CLOEXEC) != 0) {
            throw new IllegalStateException("pipe2 failed: " + Errno.name(libraries.lastErrno()));
        }
        return new OutputPipe(libraries, fds[0], fds[1], listener);
    }

    /** The descriptor the child writes to (dup2 makes its copy inheritable). */
    public int writeFd() {
        return writeFd;
    }

    /** Closes the engine's copy of the write end, so the reader sees end-of-file when the child is done. */
    public void closeWriteEnd() {
        if (writeFd >= 0) {
            libraries.libc().close(writeFd);
            writeFd = -1;
        }
    }

    /** Waits until every writer has closed the pipe (or the timeout passes) and returns the text. */
    public String awaitText(long timeout, TimeUnit unit) throws InterruptedException {
        closeWriteEnd();
        reader.join(unit.toMillis(timeout));
        return text();
    }

    /** What has been read so far. */
    public String text() {
        synchronized (collected) {
            return collected.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        closeWriteEnd();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        libraries.libc().close(readFd);
    }

    private void readUntilEndOfFile() {
        byte[] buffer = new byte[8192];
        while (true) {
            long count = libraries.libc().read(readFd, buffer, buffer.length);
            if (count > 0) {
                synchronized (collected) {
                    collected.write(buffer, 0, (int) count);
                }
                listener.accept(new String(buffer, 0, (int) count, StandardCharsets.UTF_8));
            } else if (count == 0 || libraries.lastErrno() != LibC.EINTR) {
                return;
            }
        }
    }
}
