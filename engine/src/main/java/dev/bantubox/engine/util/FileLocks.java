package dev.bantubox.engine.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive locks on lock files, between engine processes (the CLI, the GUI) and between threads of one
 * engine. A thread may take the same lock again while it holds it.
 *
 * <p>Java's file locks belong to the whole JVM, and taking one twice in a JVM throws, so the outermost
 * holder in this JVM takes the file lock and nested holders share it.
 */
public final class FileLocks {
    private static final ConcurrentHashMap<Path, Holder> HOLDERS = new ConcurrentHashMap<>();

    private FileLocks() {
    }

    /** A held lock; closing it releases one level of holding. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Blocks until this thread holds the lock on file, which is created when missing. */
    public static Held acquire(Path file) {
        Path key = file.toAbsolutePath().normalize();
        Holder holder = HOLDERS.computeIfAbsent(key, path -> new Holder());
        holder.threadLock.lock();
        try {
            if (holder.threadLock.getHoldCount() == 1) {
                holder.channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                holder.fileLock = holder.channel.lock();
            }
        } catch (IOException e) {
            closeQuietly(holder);
            holder.threadLock.unlock();
            throw new UncheckedIOException("cannot lock " + key, e);
        }
        return () -> release(holder);
    }

    private static void release(Holder holder) {
        if (holder.threadLock.getHoldCount() == 1) {
            closeQuietly(holder);
        }
        holder.threadLock.unlock();
    }

    private static void closeQuietly(Holder holder) {
        try {
            if (holder.fileLock != null) {
                holder.fileLock.release();
            }
            if (holder.channel != null) {
                holder.channel.close();
            }
        } catch (IOException ignored) {
            // Closing the channel releases the lock even when release() failed.
        } finally {
            holder.fileLock = null;
            holder.channel = null;
        }
    }

    private static final class Holder {
        final ReentrantLock threadLock = new ReentrantLock();
        FileChannel channel;
        FileLock fileLock;
    }
}
