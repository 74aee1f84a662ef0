package dev.bantubox.gui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Replays what busybox 1.35 (Debian's busybox-static) printed under an 80x24 pseudo-terminal, recorded
 * by scripts/record-terminal-captures.py, and checks that the screen shows what a user saw.
 */
class BusyboxCapturesTest {
    private static final String CAPTURES = "/dev/bantubox/gui/terminal/captures/";

    private final List<String> replies = new ArrayList<>();
    private final TerminalScreen screen = new TerminalScreen(80, 24);
    private final TerminalEmulator emulator = new TerminalEmulator(screen,
            bytes -> replies.add(new String(bytes, StandardCharsets.US_ASCII)));

    static byte[] capture(String step) {
        try (InputStream in = BusyboxCapturesTest.class.getResourceAsStream(CAPTURES + step)) {
            if (in == null) {
                throw new IllegalStateException("capture " + CAPTURES + step
                        + " is missing: record it with scripts/record-terminal-captures.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void replay(String step) {
        byte[] output = capture(step);
        emulator.process(output, 0, output.length);
    }

    private String row(int row) {
        return screen.line(row).text();
    }

    @Test
    void shellShowsBannerPromptAndEcho() {
        replay("sh/00-start.out");

        assertThat(row(2)).startsWith("BusyBox v1.35.0");
        assertThat(row(5)).isEqualTo("/ #");
        assertThat(screen.cursorColumn()).as("cursor after the prompt's space").isEqualTo(4);
        assertThat(replies).as("the line editor asks for the cursor position").containsExactly("\033[6;5R");

        replay("sh/01-echo.out");

        assertThat(row(5)).isEqualTo("/ # echo hello terminal");
        assertThat(row(6)).isEqualTo("hello terminal");
        assertThat(row(7)).isEqualTo("/ #");
        assertThat(replies).last().isEqualTo("\033[8;5R");
    }

    @Test
    void shellLineEditingRedrawsLine() {
        replay("sh/00-start.out");
        replay("sh/01-echo.out");

        replay("sh/02-edit.out");
        assertThat(row(7)).as("X inserted two places from the end").isEqualTo("/ # echo aXbc");
        assertThat(row(8)).isEqualTo("aXbc");

        replay("sh/03-history.out");
        assertThat(row(9)).as("up arrow recalls the last command").isEqualTo("/ # echo aXbc");
        assertThat(screen.cursorColumn()).isEqualTo(13);

        replay("sh/04-run-again.out");
        assertThat(row(10)).isEqualTo("aXbc");
        assertThat(row(11)).isEqualTo("/ #");
    }

    @Test
    void topOnceShowsHeaderAndProcess() {
        replay("top-once/00-run.out");

        assertThat(row(0)).startsWith("Mem: ").contains(" used, ", " free");
        assertThat(row(1)).startsWith("CPU: ").contains("% idle");
        assertThat(row(2)).startsWith("Load average: ");
        assertThat(row(3)).isEqualTo("  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND");
        assertThat(CellStyle.has(screen.line(3).style(0), CellStyle.REVERSE)).as("column header in reverse video").isTrue();
        assertThat(CellStyle.has(screen.line(4).style(0), CellStyle.REVERSE)).as("reverse ends after the header").isFalse();
        assertThat(row(4)).matches("\\s+1\\s+0 root\\s+R\\s+\\d+\\s+\\d+%\\s+\\d+% /bin/busybox top -n 1");
    }

    @Test
    void topRefreshRedrawsScreen() {
        replay("top/00-start.out");
        String first = screen.text();

        replay("top/01-refresh.out");

        assertThat(screen.text()).isNotEqualTo(first);
        assertThat(screen.text().lines().filter(line -> line.startsWith("Mem: ")).count())
                .as("the refresh draws over the first screen, not below it").isEqualTo(1);
        assertThat(row(3)).isEqualTo("  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND");
        assertThat(row(4)).endsWith("/bin/busybox top -d 1");
    }

    @Test
    void viShowsFileTildesAndStatusLine() {
        replay("vi/00-start.out");

        assertThat(screen.alternateScreenActive()).isTrue();
        assertThat(row(0)).isEqualTo("first line");
        assertThat(row(1)).isEqualTo("second line");
        assertThat(row(2)).isEqualTo("third line");
        for (int row = 3; row < 23; row++) {
            assertThat(row(row)).as("row %d", row).isEqualTo("~");
        }
        assertThat(row(23)).isEqualTo("- notes.txt 1/3 33%");
        assertThat(screen.cursorRow()).isZero();
        assertThat(screen.cursorColumn()).isZero();
    }

    @Test
    void viEditsShowInPlace() {
        replay("vi/00-start.out");

        replay("vi/01-append.out");
        assertThat(row(1)).isEqualTo("second line added");
        assertThat(row(23)).isEqualTo("- notes.txt [Modified] 2/3 66%");
        assertThat(screen.cursorRow()).isEqualTo(1);
        assertThat(screen.cursorColumn()).isEqualTo(16);

        replay("vi/02-delete-line.out");
        assertThat(row(2)).isEqualTo("~");
        assertThat(row(23)).isEqualTo("Delete 1 lines (11 chars) from [D]");

        replay("vi/03-command.out");
        assertThat(row(23)).isEqualTo(":q!");
    }

    @Test
    void viQuitRestoresShellScreen() {
        replay("sh/00-start.out");
        String shell = screen.text();
        int cursorRow = screen.cursorRow();
        int cursorColumn = screen.cursorColumn();

        for (String step : List.of("00-start", "01-append", "02-delete-line", "03-command", "04-quit")) {
            replay("vi/" + step + ".out");
        }

        assertThat(screen.alternateScreenActive()).isFalse();
        assertThat(screen.text()).isEqualTo(shell);
        assertThat(screen.cursorRow()).isEqualTo(cursorRow);
        assertThat(screen.cursorColumn()).isEqualTo(cursorColumn);
    }

    @Test
    void capturesInRandomChunksGiveSameScreen() {
        List<String> steps = List.of("sh/00-start.out", "sh/01-echo.out", "sh/02-edit.out", "vi/00-start.out",
                "vi/01-append.out", "top-once/00-run.out");
        for (String step : steps) {
            replay(step);
        }
        String whole = screen.text();

        TerminalScreen chunkedScreen = new TerminalScreen(80, 24);
        TerminalEmulator chunked = new TerminalEmulator(chunkedScreen, bytes -> { });
        Random random = new Random(7);
        for (String step : steps) {
            byte[] output = capture(step);
            int offset = 0;
            while (offset < output.length) {
                int length = Math.min(output.length - offset, 1 + random.nextInt(7));
                chunked.process(output, offset, length);
                offset += length;
            }
        }

        assertThat(chunkedScreen.text()).isEqualTo(whole);
    }
}
