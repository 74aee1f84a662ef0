package dev.bantubox.engine.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bantubox.engine.host.MountInfo;
import dev.bantubox.engine.kernel.NativeLibraries;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The v2 driver's core files on the real kernel's cgroup2 mount: joining, CPU time from cpu.stat,
 * cgroup.kill and rmdir. Limits need controllers that a hybrid host keeps on v1, so their files are
 * tested on {@link FakeCgroup2Tree}. The test reads the mount as offering no controllers, so it never
 * enables one or moves the test JVM.
 */
class CgroupV2KernelTest {
    private static final int SIGKILL = 9;

    private ContainerCgroup cgroup;
    private Process shell;

    @BeforeEach
    void requireCgroup2() throws IOException {
        assumeTrue(NativeLibraries.get().libc().geteuid() == 0, "creating cgroups needs root");
        List<MountInfo> mounts = MountInfo.readSelf().stream().filter(mount -> mount.type().equals("cgroup2")).toList();
        assumeTrue(!mounts.isEmpty(), "no cgroup2 file system is mounted");
        CgroupFiles kernel = new KernelCgroupFiles();
        CgroupFiles withoutControllers = new ControllerlessView(kernel);
        CgroupLayout layout = CgroupLayout.detect(mounts, Files.readString(Path.of("/proc/self/cgroup")),
                withoutControllers);
        cgroup = ContainerCgroup.forContainer(layout, kernel, pid -> NativeLibraries.get().libc().kill(pid, SIGKILL),
                "v2-kernel-test-" + ProcessHandle.current().pid());
    }

    @AfterEach
    void removeCgroup() throws InterruptedException {
        if (shell != null) {
            shell.destroyForcibly();
            shell.waitFor(10, TimeUnit.SECONDS);
        }
        if (cgroup != null) {
            cgroup.killAll(CgroupJournal.NONE);
            cgroup.remove(CgroupJournal.NONE);
        }
    }

    @Test
    void cgroupKillEndsEveryMember() throws Exception {
        cgroup.create(CgroupLimits.none(), ProcessHandle.current().pid(), CgroupJournal.NONE);
        Path directory = cgroup.directories().get(0);
        // The shell starts its two sleeps only after it has joined, so they are born in the cgroup.
        shell = new ProcessBuilder("/bin/sh", "-c", "read line; sleep 60 & sleep 60 & wait").start();
        cgroup.join((int) shell.pid(), CgroupJournal.NONE);
        try (OutputStream input = shell.getOutputStream()) {
            input.write('\n');
        }
        assertThat(CgroupDriver.waitUntil(() -> members(directory) == 3)).as("shell and two sleeps joined").isTrue();

        CgroupUsage usage = cgroup.usage();
        cgroup.killAll(CgroupJournal.NONE);

        assertThat(usage.cpuNanos()).as("usage_usec of cpu.stat").isNotNull().isPositive();
        assertThat(members(directory)).isZero();
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).as("shell killed by SIGKILL").isEqualTo(128 + SIGKILL);
        cgroup.remove(CgroupJournal.NONE);
        assertThat(directory).doesNotExist();
    }

    private static long members(Path directory) {
        try {
            return Files.readAllLines(directory.resolve("cgroup.procs")).stream().filter(line -> !line.isBlank()).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The kernel's files, except that every cgroup.controllers reads as empty. */
    private record ControllerlessView(CgroupFiles kernel) implements CgroupFiles {
        @Override
        public void makeDirectory(Path directory) {
            kernel.makeDirectory(directory);
        }

        @Override
        public void removeDirectory(Path directory) {
            kernel.removeDirectory(directory);
        }

        @Override
        public void write(Path file, String value) {
            kernel.write(file, value);
        }

        @Override
        public String read(Path file) {
            return file.getFileName().toString().equals("cgroup.controllers") ? "" : kernel.read(file);
        }

        @Override
        public boolean exists(Path path) {
            return kernel.exists(path);
        }

        @Override
        public List<Path> childDirectories(Path directory) {
            return kernel.childDirectories(directory);
        }
    }
}
