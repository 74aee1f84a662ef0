package dev.bantubox.gui.terminal;

/**
 * The DEC special graphics character set (selected with ESC ( 0), which curses programs use for line
 * drawing: in it the bytes 0x5f-0x7e stand for box-drawing and a few other symbols.
 */
final class DecSpecialGraphics {
    private static final int FIRST = 0x5f;
    /** The Unicode characters for 0x5f ('_') to 0x7e ('~'), in order. */
    private static final String SYMBOLS =
            "\u00a0\u25c6\u2592\u2409\u240c\u240d\u240a\u00b0\u00b1\u2424\u240b\u2518\u2510\u250c\u2514\u253c"
            + "\u23ba\u23bb\u2500\u23bc\u23bd\u251c\u2524\u2534\u252c\u2502\u2264\u2265\u03c0\u2260\u00a3\u00b7";

    private DecSpecialGraphics() {
    }

    /** Returns the symbol that codePoint stands for in this set, or codePoint itself outside 0x5f-0x7e. */
    static int map(int codePoint) {
        int index = codePoint - FIRST;
        return index >= 0 && index < SYMBOLS.length() ? SYMBOLS.charAt(index) : codePoint;
    }
}
