package dev.bantubox.gui.terminal;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.Iterator;

/**
 * The state of a VT100/xterm-style screen: the main and the alternate grid of cells, the cursor, the
 * scroll region, the modes that programs switch, and the main screen's scrollback. {@link
 * TerminalEmulator} changes it; the view reads it. Rows and columns are 0-based here.
 *
 * <p>Not thread-safe: the view guards every access with one lock.
 */
final class TerminalScreen {
    /** How many lines scrolled off the top of the main screen are kept. */
    static final int SCROLLBACK_LINES = 2000;
    private static final int TAB_WIDTH = 8;

    private int columns;
    private int rows;
    private ScreenLine[] mainLines;
    private ScreenLine[] alternateLines;
    private ScreenLine[] lines;
    private final Deque<ScreenLine> scrollback = new ArrayDeque<>();
    /** How many lines ever entered the scrollback, so the view can keep its place while scrolled back. */
    private long scrollbackPushes;

    private int cursorRow;
    private int cursorColumn;
    /**
     * Whether a character was written to the last column and the next printable one goes to the start
     * of the next line. Real terminals wrap this late so that a program can fill the last column without
     * scrolling.
     */
    private boolean wrapPending;
    private long style = CellStyle.PLAIN;
    private boolean lineDrawing;
    private SavedCursor mainSaved = new SavedCursor();
    private SavedCursor alternateSaved = new SavedCursor();

    private int top;
    private int bottom;
    private boolean[] tabStops;

    private boolean autowrap = true;
    private boolean originMode;
    private boolean insertMode;
    private boolean cursorVisible = true;
    private boolean applicationCursorKeys;
    private boolean bracketedPaste;
    private String title = "";

    private final BitSet dirtyRows = new BitSet();

    TerminalScreen(int columns, int rows) {
        if (columns < 1 || rows < 1) {
            throw new IllegalArgumentException("terminal size " + columns + "x" + rows
                    + " is invalid: it needs at least one column and one row");
        }
        this.columns = columns;
        this.rows = rows;
        mainLines = blankLines(rows, columns);
        alternateLines = blankLines(rows, columns);
        lines = mainLines;
        bottom = rows - 1;
        tabStops = defaultTabStops(columns);
        markAllDirty();
    }

    // ---- Queries

    int columns() {
        return columns;
    }

    int rows() {
        return rows;
    }

    int cursorRow() {
        return cursorRow;
    }

    int cursorColumn() {
        return cursorColumn;
    }

    boolean cursorVisible() {
        return cursorVisible;
    }

    boolean applicationCursorKeys() {
        return applicationCursorKeys;
    }

    boolean bracketedPaste() {
        return bracketedPaste;
    }

    boolean alternateScreenActive() {
        return lines == alternateLines;
    }

    boolean originMode() {
        return originMode;
    }

    int scrollTop() {
        return top;
    }

    int scrollBottom() {
        return bottom;
    }

    long style() {
        return style;
    }

    String title() {
        return title;
    }

    ScreenLine line(int row) {
        return lines[row];
    }

    int scrollbackSize() {
        return scrollback.size();
    }

    long scrollbackPushes() {
        return scrollbackPushes;
    }

    /** Returns scrollback line index, 0 being the oldest kept. */
    ScreenLine scrollbackLine(int index) {
        // The deque has no index access. The view reads a handful of lines per paint only when the
        // learner scrolled back, so walking from the nearer end is cheap enough.
        int size = scrollback.size();
        if (index >= size / 2) {
            Iterator<ScreenLine> fromNewest = scrollback.descendingIterator();
            for (int i = size - 1; i > index; i--) {
                fromNewest.next();
            }
            return fromNewest.next();
        }
        Iterator<ScreenLine> fromOldest = scrollback.iterator();
        for (int i = 0; i < index; i++) {
            fromOldest.next();
        }
        return fromOldest.next();
    }

    /** Returns the visible screen as text, one line per row, trailing blanks trimmed. */
    String text() {
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < rows; row++) {
            if (row > 0) {
                text.append('\n');
            }
            text.append(lines[row].text());
        }
        return text.toString();
    }

    /** Returns the rows changed since the last call and clears that set. */
    BitSet takeDirtyRows() {
        BitSet changed = (BitSet) dirtyRows.clone();
        dirtyRows.clear();
        return changed;
    }

    // ---- Modes

    void setTitle(String title) {
        this.title = title;
    }

    void setAutowrap(boolean autowrap) {
        this.autowrap = autowrap;
        if (!autowrap) {
            wrapPending = false;
        }
    }

    void setOriginMode(boolean originMode) {
        this.originMode = originMode;
        moveCursorTo(0, 0);
    }

    void setInsertMode(boolean insertMode) {
        this.insertMode = insertMode;
    }

    void setCursorVisible(boolean cursorVisible) {
        this.cursorVisible = cursorVisible;
    }

    void setApplicationCursorKeys(boolean applicationCursorKeys) {
        this.applicationCursorKeys = applicationCursorKeys;
    }

    void setBracketedPaste(boolean bracketedPaste) {
        this.bracketedPaste = bracketedPaste;
    }

    /** Selects the DEC special graphics set (line drawing) or US ASCII for G0. */
    void setLineDrawing(boolean lineDrawing) {
        this.lineDrawing = lineDrawing;
    }

    void setStyle(long style) {
        this.style = style;
    }

    // ---- Printing

    /** Writes one printable code point at the cursor and advances it, wrapping late at the right margin. */
    void print(int codePoint) {
        // NOTE: every code point takes one cell. Wide (CJK, emoji) and combining characters are not
        // given two and zero cells as xterm gives them, so text after them shifts.
        if (wrapPending) {
            lines[cursorRow].setWrapped(true);
            cursorColumn = 0;
            index();
        }
        int glyph = lineDrawing ? DecSpecialGraphics.map(codePoint) : codePoint;
        ScreenLine line = lines[cursorRow];
        if (insertMode) {
            line.insertCells(cursorColumn, 1, CellStyle.erased(style));
        }
        line.set(cursorColumn, glyph, style);
        dirtyRows.set(cursorRow);
        if (cursorColumn < columns - 1) {
            cursorColumn++;
        } else {
            wrapPending = autowrap;
        }
    }

    // ---- Cursor movement

    void carriageReturn() {
        cursorColumn = 0;
        wrapPending = false;
    }

    void backspace() {
        if (cursorColumn > 0) {
            cursorColumn--;
        }
        wrapPending = false;
    }

    /** Moves down one line, scrolling the region up when the cursor is on its bottom line. */
    void index() {
        wrapPending = false;
        if (cursorRow == bottom) {
            scrollUp(1);
        } else if (cursorRow < rows - 1) {
            cursorRow++;
        }
    }

    /** Moves up one line, scrolling the region down when the cursor is on its top line. */
    void reverseIndex() {
        wrapPending = false;
        if (cursorRow == top) {
            scrollDown(1);
        } else if (cursorRow > 0) {
            cursorRow--;
        }
    }

    void nextLine() {
        carriageReturn();
        index();
    }

    /** Moves up count lines, stopping at the top margin when the cursor started inside the region. */
    void cursorUp(int count) {
        int limit = cursorRow >= top ? top : 0;
        cursorRow = Math.max(limit, cursorRow - count);
        wrapPending = false;
    }

    /** Moves down count lines, stopping at the bottom margin when the cursor started inside the region. */
    void cursorDown(int count) {
        int limit = cursorRow <= bottom ? bottom : rows - 1;
        cursorRow = Math.min(limit, cursorRow + count);
        wrapPending = false;
    }

    void cursorForward(int count) {
        cursorColumn = Math.min(columns - 1, cursorColumn + count);
        wrapPending = false;
    }

    void cursorBackward(int count) {
        cursorColumn = Math.max(0, cursorColumn - count);
        wrapPending = false;
    }

    /** Moves to row and column, which count from the scroll region's top line in origin mode. */
    void moveCursorTo(int row, int column) {
        int firstRow = originMode ? top : 0;
        int lastRow = originMode ? bottom : rows - 1;
        cursorRow = clamp(firstRow + row, firstRow, lastRow);
        cursorColumn = clamp(column, 0, columns - 1);
        wrapPending = false;
    }

    void moveCursorToColumn(int column) {
        cursorColumn = clamp(column, 0, columns - 1);
        wrapPending = false;
    }

    /** Moves to row, counted as in {@link #moveCursorTo}, keeping the column. */
    void moveCursorToRow(int row) {
        moveCursorTo(row, cursorColumn);
    }

    /** Returns the cursor row as a cursor position report gives it: relative to the region in origin mode. */
    int reportedCursorRow() {
        return originMode ? cursorRow - top : cursorRow;
    }

    void tab(int count) {
        for (int i = 0; i < count && cursorColumn < columns - 1; i++) {
            cursorColumn++;
            while (cursorColumn < columns - 1 && !tabStops[cursorColumn]) {
                cursorColumn++;
            }
        }
        wrapPending = false;
    }

    void backTab(int count) {
        for (int i = 0; i < count && cursorColumn > 0; i++) {
            cursorColumn--;
            while (cursorColumn > 0 && !tabStops[cursorColumn]) {
                cursorColumn--;
            }
        }
        wrapPending = false;
    }

    void setTabStop() {
        tabStops[cursorColumn] = true;
    }

    void clearTabStop(boolean all) {
        if (all) {
            tabStops = new boolean[columns];
        } else {
            tabStops[cursorColumn] = false;
        }
    }

    void saveCursor() {
        SavedCursor saved = alternateScreenActive() ? alternateSaved : mainSaved;
        saved.row = cursorRow;
        saved.column = cursorColumn;
        saved.wrapPending = wrapPending;
        saved.style = style;
        saved.originMode = originMode;
        saved.lineDrawing = lineDrawing;
    }

    void restoreCursor() {
        SavedCursor saved = alternateScreenActive() ? alternateSaved : mainSaved;
        cursorRow = Math.min(saved.row, rows - 1);
        cursorColumn = Math.min(saved.column, columns - 1);
        wrapPending = saved.wrapPending && cursorColumn == columns - 1;
        style = saved.style;
        originMode = saved.originMode;
        lineDrawing = saved.lineDrawing;
    }

    // ---- Erasing and editing

    /** Erases in display: 0 from the cursor to the end, 1 from the start to the cursor, 2 all, 3 scrollback. */
    void eraseInDisplay(int mode) {
        long blank = CellStyle.erased(style);
        switch (mode) {
            case 0 -> {
                lines[cursorRow].erase(cursorColumn, columns, blank);
                eraseRows(cursorRow + 1, rows, blank);
            }
            case 1 -> {
                eraseRows(0, cursorRow, blank);
                lines[cursorRow].erase(0, cursorColumn + 1, blank);
            }
            case 2 -> eraseRows(0, rows, blank);
            case 3 -> scrollback.clear();
            default -> {
                return;
            }
        }
        wrapPending = false;
        dirtyRows.set(0, rows);
    }

    /** Erases in line: 0 from the cursor to the end, 1 from the start to the cursor, 2 the whole line. */
    void eraseInLine(int mode) {
        long blank = CellStyle.erased(style);
        ScreenLine line = lines[cursorRow];
        switch (mode) {
            case 0 -> line.erase(cursorColumn, columns, blank);
            case 1 -> line.erase(0, cursorColumn + 1, blank);
            case 2 -> line.erase(0, columns, blank);
            default -> {
                return;
            }
        }
        line.setWrapped(false);
        wrapPending = false;
        dirtyRows.set(cursorRow);
    }

    /** Blanks count cells from the cursor without moving the rest of the line. */
    void eraseCharacters(int count) {
        lines[cursorRow].erase(cursorColumn, cursorColumn + count, CellStyle.erased(style));
        wrapPending = false;
        dirtyRows.set(cursorRow);
    }

    void insertCharacters(int count) {
        lines[cursorRow].insertCells(cursorColumn, count, CellStyle.erased(style));
        wrapPending = false;
        dirtyRows.set(cursorRow);
    }

    void deleteCharacters(int count) {
        lines[cursorRow].deleteCells(cursorColumn, count, CellStyle.erased(style));
        wrapPending = false;
        dirtyRows.set(cursorRow);
    }

    /** Inserts count blank lines at the cursor, pushing lines down within the scroll region. */
    void insertLines(int count) {
        if (cursorRow < top || cursorRow > bottom) {
            return;
        }
        shiftDown(cursorRow, bottom, count);
        cursorColumn = 0;
        wrapPending = false;
    }

    /** Deletes count lines at the cursor, pulling lines up within the scroll region. */
    void deleteLines(int count) {
        if (cursorRow < top || cursorRow > bottom) {
            return;
        }
        shiftUp(cursorRow, bottom, count, false);
        cursorColumn = 0;
        wrapPending = false;
    }

    /** Scrolls the region up count lines; from a full-height region on the main screen they go to the scrollback. */
    void scrollUp(int count) {
        shiftUp(top, bottom, count, top == 0 && !alternateScreenActive());
    }

    void scrollDown(int count) {
        shiftDown(top, bottom, count);
    }

    /** Sets the scroll region to the 0-based rows first..last and homes the cursor; an empty region is ignored. */
    void setScrollRegion(int first, int last) {
        int newTop = clamp(first, 0, rows - 1);
        int newBottom = clamp(last, 0, rows - 1);
        if (newTop >= newBottom) {
            return;
        }
        top = newTop;
        bottom = newBottom;
        moveCursorTo(0, 0);
    }

    /** Fills the screen with E, the DEC screen alignment test. */
    void fillWithE() {
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                lines[row].set(column, 'E', CellStyle.PLAIN);
            }
        }
        dirtyRows.set(0, rows);
    }

    // ---- Screens

    /**
     * Switches between the main and the alternate screen. With saveCursor (mode 1049) the main cursor
     * is saved on entry and restored on leaving; with clear the alternate screen is blanked on entry.
     */
    void useAlternateScreen(boolean alternate, boolean clear, boolean saveCursor) {
        if (alternate == alternateScreenActive()) {
            return;
        }
        if (alternate) {
            if (saveCursor) {
                saveCursor();
            }
            lines = alternateLines;
            if (clear) {
                eraseRows(0, rows, CellStyle.erased(style));
            }
        } else {
            if (clear) {
                eraseRows(0, rows, CellStyle.PLAIN);
            }
            lines = mainLines;
            if (saveCursor) {
                restoreCursor();
            }
        }
        wrapPending = false;
        dirtyRows.set(0, rows);
    }

    /** Returns the screen to its power-on state, keeping the scrollback (ESC c). */
    void reset() {
        mainLines = blankLines(rows, columns);
        alternateLines = blankLines(rows, columns);
        lines = mainLines;
        cursorRow = 0;
        cursorColumn = 0;
        wrapPending = false;
        style = CellStyle.PLAIN;
        lineDrawing = false;
        mainSaved = new SavedCursor();
        alternateSaved = new SavedCursor();
        top = 0;
        bottom = rows - 1;
        tabStops = defaultTabStops(columns);
        autowrap = true;
        originMode = false;
        insertMode = false;
        cursorVisible = true;
        applicationCursorKeys = false;
        bracketedPaste = false;
        markAllDirty();
    }

    /**
     * Changes the size to columns x rows. Lines are cut or padded, not re-flowed. When the screen gets
     * shorter, the lines above the cursor leave at the top (into the scrollback on the main screen) so
     * the cursor line stays visible.
     */
    void resize(int newColumns, int newRows) {
        if (newColumns < 1 || newRows < 1) {
            throw new IllegalArgumentException("terminal size " + newColumns + "x" + newRows
                    + " is invalid: it needs at least one column and one row");
        }
        if (newColumns == columns && newRows == rows) {
            return;
        }
        boolean alternate = alternateScreenActive();
        int shift = Math.max(0, cursorRow - (newRows - 1));
        mainLines = resizeLines(mainLines, newColumns, newRows, alternate ? 0 : shift, true);
        alternateLines = resizeLines(alternateLines, newColumns, newRows, alternate ? shift : 0, false);
        lines = alternate ? alternateLines : mainLines;
        boolean[] oldStops = tabStops;
        tabStops = defaultTabStops(newColumns);
        System.arraycopy(oldStops, 0, tabStops, 0, Math.min(oldStops.length, newColumns));
        columns = newColumns;
        rows = newRows;
        cursorRow = clamp(cursorRow - shift, 0, rows - 1);
        cursorColumn = clamp(cursorColumn, 0, columns - 1);
        wrapPending = false;
        top = 0;
        bottom = rows - 1;
        markAllDirty();
    }

    void markAllDirty() {
        dirtyRows.set(0, rows);
    }

    // ---- Internals

    private ScreenLine[] resizeLines(ScreenLine[] old, int newColumns, int newRows, int shift, boolean keepScrolled) {
        for (int i = 0; i < shift; i++) {
            if (keepScrolled) {
                pushScrollback(old[i]);
            }
        }
        ScreenLine[] resized = new ScreenLine[newRows];
        for (int row = 0; row < newRows; row++) {
            int from = row + shift;
            ScreenLine line = from < old.length ? old[from] : new ScreenLine(newColumns, CellStyle.PLAIN);
            line.resize(newColumns, CellStyle.PLAIN);
            resized[row] = line;
        }
        return resized;
    }

    private void shiftUp(int first, int last, int count, boolean toScrollback) {
        int height = last - first + 1;
        int shift = Math.min(count, height);
        long blank = CellStyle.erased(style);
        ScreenLine[] removed = new ScreenLine[shift];
        System.arraycopy(lines, first, removed, 0, shift);
        System.arraycopy(lines, first + shift, lines, first, height - shift);
        for (int i = 0; i < shift; i++) {
            if (toScrollback) {
                pushScrollback(removed[i]);
                lines[last - shift + 1 + i] = new ScreenLine(columns, blank);
            } else {
                removed[i].erase(0, columns, blank);
                removed[i].setWrapped(false);
                lines[last - shift + 1 + i] = removed[i];
            }
        }
        dirtyRows.set(first, last + 1);
    }

    private void shiftDown(int first, int last, int count) {
        int height = last - first + 1;
        int shift = Math.min(count, height);
        long blank = CellStyle.erased(style);
        ScreenLine[] removed = new ScreenLine[shift];
        System.arraycopy(lines, last - shift + 1, removed, 0, shift);
        System.arraycopy(lines, first, lines, first + shift, height - shift);
        for (int i = 0; i < shift; i++) {
            removed[i].erase(0, columns, blank);
            removed[i].setWrapped(false);
            lines[first + i] = removed[i];
        }
        dirtyRows.set(first, last + 1);
    }

    private void pushScrollback(ScreenLine line) {
        scrollback.addLast(line);
        scrollbackPushes++;
        if (scrollback.size() > SCROLLBACK_LINES) {
            scrollback.removeFirst();
        }
    }

    private void eraseRows(int from, int to, long blank) {
        for (int row = from; row < to; row++) {
            lines[row].erase(0, columns, blank);
            lines[row].setWrapped(false);
        }
    }

    private static ScreenLine[] blankLines(int rows, int columns) {
        ScreenLine[] blank = new ScreenLine[rows];
        for (int row = 0; row < rows; row++) {
            blank[row] = new ScreenLine(columns, CellStyle.PLAIN);
        }
        return blank;
    }

    private static boolean[] defaultTabStops(int columns) {
        boolean[] stops = new boolean[columns];
        for (int column = TAB_WIDTH; column < columns; column += TAB_WIDTH) {
            stops[column] = true;
        }
        return stops;
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    /** The state that ESC 7 and CSI s save: position, pending wrap, style, origin mode and character set. */
    private static final class SavedCursor {
        int row;
        int column;
        boolean wrapPending;
        long style = CellStyle.PLAIN;
        boolean originMode;
        boolean lineDrawing;
    }
}
