package dev.bantubox.engine.image;

import java.nio.file.Path;
import java.time.Instant;

/**
 * An extracted image in the store. Its rootfs is shared read-only by every container made from it.
 *
 * @param name    the image's name, as {@code run -i NAME} takes it
 * @param rootfs  the extracted root filesystem
 * @param source  where the image came from, in a few words
 * @param created when the image was added to the store
 */
public record Image(String name, Path rootfs, String source, Instant created) {
}
