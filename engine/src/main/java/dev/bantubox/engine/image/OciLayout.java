package dev.bantubox.engine.image;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OCI image layout: a folder with {@code oci-layout}, {@code index.json} and content-addressed
 * {@code blobs/ALGORITHM/HEX}, as {@code skopeo copy ... oci:DIR:TAG} and {@code umoci} write it. The
 * chain index.json → (nested index →) manifest → layers is followed, and each blob's digest and size
 * are checked before it is used.
 */
final class OciLayout {
    static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
    private static final List<String> INDEX_TYPES = List.of("application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final List<String> MANIFEST_TYPES = List.of("application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final List<String> LAYER_TYPE_PREFIXES = List.of("application/vnd.oci.image.layer.",
            "application/vnd.docker.image.rootfs.");
    /** Only these two algorithms are registered by the OCI image spec; the pattern also keeps '/' out of blob paths. */
    private static final Pattern DIGEST = Pattern.compile("(sha256):([a-f0-9]{64})|(sha512):([a-f0-9]{128})");
    private static final int MAX_NESTED_INDEXES = 4;
    private static final long MAX_JSON_BYTES = 4L << 20;

    private final Path folder;
    private final Gson gson = new Gson();

    /** A content descriptor: what a blob is, its digest and size. */
    static final class Descriptor {
        String mediaType;
        String digest;
        long size;
        Map<String, String> annotations;
        Platform platform;

        String tag() {
            return annotations == null ? null : annotations.get(REF_NAME_ANNOTATION);
        }
    }

    static final class Platform {
        String architecture;
        String os;
    }

    private static final class Index {
        List<Descriptor> manifests;
    }

    private static final class Manifest {
        String mediaType;
        Descriptor config;
        List<Descriptor> layers;
    }

    private static final class LayoutMarker {
        String imageLayoutVersion;
    }

    /**
     * The image chosen from the layout.
     *
     * @param tag            its ref name, or null when the index gives none
     * @param manifestDigest the digest of its manifest
     * @param layers         its layers, lowest first
     */
    record Selection(String tag, String manifestDigest, List<Descriptor> layers) {
    }

    private OciLayout(Path folder) {
        this.folder = folder;
    }

    /** Tells whether folder looks like an OCI image layout: it has the oci-layout marker and index.json. */
    static boolean isLayout(Path folder) {
        return Files.isRegularFile(folder.resolve("oci-layout")) && Files.isRegularFile(folder.resolve("index.json"));
    }

    static OciLayout open(Path folder) throws IOException {
        OciLayout layout = new OciLayout(folder);
        LayoutMarker marker = layout.parse(Files.readString(folder.resolve("oci-layout"), StandardCharsets.UTF_8),
                "oci-layout", LayoutMarker.class);
        if (marker.imageLayoutVersion == null || !marker.imageLayoutVersion.startsWith("1.")) {
            throw new IOException(folder + "/oci-layout gives imageLayoutVersion " + marker.imageLayoutVersion
                    + "; BantuBox reads version 1.x layouts");
        }
        return layout;
    }

    /**
     * Chooses the image tagged tag, or the only image when tag is null, then the manifest for this
     * machine's architecture when the image has one per platform.
     */
    Selection select(String tag) throws IOException {
        Index index = parse(Files.readString(folder.resolve("index.json"), StandardCharsets.UTF_8), "index.json",
                Index.class);
        List<Descriptor> candidates = index.manifests == null ? List.of() : index.manifests;
        if (candidates.isEmpty()) {
            throw new IOException(folder + "/index.json lists no image");
        }
        List<String> tags = candidates.stream().map(Descriptor::tag).filter(Objects::nonNull).distinct().toList();
        if (tag != null) {
            candidates = candidates.stream().filter(descriptor -> tag.equals(descriptor.tag())).toList();
            if (candidates.isEmpty()) {
                throw new IOException("no image tagged '" + tag + "' in " + folder + "; its tags: " + describe(tags));
            }
        } else if (tags.size() > 1) {
            throw new IOException(folder + " contains images with the tags " + describe(tags) + "; choose one with --tag");
        }
        Descriptor chosen = forThisMachine(candidates, "index.json");
        String chosenTag = tag != null ? tag : chosen.tag();
        for (int depth = 0; isIndex(chosen); depth++) {
            if (depth == MAX_NESTED_INDEXES) {
                throw new IOException(folder + " nests image indexes more than " + MAX_NESTED_INDEXES + " deep");
            }
            Index nested = readJsonBlob(chosen, Index.class);
            if (nested.manifests == null || nested.manifests.isEmpty()) {
                throw new IOException("image index " + chosen.digest + " in " + folder + " lists no manifest");
            }
            chosen = forThisMachine(nested.manifests, "image index " + chosen.digest);
        }
        return new Selection(chosenTag, chosen.digest, layersOf(chosen));
    }

    /** Checks the blob's size and digest, then opens it. The whole blob is read twice, once to check it. */
    InputStream openVerifiedBlob(Descriptor descriptor) throws IOException {
        Path blob = blobPath(descriptor);
        MessageDigest digest = messageDigest(descriptor.digest);
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(blob)) {
            for (int read; (read = in.read(buffer)) > 0; size += read) {
                digest.update(buffer, 0, read);
            }
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!descriptor.digest.endsWith(":" + actual)) {
            throw new IOException("blob " + blob + " is damaged: its content hashes to " + actual
                    + ", not to the digest " + descriptor.digest + " that the image names");
        }
        if (descriptor.size > 0 && size != descriptor.size) {
            throw new IOException("blob " + blob + " has " + size + " bytes, but the image gives its size as "
                    + descriptor.size);
        }
        return Files.newInputStream(blob);
    }

    private List<Descriptor> layersOf(Descriptor manifestDescriptor) throws IOException {
        if (manifestDescriptor.mediaType != null && !MANIFEST_TYPES.contains(manifestDescriptor.mediaType)) {
            throw new IOException(manifestDescriptor.digest + " in " + folder + " has the media type "
                    + manifestDescriptor.mediaType + ", which is no image manifest");
        }
        Manifest manifest = readJsonBlob(manifestDescriptor, Manifest.class);
        if (manifest.layers == null) {
            throw new IOException("manifest " + manifestDescriptor.digest + " in " + folder + " lists no layers");
        }
        for (Descriptor layer : manifest.layers) {
            String type = layer.mediaType == null ? "" : layer.mediaType;
            if (LAYER_TYPE_PREFIXES.stream().noneMatch(type::startsWith)) {
                throw new IOException("layer " + layer.digest + " of manifest " + manifestDescriptor.digest
                        + " has the media type '" + type + "', which is no filesystem layer");
            }
        }
        return List.copyOf(manifest.layers);
    }

    private boolean isIndex(Descriptor descriptor) {
        return descriptor.mediaType != null && INDEX_TYPES.contains(descriptor.mediaType);
    }

    private Descriptor forThisMachine(List<Descriptor> candidates, String where) throws IOException {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        String architecture = ociArchitecture();
        List<String> offered = new ArrayList<>();
        for (Descriptor candidate : candidates) {
            if (candidate.platform == null) {
                offered.add("(no platform)");
                continue;
            }
            offered.add(candidate.platform.os + "/" + candidate.platform.architecture);
            if ("linux".equals(candidate.platform.os) && architecture.equals(candidate.platform.architecture)) {
                return candidate;
            }
        }
        throw new IOException(where + " in " + folder + " has no image for linux/" + architecture + "; it has "
                + describe(offered));
    }

    private <T> T readJsonBlob(Descriptor descriptor, Class<T> type) throws IOException {
        if (descriptor.size > MAX_JSON_BYTES) {
            throw new IOException(descriptor.digest + " in " + folder + " is " + descriptor.size
                    + " bytes, too large for an index or manifest");
        }
        try (InputStream in = openVerifiedBlob(descriptor)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), descriptor.digest, type);
        }
    }

    private <T> T parse(String json, String what, Class<T> type) throws IOException {
        try {
            T value = gson.fromJson(json, type);
            if (value == null) {
                throw new IOException(what + " in " + folder + " is empty");
            }
            return value;
        } catch (JsonParseException invalid) {
            throw new IOException(what + " in " + folder + " is not valid JSON: " + invalid.getMessage(), invalid);
        }
    }

    private Path blobPath(Descriptor descriptor) throws IOException {
        Matcher matcher = descriptor.digest == null ? null : DIGEST.matcher(descriptor.digest);
        if (matcher == null || !matcher.matches()) {
            throw new IOException("invalid digest '" + descriptor.digest + "' in " + folder
                    + ": expected sha256: or sha512: and lower-case hex");
        }
        String algorithm = matcher.group(1) != null ? matcher.group(1) : matcher.group(3);
        String hex = matcher.group(1) != null ? matcher.group(2) : matcher.group(4);
        Path blob = folder.resolve("blobs").resolve(algorithm).resolve(hex);
        if (!Files.isRegularFile(blob)) {
            throw new IOException("blob " + descriptor.digest + " is missing from " + folder + " (no file " + blob
                    + "); copy the image again with all its layers");
        }
        return blob;
    }

    private static MessageDigest messageDigest(String digest) {
        try {
            return MessageDigest.getInstance(digest.startsWith("sha512:") ? "SHA-512" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256 and SHA-512", e);
        }
    }

    /** This machine's architecture in the OCI (Go) spelling. */
    static String ociArchitecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> arch;
        };
    }

    private static String describe(List<String> values) {
        return values.isEmpty() ? "(none)" : String.join(", ", values);
    }
}
