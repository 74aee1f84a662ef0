package dev.bantubox.engine.kernel;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;

/** The entry points of libbantubox (native/src/main/c/launcher.c). */
public interface BantuboxLibrary {
    int bb_result_slots();

    int bb_launch(@In byte[] plan, @size_t long length, int shareMemory, @Out long[] result);

    void bb_release(long handle);
}
