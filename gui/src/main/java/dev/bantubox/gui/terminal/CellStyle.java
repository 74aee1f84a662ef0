package dev.bantubox.gui.terminal;

/**
 * The look of one character cell, packed in a long so a screen line is two flat arrays.
 *
 * <p>Bits 0-25 hold the foreground colour, bits 26-51 the background colour, and the bits from 52 up
 * the attributes. A colour is {@link #DEFAULT_COLOR}, a palette index (0-255) tagged with
 * {@link #PALETTE_TAG}, or a 24-bit RGB value tagged with {@link #RGB_TAG}.
 */
public final class CellStyle {
    /** The terminal's own foreground or background colour. */
    public static final int DEFAULT_COLOR = 0;
    /** Marks a colour as an index into the 256-colour palette. */
    public static final int PALETTE_TAG = 1 << 24;
    /** Marks a colour as 24-bit RGB. */
    public static final int RGB_TAG = 1 << 25;

    public static final long BOLD = 1L << 52;
    public static final long DIM = 1L << 53;
    public static final long ITALIC = 1L << 54;
    public static final long UNDERLINE = 1L << 55;
    public static final long REVERSE = 1L << 56;
    public static final long HIDDEN = 1L << 57;
    public static final long STRIKETHROUGH = 1L << 58;

    /** Default colours, no attributes. */
    public static final long PLAIN = 0;

    private static final int COLOR_BITS = 26;
    private static final long COLOR_MASK = (1L << COLOR_BITS) - 1;

    private CellStyle() {
    }

    /** Returns a colour value for palette index (0-255). */
    public static int palette(int index) {
        return PALETTE_TAG | (index & 0xff);
    }

    /** Returns a colour value for a 24-bit RGB triple. */
    public static int rgb(int red, int green, int blue) {
        return RGB_TAG | (red & 0xff) << 16 | (green & 0xff) << 8 | (blue & 0xff);
    }

    public static int foreground(long style) {
        return (int) (style & COLOR_MASK);
    }

    public static int background(long style) {
        return (int) (style >>> COLOR_BITS & COLOR_MASK);
    }

    public static long withForeground(long style, int color) {
        return style & ~COLOR_MASK | (color & COLOR_MASK);
    }

    public static long withBackground(long style, int color) {
        return style & ~(COLOR_MASK << COLOR_BITS) | (color & COLOR_MASK) << COLOR_BITS;
    }

    public static boolean has(long style, long attribute) {
        return (style & attribute) != 0;
    }

    /**
     * Returns the style of cells that an erase or scroll blanks while style is current: its background
     * colour only, as xterm does (background colour erase), so a full-width coloured bar stays coloured.
     */
    public static long erased(long style) {
        return style & (COLOR_MASK << COLOR_BITS);
    }
}
