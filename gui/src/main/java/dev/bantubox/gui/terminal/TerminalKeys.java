package dev.bantubox.gui.terminal;

import java.nio.charset.StandardCharsets;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Turns key events into the bytes an xterm sends for them, which is what busybox's line editor, vi
 * and top read.
 */
final class TerminalKeys {
    private static final String ESC = "\033";

    private TerminalKeys() {
    }

    /**
     * Returns the bytes for a KEY_PRESSED event of a key that types no text (Enter, arrows, F-keys,
     * Ctrl+letter), or null when the key's KEY_TYPED event carries what to send.
     */
    static byte[] pressed(KeyEvent event, boolean applicationCursorKeys) {
        String sequence = pressedSequence(event, applicationCursorKeys);
        return sequence == null ? null : sequence.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the UTF-8 bytes for a KEY_TYPED event, or null when its key was sent on KEY_PRESSED. */
    static byte[] typed(KeyEvent event) {
        String text = event.getCharacter();
        if (text == null || text.isEmpty() || text.equals(KeyEvent.CHAR_UNDEFINED)) {
            return null;
        }
        if (event.isControlDown() && !event.isAltDown() || event.isMetaDown()) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return null;
            }
        }
        String sent = isMetaLetter(event, text) ? ESC + text : text;
        return sent.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns whether a typed key is Alt plus an ASCII letter or digit, which an xterm sends as ESC
     * and the key (busybox's line editor moves by words on Alt+B and Alt+F). Other characters typed
     * with Alt held stay as they are, because AltGr, which some layouts need for @, { or €, may
     * arrive with the Alt flag set.
     */
    private static boolean isMetaLetter(KeyEvent event, String text) {
        if (!event.isAltDown() || event.isControlDown() || text.length() != 1) {
            return false;
        }
        char c = text.charAt(0);
        return c < 0x80 && Character.isLetterOrDigit(c);
    }

    private static String pressedSequence(KeyEvent event, boolean applicationCursorKeys) {
        KeyCode code = event.getCode();
        int modifiers = modifierParameter(event);
        switch (code) {
            case ENTER:
                return "\r";
            case BACK_SPACE:
                // xterm and the Linux console send DEL for Backspace; Ctrl+Backspace sends BS.
                return event.isControlDown() ? "\b" : "\177";
            case TAB:
                return event.isShiftDown() ? ESC + "[Z" : "\t";
            case ESCAPE:
                return ESC;
            case UP:
                return cursorKey('A', modifiers, applicationCursorKeys);
            case DOWN:
                return cursorKey('B', modifiers, applicationCursorKeys);
            case RIGHT:
                return cursorKey('C', modifiers, applicationCursorKeys);
            case LEFT:
                return cursorKey('D', modifiers, applicationCursorKeys);
            case HOME:
                return cursorKey('H', modifiers, applicationCursorKeys);
            case END:
                return cursorKey('F', modifiers, applicationCursorKeys);
            case INSERT:
                return tildeKey(2, modifiers);
            case DELETE:
                return tildeKey(3, modifiers);
            case PAGE_UP:
                return tildeKey(5, modifiers);
            case PAGE_DOWN:
                return tildeKey(6, modifiers);
            case F1:
                return functionKey('P', modifiers);
            case F2:
                return functionKey('Q', modifiers);
            case F3:
                return functionKey('R', modifiers);
            case F4:
                return functionKey('S', modifiers);
            case F5:
                return tildeKey(15, modifiers);
            case F6:
                return tildeKey(17, modifiers);
            case F7:
                return tildeKey(18, modifiers);
            case F8:
                return tildeKey(19, modifiers);
            case F9:
                return tildeKey(20, modifiers);
            case F10:
                return tildeKey(21, modifiers);
            case F11:
                return tildeKey(23, modifiers);
            case F12:
                return tildeKey(24, modifiers);
            default:
                return event.isControlDown() && !event.isAltDown() ? controlCharacter(code) : null;
        }
    }

    /**
     * Returns Ctrl+key as its C0 control: Ctrl+A is 0x01 ... Ctrl+Z is 0x1a, and Ctrl+@,
     * [, \, ], ^ and _ are 0x00 and 0x1b-0x1f as on a VT100 keyboard.
     */
    private static String controlCharacter(KeyCode code) {
        if (code.isLetterKey()) {
            return String.valueOf((char) (code.getChar().charAt(0) - 'A' + 1));
        }
        return switch (code) {
            case SPACE, AT, DIGIT2 -> "\0";
            case OPEN_BRACKET, DIGIT3 -> ESC;
            case BACK_SLASH, DIGIT4 -> "\034";
            case CLOSE_BRACKET, DIGIT5 -> "\035";
            case CIRCUMFLEX, DIGIT6 -> "\036";
            case UNDERSCORE, MINUS, DIGIT7 -> "\037";
            case DIGIT8 -> "\177";
            default -> null;
        };
    }

    /**
     * Returns xterm's modifier parameter: 1 plus Shift 1, Alt 2, Ctrl 4; 1 means none, and then the
     * sequences carry no parameter.
     */
    private static int modifierParameter(KeyEvent event) {
        int parameter = 1;
        if (event.isShiftDown()) {
            parameter += 1;
        }
        if (event.isAltDown()) {
            parameter += 2;
        }
        if (event.isControlDown()) {
            parameter += 4;
        }
        return parameter;
    }

    /** Returns an arrow, Home or End key: CSI x, or SS3 x in application cursor mode, or CSI 1;m x with modifiers. */
    private static String cursorKey(char finalByte, int modifiers, boolean applicationCursorKeys) {
        if (modifiers > 1) {
            return ESC + "[1;" + modifiers + finalByte;
        }
        return ESC + (applicationCursorKeys ? "O" : "[") + finalByte;
    }

    private static String functionKey(char finalByte, int modifiers) {
        return modifiers > 1 ? ESC + "[1;" + modifiers + finalByte : ESC + "O" + finalByte;
    }

    private static String tildeKey(int number, int modifiers) {
        return modifiers > 1 ? ESC + "[" + number + ";" + modifiers + "~" : ESC + "[" + number + "~";
    }
}
