package dev.bantubox.gui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.util.TreeRemover;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The view driving a real busybox shell on a pseudo-terminal, made by util-linux's {@code script}:
 * keys typed into the view reach the shell, vi and top through the pty, and the replies the view
 * gives to their queries (the line editor's cursor position request) go back the same way.
 */
class BusyboxLiveTest {
    private static final FxRobot ROBOT = new FxRobot();
    private static final long WAIT_SECONDS = 20;
    private static final String PROMPT = "/live # ";

    private Stage stage;
    private TerminalView view;
    private Process shell;
    private Thread reader;
    private Path folder;

    @BeforeEach
    void startShell() throws Exception {
        folder = Files.createTempDirectory("bantubox-terminal-");
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            view = new TerminalView();
            stage.setScene(new Scene(new StackPane(view)));
            stage.sizeToScene();
            stage.show();
            view.requestFocus();
        });
        WaitForAsyncUtils.waitForFxEvents();

        // script gives the shell a pty whose size it cannot learn from a pipe, so stty sets it first.
        String command = "stty cols " + view.columnsProperty().get() + " rows " + view.rowsProperty().get()
                + "; exec /bin/busybox sh";
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, "/dev/null").directory(folder.toFile());
        builder.environment().clear();
        builder.environment().putAll(Map.of("TERM", "xterm", "HOME", folder.toString(),
                "PATH", "/usr/bin:/bin", "PS1", PROMPT));
        builder.redirectErrorStream(true);
        shell = builder.start();
        OutputStream keys = shell.getOutputStream();
        FxToolkit.setupFixture(() -> view.connect(new TerminalConnection() {
            @Override
            public void send(byte[] bytes) {
                try {
                    keys.write(bytes);
                    keys.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("writing keys to the busybox shell failed", e);
                }
            }

            @Override
            public void resize(int columns, int rows) {
                // NOTE: script offers no way to resize its pty; the engine's pty session does.
            }
        }));
        InputStream output = shell.getInputStream();
        reader = new Thread(() -> copyToView(output), "busybox-pty-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @AfterEach
    void stopShell() throws Exception {
        try {
            if (shell != null && shell.isAlive()) {
                shell.destroyForcibly();
                shell.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            FxToolkit.cleanupStages();
        } finally {
            TreeRemover.remove(folder);
        }
    }

    private void copyToView(InputStream output) {
        byte[] buffer = new byte[4096];
        try {
            for (int count = output.read(buffer); count >= 0; count = output.read(buffer)) {
                view.feed(buffer, 0, count);
            }
        } catch (IOException e) {
            // The shell ended and took the pipe with it.
        }
    }

    private void awaitScreen(String what, Predicate<List<String>> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, () -> condition.test(view.screenText().lines().toList()));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT_SECONDS + " s waiting for " + what + "; screen:\n"
                    + view.screenText(), e);
        }
    }

    private void typeLine(String line) {
        ROBOT.write(line);
        ROBOT.type(KeyCode.ENTER);
    }

    @Test
    void shellEchoesTypedCommand() throws Exception {
        awaitScreen("the prompt", lines -> lines.contains(PROMPT.strip()));

        typeLine("echo hello from busybox");

        awaitScreen("the echoed output", lines -> lines.contains("hello from busybox"));
        assertThat(view.screenText()).contains(PROMPT + "echo hello from busybox");
        assertThat(view.screenText()).as("the cursor report went to the line editor, not to the screen")
                .doesNotContain("[6;").doesNotContain("^[");
    }

    @Test
    void lineEditingWithArrowKeys() throws Exception {
        awaitScreen("the prompt", lines -> lines.contains(PROMPT.strip()));

        ROBOT.write("echo ac");
        ROBOT.type(KeyCode.LEFT);
        ROBOT.write("b");
        ROBOT.type(KeyCode.ENTER);

        awaitScreen("the edited command's output", lines -> lines.contains("abc"));
        ROBOT.type(KeyCode.UP);
        awaitScreen("the recalled command",
                lines -> lines.stream().filter(line -> line.equals(PROMPT + "echo abc")).count() == 2);
    }

    @Test
    void viEditsAndSavesFile() throws Exception {
        awaitScreen("the prompt", lines -> lines.contains(PROMPT.strip()));

        typeLine("busybox vi notes.txt");
        awaitScreen("vi's empty buffer", lines -> lines.size() > 3 && lines.get(1).equals("~") && lines.get(2).equals("~"));
        ROBOT.write("ihello from vi");
        ROBOT.type(KeyCode.ESCAPE);
        awaitScreen("the typed text", lines -> lines.get(0).equals("hello from vi"));
        assertThat(view.screenText().lines().toList().get(view.rowsProperty().get() - 1)).as("vi's status line")
                .contains("notes.txt");
        typeLine(":wq");

        awaitScreen("the shell after vi", lines -> lines.stream().anyMatch(line -> line.startsWith(PROMPT + "busybox vi")));
        assertThat(Files.readString(folder.resolve("notes.txt"))).isEqualTo("hello from vi\n");
    }

    @Test
    void topShowsHeaderAndQuits() throws Exception {
        awaitScreen("the prompt", lines -> lines.contains(PROMPT.strip()));

        typeLine("busybox top -d 1");
        awaitScreen("top's header", lines -> lines.size() > 4 && lines.get(0).startsWith("Mem: ")
                && lines.stream().anyMatch(line -> line.contains("PID  PPID USER")));
        ROBOT.write("q");

        // top clears the screen when it starts, so a prompt on it is the one after top ended.
        awaitScreen("the prompt after top", lines -> lines.contains(PROMPT.strip()));
    }
}
