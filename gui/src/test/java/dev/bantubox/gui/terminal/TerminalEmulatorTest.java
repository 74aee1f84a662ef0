package dev.bantubox.gui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The emulator on byte sequences, without JavaFX: what the screen contains after a program's output. */
class TerminalEmulatorTest {
    private final List<String> replies = new ArrayList<>();
    private TerminalScreen screen = new TerminalScreen(20, 5);
    private TerminalEmulator emulator = new TerminalEmulator(screen,
            bytes -> replies.add(new String(bytes, StandardCharsets.US_ASCII)));

    private void feed(String output) {
        emulator.process(output);
    }

    private void resize(int columns, int rows) {
        screen = new TerminalScreen(columns, rows);
        emulator = new TerminalEmulator(screen, bytes -> replies.add(new String(bytes, StandardCharsets.US_ASCII)));
    }

    private String row(int row) {
        return screen.line(row).text();
    }

    private void assertCursor(int row, int column) {
        assertThat(screen.cursorRow()).as("cursor row").isEqualTo(row);
        assertThat(screen.cursorColumn()).as("cursor column").isEqualTo(column);
    }

    @Test
    void textWithCrLfFillsLines() {
        feed("one\r\ntwo\r\nthree");

        assertThat(screen.text()).isEqualTo("one\ntwo\nthree\n\n");
        assertCursor(2, 5);
    }

    @Test
    void lineFeedKeepsColumn() {
        feed("ab\ncd");

        assertThat(row(0)).isEqualTo("ab");
        assertThat(row(1)).isEqualTo("  cd");
    }

    @Test
    void backspaceAndTabMoveCursor() {
        feed("abc\b\bX\tY");

        assertThat(row(0)).isEqualTo("aXc     Y");
        assertCursor(0, 9);
    }

    @Test
    void tabStopsEveryEighthColumn() {
        feed("\t\t\t\tZ");

        assertThat(row(0)).isEqualTo("                   Z");
    }

    @Test
    void cursorPositionMovesAbsolutelyAndRelatively() {
        feed("\033[3;5HA");
        assertCursor(2, 5);
        assertThat(row(2)).isEqualTo("    A");

        feed("\033[2AB\033[CC\033[3DD\033[BE");
        assertThat(row(0)).isEqualTo("     D C");
        assertThat(row(1)).isEqualTo("      E");

        feed("\033[10G!\033[4d?\033[H*");
        assertThat(row(1)).isEqualTo("      E  !");
        assertThat(row(3)).isEqualTo("          ?");
        assertThat(row(0)).startsWith("*");
    }

    @Test
    void nextAndPreviousLineGoToColumnOne() {
        feed("\033[3;5H\033[EX\033[2FY");

        assertThat(row(3)).isEqualTo("X");
        assertThat(row(1)).isEqualTo("Y");
    }

    @Test
    void cursorMovesStopAtScreenEdges() {
        feed("\033[99;99H");
        assertCursor(4, 19);

        feed("\033[99A\033[99D");
        assertCursor(0, 0);
    }

    @Test
    void eraseInLineModes() {
        feed("abcdefgh\r\033[3C\033[K");
        assertThat(row(0)).isEqualTo("abc");

        feed("\r\nabcdefgh\r\033[3C\033[1K");
        assertThat(row(1)).isEqualTo("    efgh");

        feed("\r\nabcdefgh\033[2K");
        assertThat(row(2)).isEmpty();
    }

    @Test
    void eraseInDisplayModes() {
        feed("11111\r\n22222\r\n33333\r\n44444\033[2;3H\033[J");
        assertThat(screen.text()).isEqualTo("11111\n22\n\n\n");

        feed("\033[H\033[2J");
        assertThat(screen.text()).isEqualTo("\n\n\n\n");
        assertCursor(0, 0);

        feed("11111\r\n22222\r\n33333\033[2;3H\033[1J");
        assertThat(screen.text()).isEqualTo("\n   22\n33333\n\n");
    }

    @Test
    void eraseUsesCurrentBackground() {
        feed("\033[44m\033[2K\033[0m");

        long style = screen.line(0).style(10);
        assertThat(CellStyle.background(style)).isEqualTo(CellStyle.palette(4));
    }

    @Test
    void insertAndDeleteCharacters() {
        feed("abcdef\033[1;3H\033[2@");
        assertThat(row(0)).isEqualTo("ab  cdef");

        feed("\033[3P");
        assertThat(row(0)).isEqualTo("abdef");

        feed("\033[2X");
        assertThat(row(0)).isEqualTo("ab  f");
        assertCursor(0, 2);
    }

    @Test
    void insertLinesWithinScrollRegion() {
        feed("r1\r\nr2\r\nr3\r\nr4\r\nr5");
        feed("\033[2;4r\033[2;1H\033[L");

        assertThat(screen.text()).isEqualTo("r1\n\nr2\nr3\nr5");
    }

    @Test
    void deleteLinesWithinScrollRegion() {
        feed("r1\r\nr2\r\nr3\r\nr4\r\nr5");
        feed("\033[2;4r\033[2;1H\033[2M");

        assertThat(screen.text()).isEqualTo("r1\nr4\n\n\nr5");
    }

    @Test
    void insertLinesOutsideScrollRegionDoNothing() {
        feed("r1\r\nr2\r\nr3\r\nr4\r\nr5");
        feed("\033[2;4r\033[5;1H\033[L");

        assertThat(screen.text()).isEqualTo("r1\nr2\nr3\nr4\nr5");
    }

    @Test
    void lineFeedAtRegionBottomScrollsOnlyRegion() {
        feed("r1\r\nr2\r\nr3\r\nr4\r\nr5");
        feed("\033[2;4r\033[4;1H\nnew");

        assertThat(screen.text()).isEqualTo("r1\nr3\nr4\nnew\nr5");
        assertThat(screen.scrollbackSize()).as("a region not at the top keeps no scrollback").isZero();
    }

    @Test
    void reverseIndexAtTopScrollsDown() {
        feed("r1\r\nr2\r\nr3\033[H\033Mtop");

        assertThat(screen.text()).isEqualTo("top\nr1\nr2\nr3\n");
    }

    @Test
    void scrollUpAndDownSequences() {
        feed("r1\r\nr2\r\nr3\r\nr4\r\nr5\033[2S");
        assertThat(screen.text()).isEqualTo("r3\nr4\nr5\n\n");

        feed("\033[T");
        assertThat(screen.text()).isEqualTo("\nr3\nr4\nr5\n");
    }

    @Test
    void indexAndNextLineEscapes() {
        feed("ab\033Dc\033Ed");

        assertThat(row(0)).isEqualTo("ab");
        assertThat(row(1)).isEqualTo("  c");
        assertThat(row(2)).isEqualTo("d");
    }

    @Test
    void scrolledOffLinesEnterScrollback() {
        for (int i = 1; i <= 8; i++) {
            feed("line " + i + "\r\n");
        }

        assertThat(screen.scrollbackSize()).isEqualTo(4);
        assertThat(screen.scrollbackLine(0).text()).isEqualTo("line 1");
        assertThat(screen.scrollbackLine(3).text()).isEqualTo("line 4");
        assertThat(row(0)).isEqualTo("line 5");
    }

    @Test
    void scrollbackKeepsAtMostLimit() {
        for (int i = 0; i < TerminalScreen.SCROLLBACK_LINES + 50; i++) {
            feed("line " + i + "\r\n");
        }

        assertThat(screen.scrollbackSize()).isEqualTo(TerminalScreen.SCROLLBACK_LINES);
        assertThat(screen.scrollbackLine(0).text()).isEqualTo("line 46");
    }

    @Test
    void sgrSetsColoursAndAttributes() {
        feed("\033[1;4;31;42mA\033[0mB\033[7;94;105mC\033[39;49;27mD\033[22m");

        long a = screen.line(0).style(0);
        assertThat(CellStyle.has(a, CellStyle.BOLD)).isTrue();
        assertThat(CellStyle.has(a, CellStyle.UNDERLINE)).isTrue();
        assertThat(CellStyle.foreground(a)).isEqualTo(CellStyle.palette(1));
        assertThat(CellStyle.background(a)).isEqualTo(CellStyle.palette(2));

        assertThat(screen.line(0).style(1)).isEqualTo(CellStyle.PLAIN);

        long c = screen.line(0).style(2);
        assertThat(CellStyle.has(c, CellStyle.REVERSE)).isTrue();
        assertThat(CellStyle.foreground(c)).isEqualTo(CellStyle.palette(12));
        assertThat(CellStyle.background(c)).isEqualTo(CellStyle.palette(13));

        assertThat(screen.line(0).style(3)).isEqualTo(CellStyle.PLAIN);
    }

    @Test
    void sgrExtendedColours() {
        feed("\033[38;5;208;48;2;10;20;30mX\033[38;2;1;2;3;1mY");

        long x = screen.line(0).style(0);
        assertThat(CellStyle.foreground(x)).isEqualTo(CellStyle.palette(208));
        assertThat(CellStyle.background(x)).isEqualTo(CellStyle.rgb(10, 20, 30));
        long y = screen.line(0).style(1);
        assertThat(CellStyle.foreground(y)).isEqualTo(CellStyle.rgb(1, 2, 3));
        assertThat(CellStyle.has(y, CellStyle.BOLD)).as("the parameter after the colour still applies").isTrue();
    }

    @Test
    void sgrDimAndBlinkAndNormalIntensity() {
        feed("\033[2;5mA\033[22mB");

        assertThat(CellStyle.has(screen.line(0).style(0), CellStyle.DIM)).isTrue();
        assertThat(screen.line(0).style(1)).as("blink is ignored, 22 ends dim").isEqualTo(CellStyle.PLAIN);
    }

    @Test
    void alternateScreen1049RestoresMainScreenAndCursor() {
        feed("main text\r\nprompt$ ");

        feed("\033[?1049h");
        assertThat(screen.alternateScreenActive()).isTrue();
        assertThat(screen.text()).as("alternate screen starts blank").isEqualTo("\n\n\n\n");
        feed("\033[H~\r\n~\033[5;1Hstatus");
        assertThat(row(4)).isEqualTo("status");

        feed("\033[?1049l");
        assertThat(screen.alternateScreenActive()).isFalse();
        assertThat(screen.text()).isEqualTo("main text\nprompt$\n\n\n");
        assertCursor(1, 8);
    }

    @Test
    void alternateScreen47KeepsItsContent() {
        feed("main");
        feed("\033[?47halt\033[?47l");
        assertThat(row(0)).isEqualTo("main");

        feed("\033[?47h");
        assertThat(row(0)).as("mode 47 does not clear").isEqualTo("    alt");
    }

    @Test
    void alternateScreen1047ClearsOnLeave() {
        feed("\033[?1047halt\033[?1047l\033[?47h");

        assertThat(row(0)).isEmpty();
    }

    @Test
    void alternateScreenKeepsNoScrollback() {
        feed("\033[?1049h");
        for (int i = 0; i < 10; i++) {
            feed("x\r\n");
        }

        assertThat(screen.scrollbackSize()).isZero();
    }

    @Test
    void wrapIsDeferredAtRightMargin() {
        resize(5, 3);
        feed("abcde");
        assertCursor(0, 4);

        feed("\r\n");
        assertThat(screen.text()).as("a full line then CR LF leaves no blank line").isEqualTo("abcde\n\n");
        assertCursor(1, 0);
    }

    @Test
    void wrapHappensOnNextPrintable() {
        resize(5, 3);
        feed("abcdefg");

        assertThat(screen.text()).isEqualTo("abcde\nfg\n");
        assertThat(screen.line(0).wrapped()).isTrue();
        assertCursor(1, 2);
    }

    @Test
    void cursorMoveCancelsPendingWrap() {
        resize(5, 3);
        feed("abcde\033[DX");

        assertThat(screen.text()).isEqualTo("abcXe\n\n");
    }

    @Test
    void autowrapOffOverwritesLastColumn() {
        resize(5, 3);
        feed("\033[?7labcdefg");

        assertThat(screen.text()).isEqualTo("abcdg\n\n");

        feed("\033[?7h\r\n12345678");
        assertThat(row(2)).isEqualTo("678");
    }

    @Test
    void utf8SplitAcrossFeeds() {
        byte[] text = "é€😀".getBytes(StandardCharsets.UTF_8);
        for (byte b : text) {
            emulator.process(new byte[] {b}, 0, 1);
        }

        assertThat(row(0)).isEqualTo("é€😀");
    }

    @Test
    void malformedUtf8ShowsReplacementAndKeepsNextByte() {
        emulator.process(new byte[] {(byte) 0xe2, (byte) 0x82, 'A', (byte) 0xff, 'B'}, 0, 5);

        assertThat(row(0)).isEqualTo("\uFFFDA\uFFFDB");
    }

    @Test
    void escapeSequencesSplitAcrossFeeds() {
        byte[] output = "\033[1;31mred\033[0m \033]0;a title\007\033[2;3Hx".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < output.length; i++) {
            emulator.process(output, i, 1);
        }

        assertThat(row(0)).isEqualTo("red");
        assertThat(CellStyle.foreground(screen.line(0).style(0))).isEqualTo(CellStyle.palette(1));
        assertThat(screen.title()).isEqualTo("a title");
        assertThat(row(1)).isEqualTo("  x");
    }

    @Test
    void cursorPositionReportReplies() {
        feed("\033[3;7H\033[6n");

        assertThat(replies).containsExactly("\033[3;7R");
    }

    @Test
    void cursorReportAfterFullLine() {
        feed("\033[1;18Habc\033[6n");

        assertThat(replies).containsExactly("\033[1;20R");
    }

    @Test
    void cursorReportInOriginMode() {
        feed("\033[2;4r\033[?6h\033[2;2H\033[6n\033[?6n");

        assertCursor(2, 1);
        assertThat(replies).containsExactly("\033[2;2R", "\033[?2;2R");
    }

    @Test
    void deviceAttributesAndStatusReply() {
        feed("\033[c\033[0c\033[>c\033[5n");

        assertThat(replies).containsExactly(TerminalEmulator.DEVICE_ATTRIBUTES, TerminalEmulator.DEVICE_ATTRIBUTES,
                TerminalEmulator.SECONDARY_DEVICE_ATTRIBUTES, "\033[0n");
    }

    @Test
    void titleFromOscEndingInBelOrSt() {
        feed("\033]2;first\007");
        assertThat(screen.title()).isEqualTo("first");

        feed("\033]0;second – ünïcode\033\\");
        assertThat(screen.title()).isEqualTo("second – ünïcode");

        feed("\033]1;icon only\007");
        assertThat(screen.title()).isEqualTo("second – ünïcode");
        assertThat(row(0)).isEmpty();
    }

    @Test
    void unknownSequencesPrintNothing() {
        feed("a\033[?1000h\033[>4;1m\033[5 q\033[18t\033P1$r0m\033\\\033^private\033\\\033_app\033\\"
                + "\033[?2004h\033[?12l\033=\033>\033#3\033[<1;2Mb");

        assertThat(row(0)).isEqualTo("ab");
        assertThat(replies).isEmpty();
    }

    @Test
    void charsetDesignationsPrintNothing() {
        feed("\033(B\033)0\033%Gok");

        assertThat(row(0)).isEqualTo("ok");
    }

    @Test
    void decLineDrawingMapsToBoxCharacters() {
        feed("\033(0lqqk\033(Bq");

        assertThat(row(0)).isEqualTo("┌──┐q");
    }

    @Test
    void controlsInsideSequenceAreExecuted() {
        feed("abc\033[\r2CX");

        assertThat(row(0)).isEqualTo("abX");
    }

    @Test
    void cancelAbortsSequence() {
        feed("\033[31\030m");

        assertThat(row(0)).isEqualTo("m");
        assertThat(screen.line(0).style(0)).isEqualTo(CellStyle.PLAIN);
    }

    @Test
    void saveAndRestoreCursorWithEscAndCsi() {
        feed("\033[2;3H\033[1m\0337\033[5;5H\033[0m\0338X");

        assertThat(row(1)).isEqualTo("  X");
        assertThat(CellStyle.has(screen.line(1).style(2), CellStyle.BOLD)).as("style restored").isTrue();

        feed("\033[3;4H\033[s\033[H\033[uY");
        assertThat(row(2)).isEqualTo("   Y");
    }

    @Test
    void modesAreTracked() {
        feed("\033[?1h\033[?25l\033[?2004h");
        assertThat(screen.applicationCursorKeys()).isTrue();
        assertThat(screen.cursorVisible()).isFalse();
        assertThat(screen.bracketedPaste()).isTrue();

        feed("\033[?1l\033[?25h\033[?2004l");
        assertThat(screen.applicationCursorKeys()).isFalse();
        assertThat(screen.cursorVisible()).isTrue();
        assertThat(screen.bracketedPaste()).isFalse();
    }

    @Test
    void decsetAcceptsSeveralModesAtOnce() {
        feed("\033[?1;25;2004l\033[?25;1h");

        assertThat(screen.applicationCursorKeys()).isTrue();
        assertThat(screen.cursorVisible()).isTrue();
        assertThat(screen.bracketedPaste()).isFalse();
    }

    @Test
    void fullResetClearsScreenAndModes() {
        feed("text\033[?25l\033[2;3r\033[31m\033[?1049h\033c");

        assertThat(screen.text()).isEqualTo("\n\n\n\n");
        assertThat(screen.alternateScreenActive()).isFalse();
        assertThat(screen.cursorVisible()).isTrue();
        assertThat(screen.scrollTop()).isZero();
        assertThat(screen.scrollBottom()).isEqualTo(4);
        assertThat(screen.style()).isEqualTo(CellStyle.PLAIN);
        assertCursor(0, 0);
    }

    @Test
    void insertModeShiftsText() {
        feed("abc\r\033[4hX\033[4lY");

        assertThat(row(0)).isEqualTo("XYbc");
    }

    @Test
    void repeatLastCharacter() {
        feed("-\033[4b");

        assertThat(row(0)).isEqualTo("-----");
    }

    @Test
    void scrollRegionHomesCursorAndRejectsEmptyRegion() {
        feed("\033[3;3H\033[2;4r");
        assertCursor(0, 0);
        assertThat(screen.scrollTop()).isEqualTo(1);
        assertThat(screen.scrollBottom()).isEqualTo(3);

        feed("\033[4;4r");
        assertThat(screen.scrollTop()).as("a one-line region is ignored").isEqualTo(1);

        feed("\033[r");
        assertThat(screen.scrollTop()).isZero();
        assertThat(screen.scrollBottom()).isEqualTo(4);
    }

    @Test
    void resizeKeepsCursorLineVisible() {
        feed("r1\r\nr2\r\nr3\r\nr4\r\nr5");

        screen.resize(10, 3);

        assertThat(screen.text()).isEqualTo("r3\nr4\nr5");
        assertCursor(2, 2);
        assertThat(screen.scrollbackSize()).isEqualTo(2);
    }

    @Test
    void resizeCutsAndPadsLines() {
        feed("0123456789abcdefghij");

        screen.resize(8, 6);
        assertThat(screen.text()).isEqualTo("01234567\n\n\n\n\n");
        assertCursor(0, 7);

        screen.resize(12, 6);
        feed("\033[1;9HX");
        assertThat(row(0)).isEqualTo("01234567X");
    }

    @Test
    void dirtyRowsTrackChanges() {
        screen.takeDirtyRows();

        feed("\033[3;1Hx");

        assertThat(screen.takeDirtyRows().stream().toArray()).containsExactly(2);
        assertThat(screen.takeDirtyRows().isEmpty()).isTrue();
    }
}
