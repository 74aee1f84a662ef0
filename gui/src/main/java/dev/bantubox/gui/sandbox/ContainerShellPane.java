package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.container.ExecSpec;
import dev.bantubox.engine.container.TerminalSession;
import dev.bantubox.gui.EngineExecutor;
import dev.bantubox.gui.terminal.TerminalConnection;
import dev.bantubox.gui.terminal.TerminalView;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Terminal tab: {@code sh} in a container on a real pseudo-terminal, as {@code bantubox exec -it
 * NAME sh} gives one, drawn by the terminal widget. One shell runs at a time; opening a shell in another
 * container hangs up the one before.
 *
 * <p>Three kinds of thread touch a shell. The engine is asked for the terminal on a worker, because
 * joining the container's namespaces takes a launch. A reader thread per shell copies what the shell
 * prints into the widget, which accepts it from any thread. Keys and the widget's replies to the shell's
 * questions (where is the cursor?) go through one writer thread, so a shell that stops reading its
 * input blocks that thread and never the FX thread.
 */
public final class ContainerShellPane implements TerminalPane {
    private static final Logger LOG = Logger.getLogger(ContainerShellPane.class.getName());
    /** Resets the widget's screen and modes, so a new shell does not start inside the last one's drawing. */
    private static final byte[] RESET_SCREEN = "\033c".getBytes(StandardCharsets.US_ASCII);
    private static final int READ_BUFFER = 8192;

    private final Engine engine;
    private final TerminalView terminal = new TerminalView();
    private final Label status = new Label();
    private final Button newShell = new Button("New shell");
    private final Button hangUp = new Button("Hang up");
    private final VBox view;
    private final ExecutorService opener = Executors.newSingleThreadExecutor(daemon("bantubox-shell-open"));
    private final ExecutorService writer = Executors.newSingleThreadExecutor(daemon("bantubox-shell-input"));
    /** The record of the container the last shell was opened in, for New shell; FX thread only. */
    private ContainerRecord target;
    /** The shell now connected to the widget, or null; written on the FX thread, read by the writer. */
    private volatile TerminalSession session;

    public ContainerShellPane(Engine engine) {
        this.engine = engine;
        terminal.setId("terminal-view");
        status.setId("terminal-status");
        status.setWrapText(true);
        newShell.setId("terminal-new-shell");
        newShell.setOnAction(event -> {
            if (target != null) {
                openShell(target);
            }
        });
        newShell.setDisable(true);
        hangUp.setId("terminal-hang-up");
        hangUp.setOnAction(event -> hangUp());
        hangUp.setDisable(true);
        HBox header = new HBox(status, newShell, hangUp);
        header.getStyleClass().add("terminal-header");
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        // In a narrow window the sentence wraps or is cut, never the buttons.
        status.setMinWidth(0);
        newShell.setMinWidth(Region.USE_PREF_SIZE);
        hangUp.setMinWidth(Region.USE_PREF_SIZE);
        VBox.setVgrow(terminal, Priority.ALWAYS);
        view = new VBox(header, terminal);
        view.setId("terminal-pane");
        view.getStyleClass().add("terminal-pane");
        status.setText("Select a running container and press Open a shell: sh starts in it on a pseudo-terminal.");
        terminal.connect(new ShellConnection(null));
    }

    @Override
    public Node view() {
        return view;
    }

    /** Returns the widget, for tests that type into it and read its screen. */
    public TerminalView terminal() {
        return terminal;
    }

    @Override
    public void openShell(ContainerRecord record) {
        endSession();
        target = record;
        String name = displayName(record);
        status.setText("Opening a shell in " + name + "...");
        newShell.setDisable(true);
        hangUp.setDisable(true);
        int columns = terminal.columnsProperty().get();
        int rows = terminal.rowsProperty().get();
        opener.execute(() -> {
            TerminalSession opened;
            try {
                // By name when it has one, so that an error uses the name the learner gave the container.
                opened = engine.openTerminal(record.name != null ? record.name : record.id, ExecSpec.of("sh"), columns,
                        rows);
            } catch (RuntimeException | LinkageError failure) {
                String sentence = EngineExecutor.messageFor("open a shell in " + name, failure);
                EngineExecutor.logFailure(LOG, "open a shell in " + name, sentence, failure);
                Platform.runLater(() -> {
                    status.setText("No shell: " + sentence);
                    newShell.setDisable(false);
                });
                return;
            }
            Platform.runLater(() -> connect(opened, record));
        });
    }

    private void connect(TerminalSession opened, ContainerRecord record) {
        if (target != record || opener.isShutdown()) {
            // Another shell was requested, or the window closed, while this one was opening.
            opened.close();
            return;
        }
        terminal.feed(RESET_SCREEN, 0, RESET_SCREEN.length);
        session = opened;
        terminal.connect(new ShellConnection(opened));
        status.setText("sh in " + displayName(record) + ", host pid " + opened.pid()
                + ": its own session, with this terminal as its controlling terminal.");
        hangUp.setDisable(false);
        Thread reader = new Thread(() -> copyOutput(opened, record), "bantubox-shell-output-" + opened.pid());
        reader.setDaemon(true);
        reader.start();
        terminal.requestFocus();
    }

    /** Copies what the shell prints into the widget until the terminal closes, then reports its exit status. */
    private void copyOutput(TerminalSession shell, ContainerRecord record) {
        byte[] buffer = new byte[READ_BUFFER];
        try (InputStream output = shell.output()) {
            int count;
            while ((count = output.read(buffer, 0, buffer.length)) > 0) {
                terminal.feed(buffer, 0, count);
            }
        } catch (IOException closed) {
            // close() hung the terminal up while this thread read it: the end is reported below.
        }
        int status = shell.waitFor();
        Platform.runLater(() -> ended(shell, record, status));
    }

    private void ended(TerminalSession shell, ContainerRecord record, int exitStatus) {
        if (session != shell) {
            return;
        }
        session = null;
        terminal.connect(new ShellConnection(null));
        hangUp.setDisable(true);
        newShell.setDisable(false);
        status.setText("The shell in " + displayName(record) + " ended with status " + exitStatus
                + (exitStatus == 129 ? " (128 + SIGHUP: its terminal was hung up)" : "")
                + ". New shell opens another if the container still runs.");
    }

    private void hangUp() {
        TerminalSession shell = session;
        if (shell != null) {
            // close() waits up to a second for the shell to end, so it runs off the FX thread.
            opener.execute(shell::close);
        }
    }

    private void endSession() {
        TerminalSession shell = session;
        session = null;
        if (shell != null) {
            opener.execute(shell::close);
        }
    }

    @Override
    public void close() {
        TerminalSession shell = session;
        session = null;
        target = null;
        opener.shutdown();
        writer.shutdownNow();
        if (shell != null) {
            Thread closer = new Thread(shell::close, "bantubox-shell-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    private static String displayName(ContainerRecord record) {
        return record.name != null ? record.name : record.shortId();
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Carries the widget's keys, replies and size to one shell; with none, they go nowhere. */
    private final class ShellConnection implements TerminalConnection {
        private final TerminalSession shell;

        ShellConnection(TerminalSession shell) {
            this.shell = shell;
        }

        @Override
        public void send(byte[] bytes) {
            if (shell == null) {
                return;
            }
            try {
                writer.execute(() -> {
                    try {
                        shell.input().write(bytes);
                    } catch (IOException ended) {
                        // The shell hung up while a key was on its way; ended() reports how it ended.
                    }
                });
            } catch (RejectedExecutionException windowClosed) {
                // The window closed; the shell is being hung up, so the key has nowhere to go.
            }
        }

        @Override
        public void resize(int columns, int rows) {
            if (shell == null) {
                return;
            }
            // The ioctl goes through the writer too: it keeps the FX thread out of native calls, and a size
            // change stays in order with the keys typed before it.
            try {
                writer.execute(() -> shell.resize(columns, rows));
            } catch (RejectedExecutionException windowClosed) {
                // The window closed; the shell is being hung up, so its size no longer matters.
            }
        }
    }
}
