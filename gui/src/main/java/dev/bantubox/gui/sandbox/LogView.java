package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.gui.EngineExecutor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Logs tab: a detached container's output and errors, followed while it runs. A background thread
 * copies the log ({@link Engine#copyLog} with follow) and decodes it; the FX thread appends what has
 * arrived at most every {@link #BATCH_MILLIS} ms, and keeps only the last {@link #MAX_CHARS}
 * characters, so a chatty container cannot slow the window down.
 */
public final class LogView extends VBox {
    private static final Logger LOG = Logger.getLogger(LogView.class.getName());
    static final long BATCH_MILLIS = 100;
    /** About 4,000 lines of 64 characters; older text is dropped from the top. */
    static final int MAX_CHARS = 256 * 1024;

    private final SandboxWorkers workers;
    private final Engine engine;
    private final Label state = new Label();
    private final TextArea text = new TextArea();
    private Follower follower;

    public LogView(Engine engine, SandboxWorkers workers) {
        this.engine = engine;
        this.workers = workers;
        setId("log-view");
        getStyleClass().add("log-view");
        state.getStyleClass().add("log-state");
        text.setId("log-text");
        text.getStyleClass().add("log-text");
        text.setEditable(false);
        text.setWrapText(false);
        VBox.setVgrow(text, Priority.ALWAYS);
        getChildren().setAll(state, text);
        show(null);
    }

    /** Follows the log of record from its start, after ending the follow of the one shown before. */
    public void show(ContainerRecord record) {
        stop();
        text.clear();
        if (record == null) {
            state.setText("Select a container in the table.");
            return;
        }
        if (record.logFile == null) {
            state.setText("Container " + record.shortId() + " ran attached to a terminal, so its output was not"
                    + " kept. Containers made here run in the background and keep a log.");
            return;
        }
        state.setText("Log of " + (record.name != null ? record.name : record.shortId()) + ", followed while it runs.");
        follower = new Follower(record);
        follower.thread = workers.startThread("bantubox-sandbox-log-" + record.shortId(), follower::copy);
    }

    /** Ends the current follow; its thread stops at its next read or poll. */
    public void stop() {
        if (follower != null) {
            follower.cancelled = true;
            follower.thread.interrupt();
            follower = null;
        }
    }

    /** Returns the text shown, for tests. */
    public String shownText() {
        return text.getText();
    }

    private void append(Follower source, String batch) {
        if (source != follower) {
            return;
        }
        if (batch.length() >= MAX_CHARS) {
            text.setText(batch);
        } else {
            text.appendText(batch);
        }
        int excess = text.getLength() - MAX_CHARS;
        if (excess > 0) {
            // Cut at a line end, so the first line shown is a whole one.
            int cut = text.getText().indexOf('\n', excess);
            text.deleteText(0, cut < 0 ? excess : cut + 1);
        }
    }

    private void ended(Follower source, String message) {
        if (source == follower) {
            state.setText(message);
        }
    }

    /** One follow of one container's log, on its own thread; the FX thread reads its pending text. */
    private final class Follower extends OutputStream {
        private final ContainerRecord record;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        /** Bytes of a character split between two writes wait here for the rest. */
        private final ByteBuffer undecoded = ByteBuffer.allocate(16 * 1024);
        private final StringBuilder pending = new StringBuilder();
        private volatile boolean cancelled;
        private boolean flushPosted;
        private Thread thread;

        Follower(ContainerRecord record) {
            this.record = record;
        }

        void copy() {
            try {
                engine.copyLog(record.id, this, true);
                Platform.runLater(() -> ended(this, "The container has ended; this is its whole log."));
            } catch (IOException | RuntimeException failure) {
                if (!cancelled) {
                    LOG.log(Level.FINE, "following the log of container " + record.shortId() + " ended", failure);
                    String message = EngineExecutor.messageFor("follow the log of " + record.shortId(), failure);
                    Platform.runLater(() -> ended(this, message));
                }
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int done = 0;
            while (done < length) {
                if (cancelled) {
                    throw new IOException("the log is no longer shown");
                }
                int chunk = Math.min(undecoded.remaining(), length - done);
                undecoded.put(bytes, offset + done, chunk);
                done += chunk;
                decodePending();
            }
        }

        private void decodePending() {
            undecoded.flip();
            CharBuffer chars = CharBuffer.allocate(undecoded.remaining());
            decoder.decode(undecoded, chars, false);
            undecoded.compact();
            chars.flip();
            synchronized (pending) {
                pending.append(chars);
                if (pending.length() > MAX_CHARS) {
                    // Only the last MAX_CHARS would stay on screen anyway.
                    pending.delete(0, pending.length() - MAX_CHARS);
                }
                if (!flushPosted && pending.length() > 0) {
                    flushPosted = true;
                    workers.later(BATCH_MILLIS, this::postBatch);
                }
            }
        }

        /** Hands everything that arrived since the batch began to the FX thread. */
        private void postBatch() {
            Platform.runLater(() -> {
                String batch;
                synchronized (pending) {
                    batch = pending.toString();
                    pending.setLength(0);
                    flushPosted = false;
                }
                append(this, batch);
            });
        }
    }
}
