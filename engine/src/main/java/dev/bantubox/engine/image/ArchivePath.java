package dev.bantubox.engine.image;

import java.util.ArrayList;
import java.util.List;

/**
 * The name of a tar entry (or the target of a hardlink entry), split into folder components. Only
 * relative names without {@code ..} are valid: an image is unpacked below its own root, and an archive
 * that names anything else is rejected as a whole instead of being guessed at.
 *
 * @param name       the name as the archive stores it, for messages
 * @param components the components, without empty and {@code .} ones; empty for the root itself
 */
record ArchivePath(String name, List<String> components) {

    ArchivePath {
        components = List.copyOf(components);
    }

    /**
     * Parses an entry name such as {@code ./usr/bin/env} or {@code etc/}. Throws RejectedEntryException
     * for an absolute name, a {@code ..} component or a NUL character.
     */
    static ArchivePath parse(String name) throws RejectedEntryException {
        if (name.isEmpty()) {
            throw new RejectedEntryException(name, "the entry has no name");
        }
        if (name.startsWith("/")) {
            throw new RejectedEntryException(name, "the name is absolute, so it would be written outside the image");
        }
        if (name.indexOf('\0') >= 0) {
            throw new RejectedEntryException(name, "the name contains a NUL character");
        }
        List<String> components = new ArrayList<>();
        for (String component : name.split("/")) {
            if (component.equals("..")) {
                throw new RejectedEntryException(name, "the name contains '..', which leads out of the image");
            }
            if (!component.isEmpty() && !component.equals(".")) {
                components.add(component);
            }
        }
        return new ArchivePath(name, components);
    }

    boolean isRoot() {
        return components.isEmpty();
    }

    /** Returns the last component, or {@code "."} for the root itself. */
    String fileName() {
        return isRoot() ? "." : components.get(components.size() - 1);
    }

    /** Returns the components of the folder that contains this entry. */
    List<String> parentComponents() {
        return isRoot() ? List.of() : components.subList(0, components.size() - 1);
    }
}
