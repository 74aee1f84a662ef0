package dev.bantubox.gui.terminal;

import java.util.HashMap;
import java.util.Map;

import javafx.scene.paint.Color;

/**
 * The colours a {@link CellStyle} colour value stands for: the 16 ANSI colours, xterm's 6x6x6 cube and
 * 24-step grey ramp for indexes 16-255, RGB values as they are, and the view's own default colours.
 */
final class TerminalPalette {
    /** The 16 ANSI colours, tuned to read on a dark background: black, red, ..., white, then the bright ones. */
    private static final int[] ANSI = {
        0x1e1e1e, 0xcd3131, 0x0dbc79, 0xe5e510, 0x2472c8, 0xbc3fbc, 0x11a8cd, 0xe5e5e5,
        0x666666, 0xf14c4c, 0x23d18b, 0xf5f543, 0x3b8eea, 0xd670d6, 0x29b8db, 0xffffff,
    };
    private static final int RGB_CACHE_LIMIT = 1024;

    private final Color[] indexed = new Color[256];
    private final Map<Integer, Color> rgb = new HashMap<>();
    private final Color foreground;
    private final Color background;

    TerminalPalette(Color foreground, Color background) {
        this.foreground = foreground;
        this.background = background;
        for (int i = 0; i < 16; i++) {
            indexed[i] = Color.rgb(ANSI[i] >> 16, ANSI[i] >> 8 & 0xff, ANSI[i] & 0xff);
        }
        // xterm's cube: the 6 levels of each channel are 0, then 95 + 40 * (level - 1).
        for (int i = 16; i < 232; i++) {
            int cube = i - 16;
            indexed[i] = Color.rgb(cubeLevel(cube / 36), cubeLevel(cube / 6 % 6), cubeLevel(cube % 6));
        }
        for (int i = 232; i < 256; i++) {
            int grey = 8 + 10 * (i - 232);
            indexed[i] = Color.rgb(grey, grey, grey);
        }
    }

    Color defaultForeground() {
        return foreground;
    }

    Color defaultBackground() {
        return background;
    }

    /** Returns the colour for a {@link CellStyle} colour value; fallback stands for the default colour. */
    Color color(int value, Color fallback) {
        if ((value & CellStyle.PALETTE_TAG) != 0) {
            return indexed[value & 0xff];
        }
        if ((value & CellStyle.RGB_TAG) != 0) {
            int key = value & 0xffffff;
            Color cached = rgb.get(key);
            if (cached == null) {
                cached = Color.rgb(key >> 16, key >> 8 & 0xff, key & 0xff);
                if (rgb.size() >= RGB_CACHE_LIMIT) {
                    rgb.clear();
                }
                rgb.put(key, cached);
            }
            return cached;
        }
        return fallback;
    }

    private static int cubeLevel(int level) {
        return level == 0 ? 0 : 95 + 40 * (level - 1);
    }
}
