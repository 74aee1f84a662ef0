package dev.bantubox.engine.network;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.kernel.Errno;
import dev.bantubox.engine.kernel.LibC;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.plan.CloneFlags;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * Runs Java code inside another network namespace. The network namespace belongs to a thread, not to
 * the process, so a fresh thread may setns(CLONE_NEWNET) without moving the rest of the JVM; every
 * socket it creates lives in that namespace for the socket's whole life, whichever thread uses it
 * later. The thread ends when its work ends, so no pooled thread is ever left in the wrong namespace.
 */
public final class NetworkNamespaceThread {
    private NetworkNamespaceThread() {
    }

    /**
     * Runs work on a new thread inside the namespace behind namespaceFile and returns its result;
     * with a null namespaceFile it runs on the calling thread.
     */
    public static <T> T call(Path namespaceFile, Callable<T> work) throws Exception {
        if (namespaceFile == null) {
            return work.call();
        }
        FutureTask<T> task = new FutureTask<>(() -> {
            join(namespaceFile);
            return work.call();
        });
        Thread thread = new Thread(task, "netns-" + namespaceFile.getFileName());
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get();
        } catch (ExecutionException failure) {
            Throwable cause = failure.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }

    /**
     * Starts a daemon thread that joins the namespace behind namespaceFile (none when null) and then
     * runs work. A failure to join ends the thread before work runs, and is passed to onJoinFailure.
     */
    public static Thread start(Path namespaceFile, String name, Runnable work,
                               Consumer<RuntimeException> onJoinFailure) {
        Thread thread = new Thread(() -> {
            if (namespaceFile != null) {
                try {
                    join(namespaceFile);
                } catch (RuntimeException failure) {
                    onJoinFailure.accept(failure);
                    return;
                }
            }
            work.run();
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Moves the calling thread into the network namespace behind namespaceFile. */
    private static void join(Path namespaceFile) {
        NativeLibraries libraries = NativeLibraries.get();
        LibC libc = libraries.libc();
        int fd = libc.open(namespaceFile.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd < 0) {
            throw new EngineException("cannot open network namespace " + namespaceFile + ": "
                    + Errno.name(libraries.lastErrno()) + " (check that it exists with 'ip netns list')");
        }
        try {
            if (libc.setns(fd, CloneFlags.CLONE_NEWNET) != 0) {
                throw new EngineException("setns(\"" + namespaceFile + "\", CLONE_NEWNET) failed: "
                        + Errno.name(libraries.lastErrno()) + " (joining a network namespace needs root)");
            }
        } finally {
            libc.close(fd);
        }
    }
}
