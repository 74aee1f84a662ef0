package dev.bantubox.engine.kernel;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;

/** The entry points of libbantubox (native/src/main/c/launcher.c). */
public interface BantuboxLibrary {
    int bb_result_slots();

    int bb_launch(@In byte[] plan, @size_t long length, int shareMemory, @Out long[] result);

    void bb_release(long handle);
    /**
     * Starts program with count NUL-terminated arguments packed in arguments and fds[i] as its
     * descriptor i, in a new session when newSession is not 0. Returns the pid, or -errno.
     */
    int bb_spawn(String program, @In byte[] arguments, @size_t long length, int count, @In int[] fds, int fdCount,
                 int newSession);
}
