package dev.bantubox.gui.terminal;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a program's output, UTF-8 text with VT100/xterm control sequences, and applies it to a
 * {@link TerminalScreen}. The parser keeps its state between calls, so a sequence or a character split
 * across two reads is handled whole. Sequences it does not implement are consumed without printing.
 * Replies to queries (cursor position, device attributes) go to the reply consumer.
 *
 * <p>Not thread-safe: the view guards it with the same lock as the screen.
 */
final class TerminalEmulator {
    /** The reply to primary device attributes (CSI c): a VT100 with the advanced video option. */
    static final String DEVICE_ATTRIBUTES = "\033[?1;2c";
    /** The reply to secondary device attributes (CSI > c): a VT220, firmware 10, no ROM cartridge. */
    static final String SECONDARY_DEVICE_ATTRIBUTES = "\033[>1;10;0c";

    private static final int ESC = 0x1b;
    private static final int MAX_PARAMETERS = 32;
    private static final int MAX_PARAMETER_VALUE = 65535;
    private static final int MAX_OSC_LENGTH = 4096;

    private enum State {
        GROUND, ESCAPE, ESCAPE_INTERMEDIATE, CSI, CSI_IGNORE, OSC, OSC_ESCAPE, IGNORED_STRING, IGNORED_STRING_ESCAPE
    }

    private final TerminalScreen screen;
    private final Consumer<byte[]> replies;
    private final Utf8Decoder utf8 = new Utf8Decoder();

    private State state = State.GROUND;
    private final int[] parameters = new int[MAX_PARAMETERS];
    private int parameterCount;
    private boolean parameterStarted;
    private int privateMarker;
    private int intermediate;
    private final StringBuilder osc = new StringBuilder();
    private int lastPrinted = ' ';

    TerminalEmulator(TerminalScreen screen, Consumer<byte[]> replies) {
        this.screen = screen;
        this.replies = replies;
    }

    TerminalScreen screen() {
        return screen;
    }

    /** Applies length bytes of program output from offset on. */
    void process(byte[] bytes, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            int codePoint = utf8.decode(bytes[i]);
            if (codePoint != Utf8Decoder.NEED_MORE) {
                consume(codePoint);
                int heldBack = utf8.takePending();
                if (heldBack != Utf8Decoder.NEED_MORE) {
                    consume(heldBack);
                }
            }
        }
    }

    /** Applies text as if the program had written it in UTF-8. */
    void process(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        process(bytes, 0, bytes.length);
    }

    private void consume(int codePoint) {
        if (codePoint == 0x18 || codePoint == 0x1a) {
            // CAN and SUB cancel any sequence in progress.
            state = State.GROUND;
            return;
        }
        switch (state) {
            case GROUND -> ground(codePoint);
            case ESCAPE -> escape(codePoint);
            case ESCAPE_INTERMEDIATE -> escapeIntermediate(codePoint);
            case CSI -> csi(codePoint);
            case CSI_IGNORE -> csiIgnore(codePoint);
            case OSC -> osc(codePoint);
            case OSC_ESCAPE -> oscEscape(codePoint);
            case IGNORED_STRING -> ignoredString(codePoint);
            case IGNORED_STRING_ESCAPE -> ignoredStringEscape(codePoint);
        }
    }

    // ---- States

    private void ground(int codePoint) {
        if (codePoint < 0x20) {
            control(codePoint);
        } else if (codePoint == 0x7f || (codePoint >= 0x80 && codePoint < 0xa0)) {
            // DEL and the C1 controls print nothing; 8-bit C1 sequences are not used over UTF-8.
            return;
        } else {
            screen.print(codePoint);
            lastPrinted = codePoint;
        }
    }

    /** Executes a C0 control, which acts the same inside an escape or control sequence. */
    private void control(int codePoint) {
        switch (codePoint) {
            case 0x07 -> {
                // BEL: the view shows no bell.
            }
            case 0x08 -> screen.backspace();
            case 0x09 -> screen.tab(1);
            case 0x0a, 0x0b, 0x0c -> screen.index();
            case 0x0d -> screen.carriageReturn();
            case ESC -> enterEscape();
            default -> {
                // NUL, SO, SI and the other C0 codes change nothing on this terminal.
            }
        }
    }

    private void enterEscape() {
        state = State.ESCAPE;
        intermediate = 0;
    }

    private void escape(int codePoint) {
        if (codePoint < 0x20) {
            control(codePoint);
            return;
        }
        state = State.GROUND;
        switch (codePoint) {
            case '[' -> enterCsi();
            case ']' -> {
                osc.setLength(0);
                state = State.OSC;
            }
            case 'P', 'X', '^', '_' -> state = State.IGNORED_STRING;
            case '7' -> screen.saveCursor();
            case '8' -> screen.restoreCursor();
            case 'D' -> screen.index();
            case 'E' -> screen.nextLine();
            case 'M' -> screen.reverseIndex();
            case 'H' -> screen.setTabStop();
            case 'c' -> screen.reset();
            default -> {
                if (codePoint >= 0x20 && codePoint <= 0x2f) {
                    intermediate = codePoint;
                    state = State.ESCAPE_INTERMEDIATE;
                }
                // Others, such as ESC = and ESC > (keypad modes), need nothing from this terminal.
            }
        }
    }

    /** Finishes ESC I F sequences: character set designations and DEC screen alignment. */
    private void escapeIntermediate(int codePoint) {
        if (codePoint < 0x20) {
            control(codePoint);
            return;
        }
        if (codePoint <= 0x2f) {
            return;
        }
        state = State.GROUND;
        if (intermediate == '(') {
            // G0 is the only set shown; G1-G3 (ESC ) * +) and shifting between them are ignored.
            screen.setLineDrawing(codePoint == '0');
        } else if (intermediate == '#' && codePoint == '8') {
            screen.fillWithE();
        }
    }

    private void enterCsi() {
        state = State.CSI;
        parameterCount = 0;
        parameterStarted = false;
        privateMarker = 0;
        intermediate = 0;
        parameters[0] = 0;
    }

    private void csi(int codePoint) {
        if (codePoint < 0x20) {
            control(codePoint);
        } else if (codePoint >= '0' && codePoint <= '9') {
            if (!parameterStarted) {
                parameterStarted = true;
                parameters[parameterCount] = 0;
            }
            int value = parameters[parameterCount] * 10 + (codePoint - '0');
            parameters[parameterCount] = Math.min(value, MAX_PARAMETER_VALUE);
        } else if (codePoint == ';' || codePoint == ':') {
            // NOTE: colon sub-parameters (38:2::r:g:b) are read as if they were separate parameters.
            nextParameter();
        } else if (codePoint >= '<' && codePoint <= '?') {
            if (parameterCount == 0 && !parameterStarted && privateMarker == 0) {
                privateMarker = codePoint;
            } else {
                state = State.CSI_IGNORE;
            }
        } else if (codePoint >= 0x20 && codePoint <= 0x2f) {
            intermediate = codePoint;
        } else if (codePoint >= 0x40 && codePoint <= 0x7e) {
            if (parameterStarted || parameterCount > 0) {
                nextParameter();
            }
            state = State.GROUND;
            dispatchCsi(codePoint);
        } else {
            state = State.CSI_IGNORE;
        }
    }

    private void nextParameter() {
        if (!parameterStarted) {
            parameters[parameterCount] = 0;
        }
        if (parameterCount < MAX_PARAMETERS - 1) {
            parameterCount++;
        }
        parameters[parameterCount] = 0;
        parameterStarted = false;
    }

    private void csiIgnore(int codePoint) {
        if (codePoint < 0x20) {
            control(codePoint);
        } else if (codePoint >= 0x40 && codePoint <= 0x7e) {
            state = State.GROUND;
        }
    }

    private void osc(int codePoint) {
        if (codePoint == 0x07) {
            state = State.GROUND;
            dispatchOsc();
        } else if (codePoint == ESC) {
            state = State.OSC_ESCAPE;
        } else if (codePoint == 0x9c) {
            state = State.GROUND;
            dispatchOsc();
        } else if (codePoint >= 0x20 && osc.length() < MAX_OSC_LENGTH) {
            osc.appendCodePoint(codePoint);
        }
    }

    private void oscEscape(int codePoint) {
        if (codePoint == '\\') {
            state = State.GROUND;
            dispatchOsc();
        } else {
            // An unterminated string followed by a new sequence: drop the string, start the sequence.
            enterEscape();
            escape(codePoint);
        }
    }

    private void ignoredString(int codePoint) {
        if (codePoint == ESC) {
            state = State.IGNORED_STRING_ESCAPE;
        } else if (codePoint == 0x9c) {
            state = State.GROUND;
        }
    }

    private void ignoredStringEscape(int codePoint) {
        if (codePoint == '\\') {
            state = State.GROUND;
        } else {
            enterEscape();
            escape(codePoint);
        }
    }

    // ---- Dispatch

    private void dispatchOsc() {
        int separator = osc.indexOf(";");
        String command = separator < 0 ? osc.toString() : osc.substring(0, separator);
        String text = separator < 0 ? "" : osc.substring(separator + 1);
        if (command.equals("0") || command.equals("2")) {
            screen.setTitle(text);
        }
        // Others (1 icon name, 4 palette, 7 working directory, 8 hyperlinks, 52 clipboard) are ignored.
    }

    private void dispatchCsi(int finalByte) {
        if (privateMarker == '?') {
            dispatchPrivateCsi(finalByte);
            return;
        }
        if (privateMarker == '>') {
            if (finalByte == 'c' && intermediate == 0) {
                reply(SECONDARY_DEVICE_ATTRIBUTES);
            }
            return;
        }
        if (privateMarker != 0) {
            return;
        }
        if (intermediate != 0) {
            if (intermediate == '!' && finalByte == 'p') {
                softReset();
            }
            // Others, such as CSI SP q (cursor shape), are ignored.
            return;
        }
        switch (finalByte) {
            case '@' -> screen.insertCharacters(count(0));
            case 'A' -> screen.cursorUp(count(0));
            case 'B', 'e' -> screen.cursorDown(count(0));
            case 'C', 'a' -> screen.cursorForward(count(0));
            case 'D' -> screen.cursorBackward(count(0));
            case 'E' -> {
                screen.cursorDown(count(0));
                screen.carriageReturn();
            }
            case 'F' -> {
                screen.cursorUp(count(0));
                screen.carriageReturn();
            }
            case 'G', '`' -> screen.moveCursorToColumn(count(0) - 1);
            case 'H', 'f' -> screen.moveCursorTo(count(0) - 1, count(1) - 1);
            case 'I' -> screen.tab(count(0));
            case 'Z' -> screen.backTab(count(0));
            case 'J' -> screen.eraseInDisplay(parameter(0, 0));
            case 'K' -> screen.eraseInLine(parameter(0, 0));
            case 'L' -> screen.insertLines(count(0));
            case 'M' -> screen.deleteLines(count(0));
            case 'P' -> screen.deleteCharacters(count(0));
            case 'S' -> screen.scrollUp(count(0));
            case 'T' -> {
                // With more than one parameter this is xterm's mouse highlight tracking, not a scroll.
                if (parameterCount <= 1) {
                    screen.scrollDown(count(0));
                }
            }
            case 'X' -> screen.eraseCharacters(count(0));
            case 'b' -> repeatLastPrinted(count(0));
            case 'c' -> {
                if (parameter(0, 0) == 0) {
                    reply(DEVICE_ATTRIBUTES);
                }
            }
            case 'd' -> screen.moveCursorToRow(count(0) - 1);
            case 'g' -> screen.clearTabStop(parameter(0, 0) == 3);
            case 'h', 'l' -> setAnsiModes(finalByte == 'h');
            case 'm' -> screen.setStyle(SelectGraphicRendition.apply(screen.style(), parameters, parameterCount));
            case 'n' -> deviceStatusReport(false);
            case 'r' -> screen.setScrollRegion(count(0) - 1, parameter(1, screen.rows()) - 1);
            case 's' -> screen.saveCursor();
            case 'u' -> screen.restoreCursor();
            default -> {
                // Unimplemented: window operations (t), mode queries, printing (i) and the rest.
            }
        }
    }

    private void dispatchPrivateCsi(int finalByte) {
        if (intermediate != 0) {
            return;
        }
        switch (finalByte) {
            case 'h', 'l' -> {
                boolean set = finalByte == 'h';
                for (int i = 0; i < Math.max(1, parameterCount); i++) {
                    setDecMode(parameters[i], set);
                }
            }
            case 'n' -> deviceStatusReport(true);
            default -> {
                // Save and restore of DEC modes (CSI ? s / r) and mode queries are not implemented.
            }
        }
    }

    private void setAnsiModes(boolean set) {
        for (int i = 0; i < parameterCount; i++) {
            if (parameters[i] == 4) {
                screen.setInsertMode(set);
            }
        }
    }

    private void setDecMode(int mode, boolean set) {
        switch (mode) {
            case 1 -> screen.setApplicationCursorKeys(set);
            case 6 -> screen.setOriginMode(set);
            case 7 -> screen.setAutowrap(set);
            case 25 -> screen.setCursorVisible(set);
            case 47 -> screen.useAlternateScreen(set, false, false);
            case 1047 -> screen.useAlternateScreen(set, !set, false);
            case 1048 -> {
                if (set) {
                    screen.saveCursor();
                } else {
                    screen.restoreCursor();
                }
            }
            case 1049 -> screen.useAlternateScreen(set, set, true);
            case 2004 -> screen.setBracketedPaste(set);
            default -> {
                // Mouse reporting (1000-1006), focus events (1004), cursor blink (12) and others are
                // accepted and ignored.
            }
        }
    }

    private void deviceStatusReport(boolean decPrivate) {
        int request = parameter(0, 0);
        if (request == 5 && !decPrivate) {
            reply("\033[0n");
        } else if (request == 6) {
            String position = (screen.reportedCursorRow() + 1) + ";" + (screen.cursorColumn() + 1);
            reply(decPrivate ? "\033[?" + position + "R" : "\033[" + position + "R");
        }
    }

    private void softReset() {
        screen.setCursorVisible(true);
        screen.setOriginMode(false);
        screen.setAutowrap(true);
        screen.setInsertMode(false);
        screen.setApplicationCursorKeys(false);
        screen.setStyle(CellStyle.PLAIN);
        screen.setLineDrawing(false);
        screen.setScrollRegion(0, screen.rows() - 1);
    }

    private void repeatLastPrinted(int count) {
        int times = Math.min(count, screen.columns() * screen.rows());
        for (int i = 0; i < times; i++) {
            screen.print(lastPrinted);
        }
    }

    private void reply(String message) {
        replies.accept(message.getBytes(StandardCharsets.US_ASCII));
    }

    /** Returns parameter index, or fallback when it is missing or 0. */
    private int parameter(int index, int fallback) {
        if (index >= parameterCount || parameters[index] == 0) {
            return fallback;
        }
        return parameters[index];
    }

    /** Returns parameter index as a count or position, which is at least 1. */
    private int count(int index) {
        return parameter(index, 1);
    }
}
