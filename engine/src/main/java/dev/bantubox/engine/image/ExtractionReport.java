package dev.bantubox.engine.image;

import java.util.ArrayList;
import java.util.List;

/** Counts of what an import unpacked and what it left out, summed over all layers. */
public final class ExtractionReport {
    int files;
    int folders;
    int symlinks;
    int hardlinks;
    int fifos;
    int whiteouts;
    int skippedDevices;
    int skippedOther;

    public int files() {
        return files;
    }

    public int folders() {
        return folders;
    }

    public int symlinks() {
        return symlinks;
    }

    public int hardlinks() {
        return hardlinks;
    }

    /** Device nodes left out: a container gets a fresh /dev from the engine, and a node could open host devices. */
    public int skippedDevices() {
        return skippedDevices;
    }

    /** OCI whiteout entries applied, each of which deleted a file or emptied a folder of a lower layer. */
    public int whiteouts() {
        return whiteouts;
    }

    /** Returns one line for the learner, such as {@code 812 files, 96 folders, 40 symlinks; skipped 8 device nodes}. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        parts.add(count(files, "file"));
        parts.add(count(folders, "folder"));
        parts.add(count(symlinks, "symlink"));
        if (hardlinks > 0) {
            parts.add(count(hardlinks, "hardlink"));
        }
        if (fifos > 0) {
            parts.add(count(fifos, "FIFO"));
        }
        if (whiteouts > 0) {
            parts.add(count(whiteouts, "whiteout") + " applied");
        }
        String line = String.join(", ", parts);
        if (skippedDevices > 0) {
            line += "; skipped " + count(skippedDevices, "device node") + " (a container gets its own /dev)";
        }
        if (skippedOther > 0) {
            line += "; skipped " + count(skippedOther, "entry", "entries") + " of an unknown type";
        }
        return line;
    }

    private static String count(int number, String singular) {
        return count(number, singular, singular + "s");
    }

    private static String count(int number, String singular, String plural) {
        return number + " " + (number == 1 ? singular : plural);
    }
}
