package dev.bantubox.engine.image;

import dev.bantubox.engine.EngineException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fills a new image's root folder from a tar archive (plain, gzip, xz or bzip2) or from an OCI image
 * layout, given as its folder or packed in a tar. The caller owns the folders and removes them when
 * this fails.
 */
final class ImageImporter {
    private static final int SHORT_DIGEST = "sha256:".length() + 12;

    /**
     * The outcome of an import.
     *
     * @param source one line on where the image came from
     * @param report what was unpacked and left out
     */
    record Result(String source, ExtractionReport report) {
    }

    private ImageImporter() {
    }

    /**
     * Imports source into rootfs, an empty folder. scratch is a folder on the same file system for an
     * OCI layout unpacked from a tar. tag chooses an image of an OCI layout and must be null for a plain
     * archive.
     */
    static Result importInto(Path source, String tag, Path rootfs, Path scratch) throws IOException {
        if (Files.isDirectory(source)) {
            if (!OciLayout.isLayout(source)) {
                throw new EngineException(source + " is a folder but no OCI image layout (it has no oci-layout and"
                        + " index.json); to import a root filesystem folder, pack it first: tar -C " + source
                        + " -cf FILE .");
            }
            return importLayout(source, source.toAbsolutePath().toString(), tag, rootfs);
        }
        if (!Files.exists(source)) {
            throw new EngineException("cannot import " + source + ": no such file or folder");
        }
        if (!Files.isRegularFile(source)) {
            throw new EngineException("cannot import " + source + ": it is neither a regular file nor a folder;"
                    + " save the archive to a file first");
        }
        ExtractionReport report = new ExtractionReport();
        extractArchive(source, rootfs, report);
        if (OciLayout.isLayout(rootfs) && Files.isDirectory(rootfs.resolve("blobs"))) {
            // The archive was an OCI layout packed with tar: unpack its image in a fresh root.
            Path layout = scratch.resolve("oci-layout");
            Files.move(rootfs, layout);
            Files.createDirectory(rootfs);
            return importLayout(layout, source.toAbsolutePath() + " (an OCI image layout)", tag, rootfs);
        }
        if (tag != null) {
            throw new EngineException("--tag " + tag + " chooses an image of an OCI image layout, but " + source
                    + " is a plain root filesystem archive");
        }
        return new Result("archive " + source.toAbsolutePath(), report);
    }

    /** Unpacks one archive, as a whole root filesystem, into rootfs. */
    static ExtractionReport extractArchive(Path archive, Path rootfs, ExtractionReport report) throws IOException {
        try (InputStream tar = Compression.openTar(Files.newInputStream(archive), archive.toString())) {
            new LayerExtractor(new ImageRoot(rootfs), false, report).extract(tar);
        } catch (RejectedEntryException rejected) {
            throw new EngineException("cannot import " + archive + ": " + rejected.getMessage()
                    + "; nothing was imported");
        }
        return report;
    }

    private static Result importLayout(Path folder, String description, String tag, Path rootfs) throws IOException {
        OciLayout layout = OciLayout.open(folder);
        OciLayout.Selection image = layout.select(tag);
        ImageRoot root = new ImageRoot(rootfs);
        ExtractionReport report = new ExtractionReport();
        List<OciLayout.Descriptor> layers = image.layers();
        for (int i = 0; i < layers.size(); i++) {
            OciLayout.Descriptor layer = layers.get(i);
            String name = "layer " + (i + 1) + " of " + layers.size() + " (" + shortDigest(layer.digest) + ")";
            try (InputStream tar = Compression.openTar(layout.openVerifiedBlob(layer), name)) {
                new LayerExtractor(root, true, report).extract(tar);
            } catch (RejectedEntryException rejected) {
                throw new EngineException("cannot import " + folder + ": " + name + ": " + rejected.getMessage()
                        + "; nothing was imported");
            }
        }
        String tagPart = image.tag() == null ? "" : ", tag " + image.tag();
        return new Result("OCI image layout " + description + tagPart + ", manifest " + shortDigest(image.manifestDigest())
                + ", " + layers.size() + (layers.size() == 1 ? " layer" : " layers"), report);
    }

    private static String shortDigest(String digest) {
        return digest != null && digest.length() > SHORT_DIGEST ? digest.substring(0, SHORT_DIGEST) : String.valueOf(digest);
    }
}
