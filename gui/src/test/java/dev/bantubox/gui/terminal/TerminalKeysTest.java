package dev.bantubox.gui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import org.junit.jupiter.api.Test;

/** Key events to the bytes an xterm sends, checked without a window. */
class TerminalKeysTest {
    private static final int SHIFT = 1;
    private static final int CONTROL = 2;
    private static final int ALT = 4;

    private static KeyEvent pressedEvent(KeyCode code, int modifiers) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, KeyEvent.CHAR_UNDEFINED, "", code, (modifiers & SHIFT) != 0,
                (modifiers & CONTROL) != 0, (modifiers & ALT) != 0, false);
    }

    private static KeyEvent typedEvent(String character, int modifiers) {
        return new KeyEvent(KeyEvent.KEY_TYPED, character, "", KeyCode.UNDEFINED, (modifiers & SHIFT) != 0,
                (modifiers & CONTROL) != 0, (modifiers & ALT) != 0, false);
    }

    private static String pressed(KeyCode code, int modifiers, boolean applicationCursorKeys) {
        byte[] bytes = TerminalKeys.pressed(pressedEvent(code, modifiers), applicationCursorKeys);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String typed(String character, int modifiers) {
        byte[] bytes = TerminalKeys.typed(typedEvent(character, modifiers));
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void arrowsInNormalAndApplicationMode() {
        assertThat(pressed(KeyCode.UP, 0, false)).isEqualTo("\033[A");
        assertThat(pressed(KeyCode.DOWN, 0, false)).isEqualTo("\033[B");
        assertThat(pressed(KeyCode.UP, 0, true)).isEqualTo("\033OA");
        assertThat(pressed(KeyCode.HOME, 0, true)).isEqualTo("\033OH");
        assertThat(pressed(KeyCode.END, 0, false)).isEqualTo("\033[F");
    }

    @Test
    void modifiersGoIntoParameter() {
        assertThat(pressed(KeyCode.RIGHT, CONTROL, false)).isEqualTo("\033[1;5C");
        assertThat(pressed(KeyCode.LEFT, SHIFT, true)).isEqualTo("\033[1;2D");
        assertThat(pressed(KeyCode.DELETE, ALT, false)).isEqualTo("\033[3;3~");
        assertThat(pressed(KeyCode.F1, CONTROL, false)).isEqualTo("\033[1;5P");
    }

    @Test
    void functionKeys() {
        assertThat(pressed(KeyCode.F4, 0, false)).isEqualTo("\033OS");
        assertThat(pressed(KeyCode.F6, 0, false)).isEqualTo("\033[17~");
        assertThat(pressed(KeyCode.F12, 0, false)).isEqualTo("\033[24~");
        assertThat(pressed(KeyCode.PAGE_DOWN, 0, false)).isEqualTo("\033[6~");
    }

    @Test
    void controlKeysGiveC0Codes() {
        assertThat(pressed(KeyCode.A, CONTROL, false)).isEqualTo("\001");
        assertThat(pressed(KeyCode.C, CONTROL, false)).isEqualTo("\003");
        assertThat(pressed(KeyCode.OPEN_BRACKET, CONTROL, false)).isEqualTo("\033");
        assertThat(pressed(KeyCode.SPACE, CONTROL, false)).isEqualTo("\0");
        assertThat(pressed(KeyCode.BACK_SPACE, CONTROL, false)).isEqualTo("\b");
        assertThat(pressed(KeyCode.TAB, SHIFT, false)).isEqualTo("\033[Z");
    }

    @Test
    void printableKeysWaitForTypedEvent() {
        assertThat(pressed(KeyCode.A, 0, false)).isNull();
        assertThat(pressed(KeyCode.A, SHIFT, false)).isNull();
        assertThat(typed("A", SHIFT)).isEqualTo("A");
        assertThat(typed("ß", 0)).isEqualTo("ß");
    }

    @Test
    void typedControlCharactersAreNotSentTwice() {
        assertThat(typed("\r", 0)).isNull();
        assertThat(typed("\003", CONTROL)).isNull();
        assertThat(typed("c", CONTROL)).isNull();
        assertThat(typed("\177", 0)).isNull();
    }

    @Test
    void altLetterIsPrefixedWithEscape() {
        assertThat(typed("b", ALT)).isEqualTo("\033b");
        assertThat(typed("@", ALT)).as("AltGr symbols stay as typed").isEqualTo("@");
        assertThat(typed("€", ALT)).isEqualTo("€");
    }
}
