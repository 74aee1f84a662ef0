package dev.bantubox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.util.TreeRemover;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `bantubox run` as a learner types it: exit status, messages on stderr, and --trace. */
class RunCommandTest {
    private static Path home;
    private static String network;

    @BeforeAll
    static void createHome() throws Exception {
        home = Files.createTempDirectory("bantubox-cli-test-");
        network = CliProcess.createNetworkNamespace();
    }

    @AfterAll
    static void removeHome() throws Exception {
        try {
            CliProcess.deleteNetworkNamespace(network);
        } finally {
            TreeRemover.remove(home);
        }
    }

    @Test
    void exitStatusIsTheCommandsOwn() throws Exception {
        CliProcess.Result result = CliProcess.run(home, network, "run", "--rm", "sh", "-c", "echo out; exit 7");

        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.stdout()).isEqualTo("out\n");
    }

    @Test
    void missingCommandExitsOneTwentySevenWithOneLine() throws Exception {
        CliProcess.Result result = CliProcess.run(home, network, "run", "--rm", "no-such-program");

        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.stderr().lines().toList()).containsExactly(
                "bantubox: command 'no-such-program' not found in the container: check the spelling, or give its"
                        + " full path inside the image (an image is chosen with -i IMAGE, before the command)");
    }

    @Test
    void directoryAsCommandExitsOneTwentySix() throws Exception {
        CliProcess.Result result = CliProcess.run(home, network, "run", "--rm", "/etc");

        assertThat(result.exitCode()).isEqualTo(126);
        assertThat(result.stderr()).startsWith("bantubox: command '/etc' cannot be executed (EACCES)");
    }

    @Test
    void engineErrorExitsOneTwentyFive() throws Exception {
        CliProcess.Result result = CliProcess.run(home, network, "run", "--hostname", "x".repeat(65), "true");

        assertThat(result.exitCode()).isEqualTo(125);
        assertThat(result.stderr()).contains("65 characters").doesNotContain("Exception", "\tat ");
    }

    @Test
    void impossibleTogglesRejectedWithSentence() throws Exception {
        CliProcess.Result result = CliProcess.run(home, network, "run", "--no-mount-ns", "--chroot", "--no-overlay", "--no-pivot-root",
                "--image", "busybox", "true");
        CliProcess.Result overlayAlone = CliProcess.run(home, network, "run", "--no-pivot-root", "true");

        assertThat(result.exitCode()).isZero();
        assertThat(overlayAlone.exitCode()).isEqualTo(125);
        assertThat(overlayAlone.stderr()).contains("OVERLAY builds the container's root filesystem");
    }

    @Test
    void killedBySignalExitsOneTwentyEightPlusSignal() throws Exception {
        CliProcess.Result result = CliProcess.run(home, network, "run", "--rm", "--no-pid-ns", "sh", "-c", "kill -TERM $$");

        assertThat(result.exitCode()).isEqualTo(128 + 15);
    }

    @Test
    void traceListsEveryStepWithDuration() throws Exception {
        CliProcess.Result result = CliProcess.run(home, network, "run", "--rm", "--trace", "--hostname", "traced", "true");
        String firstLine = result.stderr().lines().filter(line -> line.startsWith("clone(")).findFirst().orElse("");

        assertThat(result.exitCode()).isZero();
        assertThat(firstLine).matches("clone\\(CLONE_NEWNS\\|CLONE_NEWUTS\\|CLONE_NEWIPC\\|CLONE_NEWPID\\|CLONE_NEWNET\\|SIGCHLD\\)"
                + " = \\d+  \\d+\\.\\d{3} ms");
        assertThat(result.stderr()).contains("pivot_root(\".\", \".\") = 0", "sethostname(\"traced\") = 0",
                "execve(\"true\"");
    }

    @Test
    void versionAndHelpPrint() throws Exception {
        CliProcess.Result version = CliProcess.run(home, network, "--version");
        CliProcess.Result help = CliProcess.run(home, network, "run", "--help");

        assertThat(version.stdout()).startsWith("bantubox ");
        assertThat(help.stdout()).contains("--no-pid-ns", "--trace", "--hostname", "127 command not found");
    }

    @Test
    void unknownOptionSaysWhatToTry() throws Exception {
        CliProcess.Result result = CliProcess.run(home, network, "run", "--no-such-toggle", "true");

        assertThat(result.exitCode()).isEqualTo(125);
        assertThat(result.stderr()).contains("Unknown option: '--no-such-toggle'", "bantubox run --help");
    }
}
