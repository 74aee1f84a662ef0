package dev.bantubox.gui.terminal;

/** Applies the parameters of an SGR sequence (CSI ... m) to a {@link CellStyle}. */
final class SelectGraphicRendition {
    private SelectGraphicRendition() {
    }

    /** Returns style changed by the first count parameters; no parameters means reset. */
    static long apply(long style, int[] parameters, int count) {
        if (count == 0) {
            return CellStyle.PLAIN;
        }
        long result = style;
        int i = 0;
        while (i < count) {
            int code = parameters[i];
            if (code == 38 || code == 48) {
                int[] color = new int[1];
                i = extendedColor(parameters, count, i + 1, color);
                if (color[0] >= 0) {
                    result = code == 38 ? CellStyle.withForeground(result, color[0])
                            : CellStyle.withBackground(result, color[0]);
                }
                continue;
            }
            result = applySimple(result, code);
            i++;
        }
        return result;
    }

    private static long applySimple(long style, int code) {
        if (code >= 30 && code <= 37) {
            return CellStyle.withForeground(style, CellStyle.palette(code - 30));
        }
        if (code >= 40 && code <= 47) {
            return CellStyle.withBackground(style, CellStyle.palette(code - 40));
        }
        if (code >= 90 && code <= 97) {
            return CellStyle.withForeground(style, CellStyle.palette(code - 90 + 8));
        }
        if (code >= 100 && code <= 107) {
            return CellStyle.withBackground(style, CellStyle.palette(code - 100 + 8));
        }
        return switch (code) {
            case 0 -> CellStyle.PLAIN;
            case 1 -> style | CellStyle.BOLD;
            case 2 -> style | CellStyle.DIM;
            case 3 -> style | CellStyle.ITALIC;
            case 4, 21 -> style | CellStyle.UNDERLINE;
            case 7 -> style | CellStyle.REVERSE;
            case 8 -> style | CellStyle.HIDDEN;
            case 9 -> style | CellStyle.STRIKETHROUGH;
            case 22 -> style & ~(CellStyle.BOLD | CellStyle.DIM);
            case 23 -> style & ~CellStyle.ITALIC;
            case 24 -> style & ~CellStyle.UNDERLINE;
            case 27 -> style & ~CellStyle.REVERSE;
            case 28 -> style & ~CellStyle.HIDDEN;
            case 29 -> style & ~CellStyle.STRIKETHROUGH;
            case 39 -> CellStyle.withForeground(style, CellStyle.DEFAULT_COLOR);
            case 49 -> CellStyle.withBackground(style, CellStyle.DEFAULT_COLOR);
            // Blink (5, 6, 25), fonts (10-20) and the rest change nothing shown here.
            default -> style;
        };
    }

    /**
     * Reads the colour after 38 or 48 from index on: 5;n (palette) or 2;r;g;b (RGB). Stores it in
     * color[0], or -1 when it is malformed, and returns the index of the parameter after it.
     */
    private static int extendedColor(int[] parameters, int count, int index, int[] color) {
        color[0] = -1;
        if (index >= count) {
            return index;
        }
        int kind = parameters[index];
        if (kind == 5) {
            if (index + 1 < count) {
                color[0] = CellStyle.palette(parameters[index + 1]);
            }
            return index + 2;
        }
        if (kind == 2) {
            if (index + 3 < count) {
                color[0] = CellStyle.rgb(parameters[index + 1], parameters[index + 2], parameters[index + 3]);
            }
            return index + 4;
        }
        return index + 1;
    }
}
