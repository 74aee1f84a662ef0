package dev.bantubox.engine.plan;

import java.nio.file.Path;

/** Where the container's root filesystem comes from, as prepared on the host before clone(). */
public sealed interface RootFilesystem {

    /** The host's own root: no image is used (the fork/exec lesson). */
    record HostRoot() implements RootFilesystem {
    }

    /** A full copy of the image in the container's directory. */
    record Copy(Path directory) implements RootFilesystem {
    }

    /**
     * An overlay: the image's extracted rootfs as the read-only lower layer, and the container's own
     * upper (where its writes land), work (overlayfs's scratch space, same file system as upper) and
     * merged (the mount point) directories.
     */
    record Overlay(Path lower, Path upper, Path work, Path merged) implements RootFilesystem {
        /** The mount data string for mount(2). */
        public String mountData() {
            return "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work;
        }
    }
}
