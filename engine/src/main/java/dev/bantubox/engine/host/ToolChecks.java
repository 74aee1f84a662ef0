package dev.bantubox.engine.host;

import dev.bantubox.engine.image.Image;
import dev.bantubox.engine.image.ImageStore;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Checks of the host programs BantuBox uses: iproute2's ip, and what the default image is made from. */
final class ToolChecks {
    private static final long COMMAND_TIMEOUT_SECONDS = 10;
    /** sudo resets PATH, and a learner's PATH often lacks the sbin folders; these are searched too. */
    private static final List<String> SYSTEM_FOLDERS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
            "/usr/bin", "/sbin", "/bin");

    private ToolChecks() {
    }

    static CheckResult iproute2() {
        HostCheck check = HostCheck.IPROUTE2;
        String install = "install it with 'sudo apt-get install iproute2'";
        Optional<Path> ip = findProgram("ip");
        if (ip.isEmpty()) {
            return CheckResult.fail(check, "no ip command was found in PATH or the sbin folders, so the engine"
                    + " cannot set up container networks", install);
        }
        Optional<String> version = outputOf(ip.get().toString(), "-V");
        if (version.isPresent() && version.get().contains("iproute2")) {
            return CheckResult.ok(check, ip.get() + " is iproute2's ip (" + version.get().trim() + ")");
        }
        String printed = version.map(text -> "'ip -V' printed '" + firstLine(text) + "'")
                .orElse("'ip -V' did not run");
        return CheckResult.warning(check, ip.get() + " is not iproute2's ip (" + printed + "), so some"
                + " options the lessons use may be missing", install);
    }

    static CheckResult defaultImage(ImageStore images) {
        HostCheck check = HostCheck.DEFAULT_IMAGE;
        String busybox = ImageStore.DEFAULT_IMAGE;
        Optional<Image> made = images.find(busybox);
        if (made.isPresent()) {
            return CheckResult.ok(check, "the " + busybox + " image is ready (" + made.get().source() + ")");
        }
        // The same order as the busybox recipe: Debian's package first, then a static busybox on the host.
        Optional<Path> aptGet = findProgram("apt-get");
        Optional<Path> staticBusybox = staticBusybox();
        if (aptGet.isPresent() && staticBusybox.isPresent()) {
            return CheckResult.ok(check, "the " + busybox + " image is not made yet; the first run downloads"
                    + " Debian's busybox-static with apt-get, or else copies the static busybox at "
                    + staticBusybox.get());
        }
        if (aptGet.isPresent()) {
            return CheckResult.ok(check, "the " + busybox + " image is not made yet; the first run downloads"
                    + " Debian's busybox-static with 'apt-get download', which needs the package mirror");
        }
        if (staticBusybox.isPresent()) {
            return CheckResult.ok(check, "the " + busybox + " image is not made yet; the first run copies the"
                    + " static busybox at " + staticBusybox.get());
        }
        String fix = "install a static busybox with 'sudo apt-get install busybox-static'";
        String noBusybox = busybox + " cannot be made here (no apt-get and no static busybox)";
        if (images.find(ImageStore.STARTER_IMAGE).isPresent()) {
            return CheckResult.warning(check, noBusybox + ", so runs use the starter image, made earlier from host"
                    + " programs, which lacks busybox's tools such as ping, nc and httpd", fix);
        }
        if (Files.isExecutable(Path.of("/bin/sh"))) {
            return CheckResult.warning(check, noBusybox + ", so the first run makes the starter image from host"
                    + " programs, which lacks busybox's tools such as ping, nc and httpd", fix);
        }
        return CheckResult.fail(check, noBusybox + ", and the starter image needs /bin/sh, which is missing", fix);
    }

    /** Finds a static busybox as the busybox recipe does: executable, and ldd does not list libraries for it. */
    private static Optional<Path> staticBusybox() {
        Set<Path> candidates = new LinkedHashSet<>();
        findProgram("busybox").ifPresent(candidates::add);
        candidates.add(Path.of("/bin/busybox"));
        candidates.add(Path.of("/usr/bin/busybox"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate) && !lddSucceeds(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs ldd, which fails with "not a dynamic executable" for a static binary, as the recipe relies on. */
    private static boolean lddSucceeds(Path program) {
        return exitCodeOf("ldd", program.toString()).orElse(1) == 0;
    }

    /** Searches PATH and then the system folders for an executable file of that name. */
    static Optional<Path> findProgram(String name) {
        List<String> folders = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            folders.addAll(List.of(path.split(File.pathSeparator)));
        }
        folders.addAll(SYSTEM_FOLDERS);
        for (String folder : folders) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> outputOf(String... command) {
        return run(command).map(result -> result.output);
    }

    private static Optional<Integer> exitCodeOf(String... command) {
        return run(command).map(result -> result.exitCode);
    }

    private record Finished(int exitCode, String output) {
    }

    /**
     * Runs a short host command; empty when it cannot start or does not end in time. The output goes
     * to a file, so a program that hangs with its output open cannot block the check past the timeout.
     */
    private static Optional<Finished> run(String... command) {
        Path output = null;
        try {
            output = Files.createTempFile("bantubox-host-check-", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new Finished(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover file in the temporary folder does no harm; the check result does not depend on it.
        }
    }

    private static String firstLine(String text) {
        String trimmed = text.trim();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end);
    }
}
