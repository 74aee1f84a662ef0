package dev.bantubox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.util.TreeRemover;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `bantubox exec` with and without a terminal, against one detached busybox container. */
class ExecCommandTest {
    private static final String CONTAINER = "exec-test";

    private static Path home;
    private static String network;

    @BeforeAll
    static void startContainer() throws Exception {
        home = Files.createTempDirectory("bantubox-cli-test-");
        network = CliProcess.createNetworkNamespace();
        CliProcess.Result started = CliProcess.run(home, network, "run", "-d", "--name", CONTAINER, "--network", "none",
                "sleep", "1000");
        assertThat(started.exitCode()).as("run -d: %s", started.stderr()).isZero();
    }

    @AfterAll
    static void removeContainer() throws Exception {
        try {
            CliProcess.run(home, network, "rm", "-f", CONTAINER);
        } finally {
            try {
                CliProcess.deleteNetworkNamespace(network);
            } finally {
                TreeRemover.remove(home);
            }
        }
    }

    @Test
    void ttyWithoutTerminalSaysWhatToDo() throws Exception {
        CliProcess.Result result = CliProcess.run(home, network, "exec", "-i", "-t", CONTAINER, "sh");

        assertThat(result.exitCode()).isEqualTo(125);
        assertThat(result.stderr().lines().toList()).containsExactly("bantubox: -t needs a terminal on standard input,"
                + " but it is a pipe or a file: drop -t to run the command on that input, or run bantubox exec from a"
                + " terminal");
    }

    @Test
    void interactiveTerminalRunsShell() throws Exception {
        try (ScriptedTerminal terminal = ScriptedTerminal.start(home, network, "exec", "-it", CONTAINER, "sh")) {
            terminal.await("/ # ");
            terminal.type("[ -t 0 ] && echo $((6*7))\r");
            terminal.await("\r\n42\r\n");
            terminal.type("exit 3\r");

            assertThat(terminal.awaitExit()).isEqualTo(3);
        }
    }

    @Test
    void ctrlCReachesCommandNotBantubox() throws Exception {
        try (ScriptedTerminal terminal = ScriptedTerminal.start(home, network, "exec", "-it", CONTAINER, "sh", "-c",
                "trap 'echo interrupted; exit 7' INT; echo waiting; while :; do sleep 0.1; done")) {
            terminal.await("waiting");
            terminal.type("\u0003");

            // In raw mode bantubox passes byte 3 on; the command's own terminal turns it into SIGINT.
            assertThat(terminal.awaitExit()).isEqualTo(7);
            assertThat(terminal.output()).contains("interrupted");
        }
    }

    @Test
    void ttyWithoutInteractiveStillGivesTerminal() throws Exception {
        try (ScriptedTerminal terminal = ScriptedTerminal.start(home, network, "exec", "-t", CONTAINER, "sh", "-c",
                "[ -t 1 ] && echo output-on-a-tty; exit 4")) {
            assertThat(terminal.awaitExit()).isEqualTo(4);
            // The command's terminal ends lines with \r\n; this side, not in raw mode, adds one more \r.
            assertThat(terminal.output()).contains("output-on-a-tty\r\r\n");
        }
    }

    @Test
    void execWithoutTtyKeepsPlainOutput() throws Exception {
        CliProcess.Result result = CliProcess.run(home, network, "exec", CONTAINER, "sh", "-c",
                "[ -t 1 ] || echo not-a-tty; exit 5");

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.stdout()).isEqualTo("not-a-tty\n");
    }
}
