package dev.bantubox.engine.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The compression of a tar archive, detected from its first bytes rather than its file name. OCI blobs
 * have no extension, and a renamed .tar.gz still starts with the gzip magic.
 */
enum Compression {
    NONE(new byte[0]),
    GZIP(new byte[] {0x1f, (byte) 0x8b}),
    BZIP2(new byte[] {'B', 'Z', 'h'}),
    XZ(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0x00}),
    ZSTD(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});

    private static final int TAR_HEADER_SIZE = 512;
    private static final int BUFFER_SIZE = 1 << 16;

    private final byte[] magic;

    Compression(byte[] magic) {
        this.magic = magic;
    }

    /**
     * Wraps raw in the matching decompressor and checks that what comes out starts with a tar header.
     * Throws IOException naming source when the data is no tar archive or uses an unsupported compression.
     */
    static InputStream openTar(InputStream raw, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_SIZE);
        Compression compression = detect(peek(buffered, 6));
        InputStream tar = switch (compression) {
            case NONE -> buffered;
            // "Concatenated" reads every member, as gzip -d and xz -d do with files joined by cat.
            case GZIP -> new GzipCompressorInputStream(buffered, true);
            case BZIP2 -> new BZip2CompressorInputStream(buffered, true);
            case XZ -> new XZCompressorInputStream(buffered, true);
            // NOTE: zstd needs the native zstd-jni library, which the engine does not ship.
            case ZSTD -> throw new IOException(source + " is compressed with zstd, which BantuBox cannot read;"
                    + " recompress it with gzip or xz (for an OCI image: skopeo copy --dest-compress-format gzip)");
        };
        BufferedInputStream decompressed = tar == buffered ? buffered : new BufferedInputStream(tar, BUFFER_SIZE);
        byte[] header = peek(decompressed, TAR_HEADER_SIZE);
        if (!TarArchiveInputStream.matches(header, header.length)) {
            throw new IOException(source + " is not a tar archive"
                    + (compression == NONE ? "" : " inside its " + compression.name().toLowerCase() + " compression")
                    + ": its first block has no ustar header; import takes .tar, .tar.gz, .tar.xz and .tar.bz2 files"
                    + " or an OCI image layout");
        }
        return decompressed;
    }

    static Compression detect(byte[] start) {
        for (Compression compression : values()) {
            if (compression != NONE && start.length >= compression.magic.length
                    && Arrays.equals(start, 0, compression.magic.length, compression.magic, 0, compression.magic.length)) {
                return compression;
            }
        }
        return NONE;
    }

    private static byte[] peek(BufferedInputStream in, int count) throws IOException {
        in.mark(count);
        byte[] start = in.readNBytes(count);
        in.reset();
        return start;
    }
}
