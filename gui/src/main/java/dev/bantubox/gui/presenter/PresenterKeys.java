package dev.bantubox.gui.presenter;

import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The presentation keys of the projector and presenter windows. A scene filter takes them before any
 * control does, so Space and the arrows move the lesson on even while a button or list has the focus.
 * Presentation clickers send PageDown, PageUp, and B or the full stop for blank.
 */
final class PresenterKeys {
    private PresenterKeys() {
    }

    static void install(Scene scene, PresenterMode mode) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (handle(event, mode)) {
                event.consume();
            }
        });
    }

    /** Runs the command of the pressed key; returns false for keys presenter mode leaves alone. */
    static boolean handle(KeyEvent event, PresenterMode mode) {
        if (event.isControlDown() || event.isAltDown() || event.isMetaDown()) {
            return false;
        }
        KeyCode code = event.getCode();
        switch (code) {
            case RIGHT, PAGE_DOWN, SPACE -> mode.next();
            case LEFT, PAGE_UP -> mode.back();
            case B, PERIOD -> mode.toggleBlank();
            case F -> mode.toggleFreeze();
            case Z -> mode.toggleZoom();
            case T -> mode.cycleTheme();
            case R -> mode.runOrStop();
            case PLUS, ADD, EQUALS -> mode.changeScale(PresenterMode.SCALE_STEP);
            case MINUS, SUBTRACT -> mode.changeScale(-PresenterMode.SCALE_STEP);
            case ESCAPE -> mode.close();
            default -> {
                if (!code.isDigitKey()) {
                    return false;
                }
                mode.jumpToLesson(digitOf(code));
            }
        }
        return true;
    }

    /** Returns the digit of DIGIT0..DIGIT9 and NUMPAD0..NUMPAD9, whose names end in it. */
    private static int digitOf(KeyCode code) {
        String name = code.name();
        return Character.digit(name.charAt(name.length() - 1), 10);
    }
}
