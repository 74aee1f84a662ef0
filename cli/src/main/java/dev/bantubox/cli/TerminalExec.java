package dev.bantubox.cli;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.container.ExecSpec;
import dev.bantubox.engine.container.TerminalSession;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import sun.misc.Signal;

/**
 * {@code bantubox exec -t}: runs the command on a pseudo-terminal that the engine opened and connects
 * it to the terminal bantubox runs in, as {@code docker exec -it} does. With -i the local terminal goes
 * into raw mode, so every key, Ctrl-C included, reaches the command through its own terminal. The
 * local settings come back however bantubox ends: normally, by an exception, or through the shutdown
 * hook when SIGINT, SIGTERM or SIGHUP ends bantubox.
 */
final class TerminalExec {
    /** How long the output is still copied after the command ended, for what it wrote just before. */
    private static final long OUTPUT_DRAIN_MILLIS = 1000;
    private static final byte CTRL_C = 3;

    private final LocalTerminal local;
    private final boolean interactive;

    private TerminalExec(LocalTerminal local, boolean interactive) {
        this.local = local;
        this.interactive = interactive;
    }

    /**
     * Returns an exec for the terminal on bantubox's standard input; throws IllegalArgumentException
     * with what to do when standard input is no terminal.
     */
    static TerminalExec onStandardInput(boolean interactive) {
        LocalTerminal local = LocalTerminal.of(LocalTerminal.STANDARD_INPUT);
        if (local == null) {
            throw new IllegalArgumentException("-t needs a terminal on standard input, but it is a pipe or a file:"
                    + " drop -t to run the command on that input, or run bantubox exec from a terminal");
        }
        return new TerminalExec(local, interactive);
    }

    /** Starts the command, copies between the terminals until it ends, and returns its exit status. */
    int run(Engine engine, String container, ExecSpec spec, boolean trace) throws InterruptedException {
        int[] size = local.size();
        TerminalSession session = engine.openTerminal(container, spec, size[0], size[1]);
        Thread restoreOnExit = new Thread(() -> {
            local.restore();
            session.close();
        }, "exec-terminal-restore");
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
        try {
            if (trace) {
                session.journal().forEach(record -> System.err.println(record.format()));
            }
            Signal.handle(new Signal("WINCH"), signal -> resize(session));
            if (interactive) {
                local.enterRawMode();
                startCopy("exec-terminal-input", new FileInputStream(FileDescriptor.in), session.input());
            } else {
                // Without -i the local terminal stays cooked, so Ctrl-C sends SIGINT to bantubox. Passing the
                // byte on makes the command's terminal send SIGINT to its foreground process group.
                Signal.handle(new Signal("INT"), signal -> typeCtrlC(session));
            }
            Thread output = startCopy("exec-terminal-output", session.output(), new FileOutputStream(FileDescriptor.out));
            int status = session.waitFor();
            output.join(OUTPUT_DRAIN_MILLIS);
            return status;
        } finally {
            local.restore();
            session.close();
        }
    }

    private void resize(TerminalSession session) {
        int[] size = local.size();
        session.resize(size[0], size[1]);
    }

    private static void typeCtrlC(TerminalSession session) {
        try {
            session.input().write(CTRL_C);
        } catch (IOException closed) {
            // The command has ended and its terminal is gone; bantubox is about to exit with its status.
        }
    }

    /** Copies from in to out on a daemon thread until in ends or out fails; flushes after every read. */
    private static Thread startCopy(String name, InputStream in, OutputStream out) {
        Thread copy = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int count;
                while ((count = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, count);
                    out.flush();
                }
            } catch (IOException ended) {
                // One side is gone: the command's terminal was closed, or bantubox's own output was.
            }
        }, name);
        copy.setDaemon(true);
        copy.start();
        return copy;
    }
}
