package dev.bantubox.gui.terminal;

/**
 * The program side of a {@link TerminalView}: usually a pseudo-terminal whose master end a container's
 * shell is attached to. The view calls these methods on the FX thread, except {@link #send} for the
 * replies to terminal queries, which is called on the thread that fed the query to the view. So
 * {@code send} must be safe to call from two threads at once.
 */
public interface TerminalConnection {
    /**
     * Sends bytes to the program as if typed: keys, pasted text, and the replies a terminal must give to
     * queries such as the cursor position report.
     */
    void send(byte[] bytes);

    /** Tells the program the view's new size in character cells. */
    void resize(int columns, int rows);
}
