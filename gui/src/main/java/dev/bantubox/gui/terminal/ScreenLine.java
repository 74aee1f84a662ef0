package dev.bantubox.gui.terminal;

import java.util.Arrays;

/** One line of character cells: a code point and a {@link CellStyle} per column. */
final class ScreenLine {
    /** The code point of a cell nothing was written to; shown as a space, trimmed from text. */
    static final int EMPTY = 0;

    private int[] codePoints;
    private long[] styles;
    /** Whether the text ran on past the right margin into the next line (autowrap). */
    private boolean wrapped;

    ScreenLine(int columns, long style) {
        codePoints = new int[columns];
        styles = new long[columns];
        Arrays.fill(styles, style);
    }

    int length() {
        return codePoints.length;
    }

    int codePoint(int column) {
        return codePoints[column];
    }

    long style(int column) {
        return styles[column];
    }

    boolean wrapped() {
        return wrapped;
    }

    void setWrapped(boolean wrapped) {
        this.wrapped = wrapped;
    }

    void set(int column, int codePoint, long style) {
        codePoints[column] = codePoint;
        styles[column] = style;
    }

    /** Blanks columns from (inclusive) to to (exclusive) with style. */
    void erase(int from, int to, long style) {
        int end = Math.min(to, codePoints.length);
        if (from >= end) {
            return;
        }
        Arrays.fill(codePoints, from, end, EMPTY);
        Arrays.fill(styles, from, end, style);
    }

    /** Moves the cells from column on count places right; cells pushed past the margin are lost. */
    void insertCells(int column, int count, long style) {
        int width = codePoints.length;
        int shift = Math.min(count, width - column);
        System.arraycopy(codePoints, column, codePoints, column + shift, width - column - shift);
        System.arraycopy(styles, column, styles, column + shift, width - column - shift);
        erase(column, column + shift, style);
    }

    /** Removes count cells at column, pulling the rest left and blanking the freed cells at the end. */
    void deleteCells(int column, int count, long style) {
        int width = codePoints.length;
        int shift = Math.min(count, width - column);
        System.arraycopy(codePoints, column + shift, codePoints, column, width - column - shift);
        System.arraycopy(styles, column + shift, styles, column, width - column - shift);
        erase(width - shift, width, style);
    }

    /** Cuts or pads the line to columns; padding cells get style. */
    void resize(int columns, long style) {
        int old = codePoints.length;
        if (columns == old) {
            return;
        }
        codePoints = Arrays.copyOf(codePoints, columns);
        styles = Arrays.copyOf(styles, columns);
        if (columns > old) {
            Arrays.fill(styles, old, columns, style);
        }
    }

    /** Copies up to columns cells into the given arrays, padding with blank default cells. */
    void copyTo(int[] codePointsOut, long[] stylesOut, int columns) {
        int count = Math.min(columns, codePoints.length);
        System.arraycopy(codePoints, 0, codePointsOut, 0, count);
        System.arraycopy(styles, 0, stylesOut, 0, count);
        Arrays.fill(codePointsOut, count, columns, EMPTY);
        Arrays.fill(stylesOut, count, columns, CellStyle.PLAIN);
    }

    /** Returns the line's text with trailing blanks removed; empty cells read as spaces. */
    String text() {
        return text(0, codePoints.length);
    }

    /** Returns the text of columns from (inclusive) to to (exclusive), trailing blanks removed. */
    String text(int from, int to) {
        int end = Math.min(to, codePoints.length);
        while (end > from && (codePoints[end - 1] == EMPTY || codePoints[end - 1] == ' ')) {
            end--;
        }
        StringBuilder text = new StringBuilder(Math.max(0, end - from));
        for (int column = from; column < end; column++) {
            text.appendCodePoint(codePoints[column] == EMPTY ? ' ' : codePoints[column]);
        }
        return text.toString();
    }
}
