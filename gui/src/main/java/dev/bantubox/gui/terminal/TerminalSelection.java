package dev.bantubox.gui.terminal;

/**
 * A mouse selection of cells in reading order, in view coordinates (the rows as shown, including
 * scrollback rows when the view is scrolled back). Used on the FX thread only.
 */
final class TerminalSelection {
    private boolean active;
    private int anchorRow;
    private int anchorColumn;
    private int endRow;
    private int endColumn;

    /** Starts a selection at one cell; it is empty until {@link #extendTo} moves its end. */
    void start(int row, int column) {
        active = false;
        anchorRow = row;
        anchorColumn = column;
        endRow = row;
        endColumn = column;
    }

    void extendTo(int row, int column) {
        endRow = row;
        endColumn = column;
        active = endRow != anchorRow || endColumn != anchorColumn;
    }

    void clear() {
        active = false;
    }

    boolean isEmpty() {
        return !active;
    }

    /** Returns whether the cell at row and column is selected. */
    boolean contains(int row, int column) {
        if (!active) {
            return false;
        }
        long cell = key(row, column);
        return cell >= key(firstRow(), firstColumn()) && cell <= key(lastRow(), lastColumn());
    }

    int firstRow() {
        return startsAtAnchor() ? anchorRow : endRow;
    }

    int firstColumn() {
        return startsAtAnchor() ? anchorColumn : endColumn;
    }

    int lastRow() {
        return startsAtAnchor() ? endRow : anchorRow;
    }

    int lastColumn() {
        return startsAtAnchor() ? endColumn : anchorColumn;
    }

    private boolean startsAtAnchor() {
        return key(anchorRow, anchorColumn) <= key(endRow, endColumn);
    }

    private static long key(int row, int column) {
        return (long) row << 32 | column & 0xffffffffL;
    }
}
