package dev.bantubox.gui.terminal;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Draws rows of cells on a canvas. A row is drawn as runs of cells that share a style: one rectangle
 * for a run's background and one text call for its ASCII characters. So the number of canvas calls
 * grows with the runs of equal style, not with the cells.
 */
final class TerminalPainter {
    private static final double DIM_OPACITY = 0.6;

    private final GraphicsContext graphics;
    private TerminalPalette palette;
    private Font regular;
    private Font bold;
    private double cellWidth;
    private double cellHeight;
    private final StringBuilder run = new StringBuilder();

    TerminalPainter(GraphicsContext graphics) {
        this.graphics = graphics;
        graphics.setTextBaseline(VPos.TOP);
        graphics.setTextAlign(TextAlignment.LEFT);
    }

    void setFonts(Font regular, Font bold, double cellWidth, double cellHeight) {
        this.regular = regular;
        this.bold = bold;
        this.cellWidth = cellWidth;
        this.cellHeight = cellHeight;
    }

    void setPalette(TerminalPalette palette) {
        this.palette = palette;
    }

    /** Clears the whole canvas to the default background. */
    void clear(double width, double height) {
        graphics.setFill(palette.defaultBackground());
        graphics.fillRect(0, 0, width, height);
    }

    /** Draws one row across the full canvas width; selected cells are drawn with colours swapped. */
    void paintRow(int row, int[] codePoints, long[] styles, int columns, double width, TerminalSelection selection) {
        double y = row * cellHeight;
        graphics.setFill(palette.defaultBackground());
        graphics.fillRect(0, y, width, cellHeight);
        int start = 0;
        while (start < columns) {
            long style = styles[start];
            boolean selected = selection.contains(row, start);
            int end = start + 1;
            while (end < columns && styles[end] == style && selection.contains(row, end) == selected) {
                end++;
            }
            paintRun(y, start, end, codePoints, style, selected);
            start = end;
        }
    }

    /**
     * Draws the cursor over the cell at row and column: a block in the text colour with the character
     * in the background colour when the view has focus, an outline when it has not.
     */
    void paintCursor(int row, int column, int codePoint, long style, boolean focused) {
        double x = column * cellWidth;
        double y = row * cellHeight;
        Color foreground = foreground(style, false);
        if (!focused) {
            graphics.setStroke(foreground);
            graphics.setLineWidth(1);
            graphics.strokeRect(x + 0.5, y + 0.5, cellWidth - 1, cellHeight - 1);
            return;
        }
        graphics.setFill(foreground);
        graphics.fillRect(x, y, cellWidth, cellHeight);
        if (codePoint != ScreenLine.EMPTY && codePoint != ' ') {
            graphics.setFont(CellStyle.has(style, CellStyle.BOLD) ? bold : regular);
            graphics.setFill(background(style, false));
            graphics.fillText(Character.toString(codePoint), x, y);
        }
    }

    private void paintRun(double y, int start, int end, int[] codePoints, long style, boolean selected) {
        double x = start * cellWidth;
        double runWidth = (end - start) * cellWidth;
        Color background = background(style, selected);
        if (!background.equals(palette.defaultBackground())) {
            graphics.setFill(background);
            graphics.fillRect(x, y, runWidth, cellHeight);
        }
        Color foreground = foreground(style, selected);
        graphics.setFill(foreground);
        if (!CellStyle.has(style, CellStyle.HIDDEN)) {
            graphics.setFont(CellStyle.has(style, CellStyle.BOLD) ? bold : regular);
            paintText(y, start, end, codePoints);
        }
        if (CellStyle.has(style, CellStyle.UNDERLINE)) {
            graphics.fillRect(x, y + cellHeight - Math.max(1, cellHeight / 12) - 1, runWidth, Math.max(1, cellHeight / 12));
        }
        if (CellStyle.has(style, CellStyle.STRIKETHROUGH)) {
            graphics.fillRect(x, y + cellHeight / 2, runWidth, Math.max(1, cellHeight / 14));
        }
    }

    /**
     * Draws the characters of a run. ASCII goes out as one string, because the monospace font's
     * advance is the cell width. Other characters are placed cell by cell, since a fallback font
     * may have other widths.
     */
    private void paintText(double y, int start, int end, int[] codePoints) {
        run.setLength(0);
        int runStart = start;
        for (int column = start; column < end; column++) {
            int codePoint = codePoints[column];
            if (codePoint == ScreenLine.EMPTY || codePoint == ' ') {
                if (run.length() > 0) {
                    run.append(' ');
                }
            } else if (codePoint < 0x80) {
                if (run.length() == 0) {
                    runStart = column;
                }
                run.append((char) codePoint);
            } else {
                flushRun(y, runStart);
                graphics.fillText(Character.toString(codePoint), column * cellWidth, y);
            }
        }
        flushRun(y, runStart);
    }

    private void flushRun(double y, int runStart) {
        if (run.length() > 0) {
            graphics.fillText(run.toString(), runStart * cellWidth, y);
            run.setLength(0);
        }
    }

    private Color foreground(long style, boolean selected) {
        boolean swap = CellStyle.has(style, CellStyle.REVERSE) != selected;
        Color color = swap ? palette.color(CellStyle.background(style), palette.defaultBackground())
                : palette.color(CellStyle.foreground(style), palette.defaultForeground());
        return CellStyle.has(style, CellStyle.DIM) ? color.deriveColor(0, 1, 1, DIM_OPACITY) : color;
    }

    private Color background(long style, boolean selected) {
        boolean swap = CellStyle.has(style, CellStyle.REVERSE) != selected;
        return swap ? palette.color(CellStyle.foreground(style), palette.defaultForeground())
                : palette.color(CellStyle.background(style), palette.defaultBackground());
    }
}
