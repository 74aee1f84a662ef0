package dev.bantubox.engine.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Writes a small OCI image layout by hand: gzip layers, a config, one manifest and index.json. */
final class OciLayoutWriter {
    private final List<byte[]> layers = new ArrayList<>();

    OciLayoutWriter layer(TarBuilder tar) {
        layers.add(tar.gzipBytes());
        return this;
    }

    /** Writes the layout into folder and returns the digest of the manifest. */
    String writeTo(Path folder, String tag) {
        try {
            Files.createDirectories(folder.resolve("blobs/sha256"));
            StringBuilder layerDescriptors = new StringBuilder();
            StringBuilder diffIds = new StringBuilder();
            for (byte[] layer : layers) {
                String digest = writeBlob(folder, layer);
                layerDescriptors.append(layerDescriptors.length() == 0 ? "" : ",").append(descriptor(
                        "application/vnd.oci.image.layer.v1.tar+gzip", digest, layer.length));
                diffIds.append(diffIds.length() == 0 ? "" : ",").append('"').append(digest).append('"');
            }
            byte[] config = ("{\"architecture\":\"" + OciLayout.ociArchitecture() + "\",\"os\":\"linux\","
                    + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}").getBytes(StandardCharsets.UTF_8);
            String configDigest = writeBlob(folder, config);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":" + descriptor("application/vnd.oci.image.config.v1+json", configDigest, config.length)
                    + ",\"layers\":[" + layerDescriptors + "]}").getBytes(StandardCharsets.UTF_8);
            String manifestDigest = writeBlob(folder, manifest);
            Files.writeString(folder.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                    + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
                    + manifest.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}]}");
            Files.writeString(folder.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            return manifestDigest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String descriptor(String mediaType, String digest, int size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    private static String writeBlob(Path folder, byte[] content) throws IOException {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            Files.write(folder.resolve("blobs/sha256").resolve(hex), content);
            return "sha256:" + hex;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
