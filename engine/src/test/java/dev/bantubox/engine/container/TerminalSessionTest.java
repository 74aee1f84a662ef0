package dev.bantubox.engine.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.network.NetworkMode;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.engine.testing.TestHome;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Programs on a pseudo-terminal in a running busybox container, on the real kernel. */
class TerminalSessionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int COLUMNS = 100;
    private static final int ROWS = 30;

    private TestHome home;
    private Engine engine;
    private String container;
    private final List<TerminalSession> sessions = new ArrayList<>();

    @BeforeEach
    void startContainer() {
        home = TestHome.create();
        engine = home.engine();
        container = engine.startDetached(RunSpec.builder().command("sleep", "1000").network(NetworkMode.NONE).build()).id();
    }

    @AfterEach
    void removeContainer() {
        try {
            sessions.forEach(TerminalSession::close);
        } finally {
            home.close();
        }
    }

    @Test
    void typedArithmeticPrintsResult() throws Exception {
        TerminalSession shell = open(ExecSpec.of("sh"));
        Screen screen = Screen.follow(shell);

        type(shell, "echo $((6*7))\n");

        // The terminal echoes the typed line itself, which contains "6*7" but not the result.
        screen.await("\r\n42\r\n");
    }

    @Test
    void standardInputIsTerminal() throws Exception {
        TerminalSession session = open(ExecSpec.of("sh", "-c", "[ -t 0 ] && echo is-a-tty; [ -t 2 ] && echo err-too;"
                + " echo TERM=$TERM"));

        String output = readUntilEnd(session);

        assertThat(output).contains("is-a-tty\r\n");
        assertThat(output).contains("err-too\r\n");
        assertThat(output).contains("TERM=xterm-256color\r\n");
        assertThat(session.waitFor()).isZero();
    }

    @Test
    void specTermReplacesDefault() throws Exception {
        TerminalSession session = open(new ExecSpec(List.of("sh", "-c", "echo TERM=$TERM"), List.of("TERM=vt100"), null));

        assertThat(readUntilEnd(session)).isEqualTo("TERM=vt100\r\n");
    }

    @Test
    void sttySizeFollowsResize() throws Exception {
        TerminalSession shell = open(ExecSpec.of("sh"));
        Screen screen = Screen.follow(shell);

        type(shell, "stty size\n");
        screen.await("\r\n" + ROWS + " " + COLUMNS + "\r\n");
        shell.resize(120, 40);
        type(shell, "stty size\n");

        screen.await("\r\n40 120\r\n");
    }

    @Test
    void exitStatusIsTheShells() throws Exception {
        TerminalSession shell = open(ExecSpec.of("sh"));

        type(shell, "exit 3\n");
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(shell::waitFor);

        assertThat(status.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(shell.isAlive()).isFalse();
    }

    @Test
    void ctrlCInterruptsForegroundCommand() throws Exception {
        TerminalSession shell = open(ExecSpec.of("sh"));
        Screen screen = Screen.follow(shell);

        type(shell, "sleep 100\n");
        awaitChildRunning(shell.pid(), "sleep");
        type(shell, "\u0003");
        type(shell, "echo status=$?\n");

        // The line discipline turns byte 3 into SIGINT for the terminal's foreground process group.
        screen.await("\r\nstatus=130\r\n");
    }

    @Test
    void programLeadsSessionOnItsTerminal() throws Exception {
        TerminalSession shell = open(ExecSpec.of("sh"));

        String[] stat = procStat(shell.pid());

        assertThat(stat[1]).as("command name").isEqualTo("(sh)");
        assertThat(Integer.parseInt(stat[5])).as("session id").isEqualTo(shell.pid());
        assertThat(Integer.parseInt(stat[6])).as("controlling terminal device").isNotZero();
    }

    @Test
    void journalShowsSetsidAndCttyAfterFork() throws Exception {
        TerminalSession shell = open(ExecSpec.of("sh"));

        List<JournalRecord> childRecords = shell.journal().stream()
                .filter(record -> record.side() == JournalRecord.Side.CHILD).toList();
        List<String> calls = childRecords.stream().map(JournalRecord::call).toList();
        JournalRecord fork = childRecords.stream().filter(record -> record.call().equals("fork()")).findFirst()
                .orElseThrow();

        assertThat(calls).containsSubsequence("setns(\"/proc/" + engine.status(container).pid + "/ns/mnt\", CLONE_NEWNS)",
                "fork()", "setsid()", "set-ctty(0, TIOCSCTTY)", "close-fds()");
        assertThat(calls.get(calls.size() - 1)).startsWith("execve(\"sh\"");
        assertThat(childRecords).allMatch(record -> !record.failed(), "no failed step");
        assertThat(fork.result()).as("the fork's result is the program's host pid").isEqualTo(shell.pid());
    }

    @Test
    void closeEndsShellAndFreesDescriptors() throws Exception {
        long descriptorsBefore = openDescriptors();
        TerminalSession shell = open(ExecSpec.of("sh"));
        Screen screen = Screen.follow(shell);
        type(shell, "echo ready\n");
        screen.await("\r\nready\r\n");
        Path process = Path.of("/proc", String.valueOf(shell.pid()));
        assertThat(process).exists();

        shell.close();

        assertThat(process).doesNotExist();
        assertThat(shell.isAlive()).isFalse();
        assertThat(shell.waitFor()).as("status of a shell ended by SIGHUP").isEqualTo(128 + 1);
        screen.awaitEnd();
        assertThat(openDescriptors()).isEqualTo(descriptorsBefore);
    }

    @Test
    void closeKillsProgramIgnoringHangUp() throws Exception {
        TerminalSession session = open(ExecSpec.of("sh", "-c", "trap '' HUP; echo ready; exec sleep 1000"));
        Screen screen = Screen.follow(session);
        screen.await("ready\r\n");
        awaitCommandName(session.pid(), "sleep");

        long start = System.nanoTime();
        session.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(Path.of("/proc", String.valueOf(session.pid()))).doesNotExist();
        assertThat(session.waitFor()).as("status after SIGKILL").isEqualTo(128 + 9);
        assertThat(took).as("close waited for the hang-up first").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void closeTwiceIsHarmless() throws Exception {
        TerminalSession shell = open(ExecSpec.of("sh"));

        shell.close();
        shell.close();

        assertThat(shell.isAlive()).isFalse();
        assertThat(shell.output().read()).as("output after close").isEqualTo(-1);
        assertThatThrownBy(() -> shell.input().write('x')).isInstanceOf(IOException.class);
    }

    @Test
    void missingCommandGivesNotFoundSentence() throws Exception {
        long descriptorsBefore = openDescriptors();

        assertThatThrownBy(() -> engine.openTerminal(container, ExecSpec.of("no-such-program"), COLUMNS, ROWS))
                .isInstanceOf(EngineException.class)
                .hasMessageStartingWith("command 'no-such-program' not found in the container")
                .extracting(failure -> ((EngineException) failure).exitCode()).isEqualTo(127);
        assertThat(openDescriptors()).isEqualTo(descriptorsBefore);
    }

    @Test
    void terminalIsContainersOwnPts() throws Exception {
        TerminalSession session = open(ExecSpec.of("sh", "-c", "tty; ls -1 /dev/pts"));

        String output = readUntilEnd(session);

        // The pty comes from the container's own devpts instance, which has no other terminal in it.
        assertThat(output).startsWith("/dev/pts/0\r\n");
        assertThat(output).endsWith("\r\n0\r\nptmx\r\n");
    }

    @Test
    void replacedPtsFallsBackToHostPty() throws Exception {
        RunningContainer tampered = engine.startDetached(RunSpec.builder().network(NetworkMode.NONE)
                .command("sh", "-c", "umount /dev/pts && ln -s /etc/hostname /dev/pts/ptmx && exec sleep 1000").build());
        Path ptmx = Path.of("/proc", String.valueOf(tampered.pid()), "root", "dev", "pts", "ptmx");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.isSymbolicLink(ptmx)) {
            assertThat(System.nanoTime()).as("the container replaces /dev/pts/ptmx").isLessThan(deadline);
            Thread.sleep(10);
        }

        TerminalSession session = engine.openTerminal(tampered.id(), ExecSpec.of("sh", "-c",
                "[ -t 0 ] && echo is-a-tty; tty"), COLUMNS, ROWS);
        sessions.add(session);
        String output = readUntilEnd(session);

        // The symlink leads to a regular file, not a ptmx device, so the engine uses a host pty instead.
        assertThat(output).isEqualTo("is-a-tty\r\nnot a tty\r\n");
        assertThat(session.waitFor()).as("tty's status when it cannot name its terminal").isEqualTo(1);
    }

    @Test
    void hostRootContainerGetsHostPty() throws Exception {
        RunningContainer onHostRoot = engine.startDetached(RunSpec.builder().network(NetworkMode.NONE)
                .toggles(ToggleSet.of(EnumSet.of(Toggle.PID_NS, Toggle.UTS_NS, Toggle.NET_NS)))
                .command("sleep", "1000").build());

        TerminalSession session = engine.openTerminal(onHostRoot.id(), ExecSpec.of("sh", "-c",
                "[ -t 0 ] && echo is-a-tty; tty"), COLUMNS, ROWS);
        sessions.add(session);
        String output = readUntilEnd(session);

        assertThat(output).startsWith("is-a-tty\r\n/dev/pts/");
        assertThat(session.waitFor()).isZero();
    }

    @Test
    void stoppedContainerIsRejected() throws Exception {
        engine.kill(container, 9);
        awaitStopped();

        assertThatThrownBy(() -> engine.openTerminal(container, ExecSpec.of("sh"), COLUMNS, ROWS))
                .isInstanceOf(EngineException.class).hasMessageContaining("is not running");
    }

    @Test
    void invalidSizeIsRejected() {
        assertThatThrownBy(() -> engine.openTerminal(container, ExecSpec.of("sh"), 0, ROWS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 65535");
    }

    private TerminalSession open(ExecSpec spec) {
        TerminalSession session = engine.openTerminal(container, spec, COLUMNS, ROWS);
        sessions.add(session);
        return session;
    }

    private static void type(TerminalSession session, String text) throws IOException {
        session.input().write(text.getBytes(StandardCharsets.UTF_8));
        session.input().flush();
    }

    private static String readUntilEnd(TerminalSession session) throws Exception {
        CompletableFuture<byte[]> all = CompletableFuture.supplyAsync(() -> {
            try {
                return session.output().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new String(all.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), StandardCharsets.UTF_8);
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.count();
        }
    }

    /** Returns the fields of /proc/PID/stat; the command name must have no spaces. */
    private static String[] procStat(int pid) throws IOException {
        return Files.readString(Path.of("/proc", String.valueOf(pid), "stat")).trim().split(" ");
    }

    private static void awaitCommandName(int pid, String name) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!procStat(pid)[1].equals("(" + name + ")")) {
            assertThat(System.nanoTime()).as("pid %d runs %s", pid, name).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Waits until a child of parent runs name (the shell forks it, then it execs). */
    private static void awaitChildRunning(int parent, String name) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                boolean found = processes.filter(path -> path.getFileName().toString().matches("\\d+"))
                        .map(path -> {
                            try {
                                return procStat(Integer.parseInt(path.getFileName().toString()));
                            } catch (IOException gone) {
                                return new String[0];
                            }
                        })
                        .anyMatch(stat -> stat.length > 3 && stat[1].equals("(" + name + ")")
                                && stat[3].equals(String.valueOf(parent)));
                if (found) {
                    return;
                }
            }
            assertThat(System.nanoTime()).as("a child of %d runs %s", parent, name).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private void awaitStopped() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (engine.status(container).isRunning()) {
            assertThat(System.nanoTime()).as("container stops").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Collects a session's output on a thread of its own, so a test can wait for text with a timeout. */
    private static final class Screen {
        private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
        private final Thread reader;

        private Screen(InputStream output) {
            reader = new Thread(() -> copy(output), "terminal-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Screen follow(TerminalSession session) {
            return new Screen(session.output());
        }

        private void copy(InputStream output) {
            byte[] buffer = new byte[4096];
            try {
                int count;
                while ((count = output.read(buffer, 0, buffer.length)) > 0) {
                    synchronized (collected) {
                        collected.write(buffer, 0, count);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String text() {
            synchronized (collected) {
                return collected.toString(StandardCharsets.UTF_8);
            }
        }

        void await(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!text().contains(expected)) {
                assertThat(System.nanoTime()).as("terminal shows %s; it shows:%n%s", expected.strip(), text())
                        .isLessThan(deadline);
                Thread.sleep(10);
            }
        }

        void awaitEnd() throws InterruptedException {
            reader.join(TIMEOUT.toMillis());
            assertThat(reader.isAlive()).as("output stream ended").isFalse();
        }
    }
}
