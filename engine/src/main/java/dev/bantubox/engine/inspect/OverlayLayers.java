package dev.bantubox.engine.inspect;

import java.util.List;

/**
 * How a container's root filesystem is made, from the root mount in its mountinfo or from its folder.
 *
 * @param kind   "overlay", "copy" (a full copy of the image) or "host" (the host's own root)
 * @param lower  the read-only image layer (overlay), or the image the copy came from
 * @param upper  the writable layer that receives every change (overlay only, else null)
 * @param work   overlayfs's scratch folder (overlay only, else null)
 * @param merged where the layers are seen as one tree: the container's "/" (or the copy's folder)
 * @param written the files the container created or changed in its writable layer, relative to it;
 *                a name ending in " (deleted)" is a whiteout that hides a file of the image
 */
public record OverlayLayers(String kind, String lower, String upper, String work, String merged, List<String> written) {
    public OverlayLayers {
        written = List.copyOf(written);
    }
}
