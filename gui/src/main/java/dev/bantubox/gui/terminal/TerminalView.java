package dev.bantubox.gui.terminal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.CssMetaData;
import javafx.css.FontCssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * A terminal: shows what a program writes to a pseudo-terminal and sends it the keys typed here.
 *
 * <p>{@link #feed} takes the program's output on any thread. It updates the screen model under a
 * lock and marks the changed rows. The view repaints only those rows, at most once per pulse, so a
 * program that prints fast does not flood the FX thread. The font size follows the app's font
 * (-fx-font-size, inherited from the scene root), so zooming the app zooms the terminal, and the
 * colours come from {@code -bb-terminal-foreground} and {@code -bb-terminal-background}.
 */
public final class TerminalView extends Region {
    private static final int DEFAULT_COLUMNS = 80;
    private static final int DEFAULT_ROWS = 24;
    private static final int WHEEL_LINES = 3;
    private static final String FONT_FAMILY = "DejaVu Sans Mono";
    private static final String PASTE_START = "\033[200~";
    private static final String PASTE_END = "\033[201~";

    private static final CssMetaData<TerminalView, Font> FONT = new FontCssMetaData<>("-fx-font", Font.getDefault()) {
        @Override
        public boolean isSettable(TerminalView view) {
            return !view.font.isBound();
        }

        @Override
        public StyleableProperty<Font> getStyleableProperty(TerminalView view) {
            return view.font;
        }
    };
    private static final CssMetaData<TerminalView, Paint> FOREGROUND = colorMetaData("-bb-terminal-foreground",
            Color.web("#d4d4d4"), view -> view.foreground);
    private static final CssMetaData<TerminalView, Paint> BACKGROUND = colorMetaData("-bb-terminal-background",
            Color.web("#1e1e1e"), view -> view.background);
    private static final List<CssMetaData<? extends Styleable, ?>> CSS_META_DATA;

    static {
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        all.add(FONT);
        all.add(FOREGROUND);
        all.add(BACKGROUND);
        CSS_META_DATA = List.copyOf(all);
    }

    /** Guards screen, emulator and pendingReplies, which feed() changes on the reader thread. */
    private final Object lock = new Object();
    private final TerminalScreen screen = new TerminalScreen(DEFAULT_COLUMNS, DEFAULT_ROWS);
    private final List<byte[]> pendingReplies = new ArrayList<>();
    private final TerminalEmulator emulator = new TerminalEmulator(screen, pendingReplies::add);

    private final ReadOnlyIntegerWrapper columns = new ReadOnlyIntegerWrapper(this, "columns", DEFAULT_COLUMNS);
    private final ReadOnlyIntegerWrapper rows = new ReadOnlyIntegerWrapper(this, "rows", DEFAULT_ROWS);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final StyleableObjectProperty<Font> font = new SimpleStyleableObjectProperty<>(FONT, this, "font",
            Font.getDefault()) {
        @Override
        protected void invalidated() {
            updateFontMetrics();
        }
    };
    private final StyleableObjectProperty<Paint> foreground = new SimpleStyleableObjectProperty<>(FOREGROUND, this,
            "terminalForeground", FOREGROUND.getInitialValue(this)) {
        @Override
        protected void invalidated() {
            updatePalette();
        }
    };
    private final StyleableObjectProperty<Paint> background = new SimpleStyleableObjectProperty<>(BACKGROUND, this,
            "terminalBackground", BACKGROUND.getInitialValue(this)) {
        @Override
        protected void invalidated() {
            updatePalette();
        }
    };

    private volatile TerminalConnection connection;

    private final Canvas canvas = new Canvas();
    private final TerminalPainter painter = new TerminalPainter(canvas.getGraphicsContext2D());
    private final AtomicBoolean paintScheduled = new AtomicBoolean();
    private final AnimationTimer paintTimer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            paintScheduled.set(false);
            stop();
            paint();
        }
    };
    private final TerminalSelection selection = new TerminalSelection();
    private final ContextMenu contextMenu = new ContextMenu();
    private final ShownState shownState = new ShownState(this, this::requestRepaint);

    // The fields below are used on the FX thread only.
    private double cellWidth;
    private double cellHeight;
    private boolean repaintAll = true;
    /** How many lines the view is scrolled back into the scrollback; 0 shows the live screen. */
    private int scrollOffset;
    private long paintedScrollbackPushes;
    private int paintedCursorRow = -1;
    private int paintedCursorColumn = -1;
    /** How many times the view painted, for tests that check a hidden view does not. */
    private long paintCount;
    private int[][] rowCodePoints = new int[0][];
    private long[][] rowStyles = new long[0][];

    public TerminalView() {
        getStyleClass().add("terminal-view");
        setFocusTraversable(true);
        canvas.setManaged(false);
        getChildren().add(canvas);
        updatePalette();
        updateFontMetrics();
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventHandler(KeyEvent.KEY_TYPED, this::keyTyped);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::mousePressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::mouseDragged);
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        focusedProperty().addListener((property, before, after) -> requestRepaint());
        buildContextMenu();
    }

    // ---- Properties

    /** The width of the view in character cells. */
    public ReadOnlyIntegerProperty columnsProperty() {
        return columns.getReadOnlyProperty();
    }

    /** The height of the view in character cells. */
    public ReadOnlyIntegerProperty rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /** The window title the program set with OSC 0 or OSC 2; empty until it sets one. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    // ---- Commands

    /**
     * Connects the view to a program: keys and query replies go to connection, which receives the
     * current size at once and every later size. Call on the FX thread.
     */
    public void connect(TerminalConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
        connection.resize(columns.get(), rows.get());
    }

    /**
     * Applies length bytes of the program's output from offset on. Callable from any thread; a
     * sequence or UTF-8 character split between two calls is handled whole.
     */
    public void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        List<byte[]> replies;
        synchronized (lock) {
            emulator.process(bytes, offset, length);
            if (pendingReplies.isEmpty()) {
                replies = List.of();
            } else {
                replies = List.copyOf(pendingReplies);
                pendingReplies.clear();
            }
        }
        TerminalConnection current = connection;
        if (current != null) {
            for (byte[] reply : replies) {
                current.send(reply);
            }
        }
        requestPaint();
    }

    /** Returns the visible screen as text: one line per row, trailing blanks trimmed. */
    public String screenText() {
        synchronized (lock) {
            return screen.text();
        }
    }

    /** Returns the rows as the view shows them, scrolled back or not, as text lines; FX thread. */
    String displayedText() {
        StringBuilder text = new StringBuilder();
        synchronized (lock) {
            for (int row = 0; row < screen.rows(); row++) {
                if (row > 0) {
                    text.append('\n');
                }
                text.append(visibleLine(row).text());
            }
        }
        return text.toString();
    }

    /** Makes the next paint draw every row, for the benchmark; FX thread. */
    void markAllForRepaint() {
        repaintAll = true;
    }

    long paintCount() {
        return paintCount;
    }

    double cellWidth() {
        return cellWidth;
    }

    double cellHeight() {
        return cellHeight;
    }

    /** Returns the selected text, lines joined by newlines except where a line wrapped; empty without a selection. */
    public String selectedText() {
        if (selection.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        synchronized (lock) {
            for (int row = selection.firstRow(); row <= selection.lastRow(); row++) {
                ScreenLine line = visibleLine(row);
                int from = row == selection.firstRow() ? selection.firstColumn() : 0;
                int to = row == selection.lastRow() ? selection.lastColumn() + 1 : line.length();
                text.append(line.text(from, to));
                if (row < selection.lastRow() && !line.wrapped()) {
                    text.append('\n');
                }
            }
        }
        return text.toString();
    }

    /** Copies the selection to the system clipboard. */
    public void copySelection() {
        String text = selectedText();
        if (!text.isEmpty()) {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    /** Sends the clipboard's text to the program, bracketed when the program turned bracketed paste on. */
    public void paste() {
        String text = Clipboard.getSystemClipboard().getString();
        if (text != null && !text.isEmpty()) {
            paste(text);
        }
    }

    /**
     * Sends text to the program as pasted: line ends become CR, as typed Enter keys are, and with
     * bracketed paste (mode 2004) the text is wrapped in ESC [200~ ... ESC [201~ so a shell does not
     * run it line by line.
     */
    void paste(String text) {
        String lines = text.replace("\r\n", "\r").replace('\n', '\r');
        boolean bracketed;
        synchronized (lock) {
            bracketed = screen.bracketedPaste();
        }
        if (bracketed) {
            // A pasted end marker would end the bracket early and let the rest run as typed commands.
            lines = PASTE_START + lines.replace(PASTE_END, "") + PASTE_END;
        }
        send(lines.getBytes(StandardCharsets.UTF_8));
    }

    // ---- CSS

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS_META_DATA;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS_META_DATA;
    }

    // ---- Layout

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + DEFAULT_COLUMNS * cellWidth + snappedRightInset();
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + DEFAULT_ROWS * cellHeight + snappedBottomInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + cellWidth + snappedRightInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return snappedTopInset() + cellHeight + snappedBottomInset();
    }

    @Override
    protected void layoutChildren() {
        double width = Math.max(0, snapSizeX(getWidth() - snappedLeftInset() - snappedRightInset()));
        double height = Math.max(0, snapSizeY(getHeight() - snappedTopInset() - snappedBottomInset()));
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        if (canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas.setWidth(width);
            canvas.setHeight(height);
            requestRepaint();
        }
        int newColumns = Math.max(1, (int) (width / cellWidth));
        int newRows = Math.max(1, (int) (height / cellHeight));
        if (newColumns != columns.get() || newRows != rows.get()) {
            resizeScreen(newColumns, newRows);
        }
    }

    private void resizeScreen(int newColumns, int newRows) {
        synchronized (lock) {
            screen.resize(newColumns, newRows);
        }
        columns.set(newColumns);
        rows.set(newRows);
        selection.clear();
        requestRepaint();
        TerminalConnection current = connection;
        if (current != null) {
            current.resize(newColumns, newRows);
        }
    }

    private void updateFontMetrics() {
        double size = font.get() == null ? Font.getDefault().getSize() : font.get().getSize();
        Font regular = Font.font(FONT_FAMILY, FontWeight.NORMAL, size);
        Font bold = Font.font(FONT_FAMILY, FontWeight.BOLD, size);
        // The advance of a long run divided by its length gives the cell width without rounding error.
        Text probe = new Text("M".repeat(100));
        probe.setFont(regular);
        cellWidth = probe.getLayoutBounds().getWidth() / 100;
        cellHeight = Math.ceil(probe.getLayoutBounds().getHeight());
        painter.setFonts(regular, bold, cellWidth, cellHeight);
        requestRepaint();
        requestLayout();
    }

    private void updatePalette() {
        painter.setPalette(new TerminalPalette(asColor(foreground.get(), FOREGROUND), asColor(background.get(), BACKGROUND)));
        requestRepaint();
    }

    // ---- Painting

    /** Schedules a paint of everything on the next pulse; FX thread. */
    private void requestRepaint() {
        repaintAll = true;
        requestPaint();
    }

    /** Schedules a paint of the dirty rows on the next pulse, once however often it is called. */
    private void requestPaint() {
        if (paintScheduled.compareAndSet(false, true)) {
            if (Platform.isFxApplicationThread()) {
                paintTimer.start();
            } else {
                Platform.runLater(paintTimer::start);
            }
        }
    }

    /**
     * Paints the rows changed since the last paint. The cells are copied under the lock and drawn
     * after it is released, so the reader thread waits only for the copy.
     */
    void paint() {
        if (!shownState.isShown()) {
            synchronized (lock) {
                title.set(screen.title());
            }
            // Painted in full once shown again; ShownState calls requestRepaint then.
            repaintAll = true;
            return;
        }
        Frame frame = copyFrame();

        if (repaintAll) {
            painter.clear(canvas.getWidth(), canvas.getHeight());
            repaintAll = false;
        }
        BitSet rowsToPaint = frame.rowsToPaint();
        for (int row = rowsToPaint.nextSetBit(0); row >= 0 && row < frame.rows(); row = rowsToPaint.nextSetBit(row + 1)) {
            painter.paintRow(row, rowCodePoints[row], rowStyles[row], frame.columns(), canvas.getWidth(), selection);
        }
        int cursorRow = frame.cursorRow();
        if (cursorRow >= 0 && cursorRow < frame.rows()) {
            int column = Math.min(frame.cursorColumn(), frame.columns() - 1);
            painter.paintCursor(cursorRow, column, rowCodePoints[cursorRow][column], rowStyles[cursorRow][column],
                    isFocused());
        }

        paintedCursorRow = cursorRow;
        paintedCursorColumn = frame.cursorColumn();
        paintCount++;
        title.set(frame.title());
    }

    /** Takes the rows to paint and copies their cells into the row buffers, under the lock. */
    private Frame copyFrame() {
        synchronized (lock) {
            int frameColumns = screen.columns();
            int frameRows = screen.rows();
            ensureRowBuffers(frameColumns, frameRows);
            BitSet rowsToPaint = screen.takeDirtyRows();
            followScrollback();
            if (repaintAll || scrollOffset > 0 && !rowsToPaint.isEmpty()) {
                rowsToPaint.set(0, frameRows);
            }

            boolean cursorShown = screen.cursorVisible() && scrollOffset == 0;
            int cursorRow = cursorShown ? screen.cursorRow() : -1;
            int cursorColumn = screen.cursorColumn();
            if (cursorRow != paintedCursorRow || cursorColumn != paintedCursorColumn) {
                markRow(rowsToPaint, paintedCursorRow, frameRows);
                markRow(rowsToPaint, cursorRow, frameRows);
            }

            for (int row = rowsToPaint.nextSetBit(0); row >= 0 && row < frameRows; row = rowsToPaint.nextSetBit(row + 1)) {
                visibleLine(row).copyTo(rowCodePoints[row], rowStyles[row], frameColumns);
            }
            return new Frame(frameColumns, frameRows, rowsToPaint, cursorRow, cursorColumn, screen.title());
        }
    }

    /** Keeps a scrolled-back view on the same lines while new output pushes lines into the scrollback; under lock. */
    private void followScrollback() {
        long pushes = screen.scrollbackPushes();
        if (screen.alternateScreenActive()) {
            if (scrollOffset != 0) {
                scrollOffset = 0;
                repaintAll = true;
            }
        } else if (scrollOffset > 0 && pushes != paintedScrollbackPushes) {
            scrollOffset = (int) Math.min(screen.scrollbackSize(), scrollOffset + pushes - paintedScrollbackPushes);
            repaintAll = true;
        }
        paintedScrollbackPushes = pushes;
        if (scrollOffset > screen.scrollbackSize()) {
            // The program cleared the scrollback (CSI 3 J) while the view was scrolled back into it.
            scrollOffset = screen.scrollbackSize();
            repaintAll = true;
        }
    }

    /** Returns the line shown at view row, from the scrollback when the view is scrolled back; under lock. */
    private ScreenLine visibleLine(int row) {
        int offset = Math.min(scrollOffset, screen.scrollbackSize());
        if (offset == 0) {
            return screen.line(row);
        }
        int index = screen.scrollbackSize() - offset + row;
        return index < screen.scrollbackSize() ? screen.scrollbackLine(index)
                : screen.line(index - screen.scrollbackSize());
    }

    private void ensureRowBuffers(int paintColumns, int paintRows) {
        if (rowCodePoints.length != paintRows || rowCodePoints.length > 0 && rowCodePoints[0].length != paintColumns) {
            rowCodePoints = new int[paintRows][paintColumns];
            rowStyles = new long[paintRows][paintColumns];
            repaintAll = true;
        }
    }

    private static void markRow(BitSet rowsToPaint, int row, int rowCount) {
        if (row >= 0 && row < rowCount) {
            rowsToPaint.set(row);
        }
    }

    // ---- Input

    private void keyPressed(KeyEvent event) {
        if (event.isControlDown() && event.isShiftDown() && event.getCode() == KeyCode.C) {
            copySelection();
            event.consume();
            return;
        }
        if (event.isControlDown() && event.isShiftDown() && event.getCode() == KeyCode.V
                || event.isShiftDown() && event.getCode() == KeyCode.INSERT) {
            paste();
            event.consume();
            return;
        }
        if (event.isShiftDown() && (event.getCode() == KeyCode.PAGE_UP || event.getCode() == KeyCode.PAGE_DOWN)) {
            int page = Math.max(1, rows.get() - 1);
            scrollView(event.getCode() == KeyCode.PAGE_UP ? page : -page);
            event.consume();
            return;
        }
        boolean applicationCursorKeys;
        synchronized (lock) {
            applicationCursorKeys = screen.applicationCursorKeys();
        }
        byte[] bytes = TerminalKeys.pressed(event, applicationCursorKeys);
        if (bytes != null) {
            send(bytes);
            event.consume();
        }
    }

    private void keyTyped(KeyEvent event) {
        byte[] bytes = TerminalKeys.typed(event);
        if (bytes != null) {
            send(bytes);
        }
        event.consume();
    }

    /** Sends typed or pasted bytes and brings a scrolled-back view to the live screen. */
    private void send(byte[] bytes) {
        if (scrollOffset != 0) {
            scrollOffset = 0;
            requestRepaint();
        }
        TerminalConnection current = connection;
        if (current != null) {
            current.send(bytes);
        }
    }

    private void mousePressed(MouseEvent event) {
        requestFocus();
        if (event.getButton() == MouseButton.PRIMARY) {
            contextMenu.hide();
            if (!selection.isEmpty()) {
                requestRepaint();
            }
            selection.start(cellRow(event.getY()), cellColumn(event.getX()));
        }
    }

    private void mouseDragged(MouseEvent event) {
        if (event.getButton() == MouseButton.PRIMARY) {
            selection.extendTo(cellRow(event.getY()), cellColumn(event.getX()));
            requestRepaint();
        }
    }

    private void scrolled(ScrollEvent event) {
        if (event.getDeltaY() != 0) {
            scrollView(event.getDeltaY() > 0 ? WHEEL_LINES : -WHEEL_LINES);
            event.consume();
        }
    }

    /** Moves the view lines into the scrollback (positive) or back toward the live screen (negative). */
    private void scrollView(int lines) {
        int limit;
        synchronized (lock) {
            limit = screen.alternateScreenActive() ? 0 : screen.scrollbackSize();
            paintedScrollbackPushes = screen.scrollbackPushes();
        }
        int offset = Math.max(0, Math.min(limit, scrollOffset + lines));
        if (offset != scrollOffset) {
            scrollOffset = offset;
            selection.clear();
            requestRepaint();
        }
    }

    private int cellRow(double y) {
        return Math.max(0, Math.min(rows.get() - 1, (int) ((y - snappedTopInset()) / cellHeight)));
    }

    private int cellColumn(double x) {
        return Math.max(0, Math.min(columns.get() - 1, (int) ((x - snappedLeftInset()) / cellWidth)));
    }

    private void buildContextMenu() {
        MenuItem copy = new MenuItem("Copy");
        copy.setOnAction(event -> copySelection());
        MenuItem paste = new MenuItem("Paste");
        paste.setOnAction(event -> paste());
        contextMenu.getItems().addAll(copy, paste);
        contextMenu.setOnShowing(event -> copy.setDisable(selection.isEmpty()));
        setOnContextMenuRequested(event -> {
            contextMenu.show(this, event.getScreenX(), event.getScreenY());
            event.consume();
        });
    }

    // ---- Helpers

    private static Color asColor(Paint paint, CssMetaData<TerminalView, Paint> property) {
        return paint instanceof Color color ? color : (Color) property.getInitialValue(null);
    }

    private static CssMetaData<TerminalView, Paint> colorMetaData(String name, Color initial,
            Function<TerminalView, StyleableProperty<Paint>> property) {
        return new CssMetaData<>(name, StyleConverter.getPaintConverter(), initial) {
            @Override
            public boolean isSettable(TerminalView view) {
                return !((StyleableObjectProperty<Paint>) property.apply(view)).isBound();
            }

            @Override
            public StyleableProperty<Paint> getStyleableProperty(TerminalView view) {
                return property.apply(view);
            }
        };
    }

    /** One paint's rows, cursor (row -1 when hidden) and title; the cells are in the row buffers. */
    private record Frame(int columns, int rows, BitSet rowsToPaint, int cursorRow, int cursorColumn, String title) {
    }
}
