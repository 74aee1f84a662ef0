package dev.bantubox.engine.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.plan.RootFilesystem;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcFilesTest {
    @TempDir
    Path directory;

    @Test
    void symlinkInImageIsReplacedNotFollowed() throws Exception {
        Path outside = Files.writeString(directory.resolve("outside-hosts"), "untouched\n");
        Path etc = Files.createDirectories(directory.resolve("rootfs/etc"));
        Files.createSymbolicLink(etc.resolve("hosts"), outside);

        Optional<Path> writable = EtcFiles.writableEtc(new RootFilesystem.Copy(directory.resolve("rootfs")));
        EtcFiles.write(writable.orElseThrow(), "web", NetworkMode.BRIDGE, "10.203.0.7");

        assertThat(Files.readString(outside)).isEqualTo("untouched\n");
        assertThat(Files.isSymbolicLink(etc.resolve("hosts"))).isFalse();
        assertThat(Files.readString(etc.resolve("hosts"))).contains("10.203.0.7\tweb\n");
        assertThat(Files.readString(etc.resolve("hostname"))).isEqualTo("web\n");
    }

    @Test
    void symlinkedEtcIsSkipped() throws Exception {
        Files.createDirectories(directory.resolve("rootfs"));
        Files.createSymbolicLink(directory.resolve("rootfs/etc"), directory);

        assertThat(EtcFiles.writableEtc(new RootFilesystem.Copy(directory.resolve("rootfs")))).isEmpty();
    }

    @Test
    void overlayWritesGoToUpperLayer() throws Exception {
        Path lower = Files.createDirectories(directory.resolve("lower/etc")).getParent();
        Path upper = Files.createDirectories(directory.resolve("upper"));
        RootFilesystem.Overlay overlay = new RootFilesystem.Overlay(lower, upper, directory.resolve("work"),
                directory.resolve("merged"));

        Optional<Path> writable = EtcFiles.writableEtc(overlay);

        assertThat(writable).contains(upper.resolve("etc"));
        assertThat(Files.isDirectory(upper.resolve("etc"), LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(EtcFiles.writableEtc(new RootFilesystem.HostRoot())).isEmpty();
    }

    @Test
    void isolatedContainerMapsHostnameToLoopback() throws Exception {
        Path etc = Files.createDirectories(directory.resolve("etc"));

        EtcFiles.write(etc, "alone", NetworkMode.NONE, null);

        assertThat(Files.readString(etc.resolve("hosts"))).contains("127.0.1.1\talone\n");
    }
}
