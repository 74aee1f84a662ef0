package dev.bantubox.gui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.gui.PngSnapshots;
import dev.bantubox.gui.theme.Theme;
import dev.bantubox.gui.theme.ThemeManager;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ScrollEvent;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The terminal view headless (Monocle): keys typed into it reach the connection as a terminal sends
 * them, output fed from another thread shows on screen, and resizing sends the connection the new
 * size. PNGs of vi, top and coloured text in the view are written for review.
 */
class TerminalViewTest {
    private static final FxRobot ROBOT = new FxRobot();

    private Stage stage;
    private TerminalView view;
    private RecordingConnection connection;
    private BorderPane root;

    @BeforeEach
    void showView() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        connection = new RecordingConnection();
        FxToolkit.setupFixture(() -> {
            view = new TerminalView();
            root = new BorderPane(view);
            root.setTop(new Button("before"));
            root.setStyle("-fx-font-size: 13px;");
            stage.setScene(new Scene(root));
            // The scene takes the view's preferred size, 80x24 cells, as the recorded programs had.
            stage.sizeToScene();
            stage.show();
            view.connect(connection);
            view.requestFocus();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void closeStage() throws Exception {
        FxToolkit.cleanupStages();
    }

    private void feedFromReaderThread(String output) throws Exception {
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> view.feed(bytes, 0, bytes.length), "pty-reader");
        reader.start();
        reader.join();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void feedCapture(String step) {
        byte[] bytes = BusyboxCapturesTest.capture(step);
        view.feed(bytes, 0, bytes.length);
    }

    private String sentAfter(Runnable typing) {
        connection.clear();
        typing.run();
        WaitForAsyncUtils.waitForFxEvents();
        return connection.sentText();
    }

    @Test
    void typedTextIsSentAsUtf8() {
        assertThat(sentAfter(() -> ROBOT.write("echo hi"))).isEqualTo("echo hi");
        assertThat(sentAfter(() -> ROBOT.write("é"))).isEqualTo("é");
    }

    @Test
    void editingKeysSendTerminalBytes() {
        assertThat(sentAfter(() -> ROBOT.type(KeyCode.ENTER))).isEqualTo("\r");
        assertThat(sentAfter(() -> ROBOT.type(KeyCode.BACK_SPACE))).isEqualTo("\177");
        assertThat(sentAfter(() -> ROBOT.type(KeyCode.ESCAPE))).isEqualTo("\033");
        assertThat(sentAfter(() -> ROBOT.type(KeyCode.DELETE))).isEqualTo("\033[3~");
        assertThat(sentAfter(() -> ROBOT.type(KeyCode.HOME))).isEqualTo("\033[H");
        assertThat(sentAfter(() -> ROBOT.type(KeyCode.END))).isEqualTo("\033[F");
        assertThat(sentAfter(() -> ROBOT.type(KeyCode.PAGE_UP))).isEqualTo("\033[5~");
        assertThat(sentAfter(() -> ROBOT.type(KeyCode.INSERT))).isEqualTo("\033[2~");
        assertThat(sentAfter(() -> ROBOT.type(KeyCode.F1))).isEqualTo("\033OP");
        assertThat(sentAfter(() -> ROBOT.type(KeyCode.F5))).isEqualTo("\033[15~");
    }

    @Test
    void tabIsSentAndKeepsFocus() {
        assertThat(sentAfter(() -> ROBOT.type(KeyCode.TAB))).isEqualTo("\t");
        assertThat(view.isFocused()).as("Tab does not move focus away from the terminal").isTrue();
    }

    @Test
    void arrowsFollowApplicationCursorMode() throws Exception {
        assertThat(sentAfter(() -> ROBOT.type(KeyCode.UP))).isEqualTo("\033[A");
        assertThat(sentAfter(() -> ROBOT.type(KeyCode.LEFT))).isEqualTo("\033[D");

        feedFromReaderThread("\033[?1h");

        assertThat(sentAfter(() -> ROBOT.type(KeyCode.UP))).isEqualTo("\033OA");
        assertThat(sentAfter(() -> ROBOT.type(KeyCode.RIGHT))).isEqualTo("\033OC");
    }

    @Test
    void controlLettersSendControlCodes() {
        assertThat(sentAfter(() -> ROBOT.press(KeyCode.CONTROL).type(KeyCode.C).release(KeyCode.CONTROL)))
                .isEqualTo("\003");
        assertThat(sentAfter(() -> ROBOT.press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL)))
                .isEqualTo("\004");
        assertThat(sentAfter(() -> ROBOT.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL)))
                .isEqualTo("\032");
    }

    @Test
    void fedTextShowsOnScreen() throws Exception {
        feedFromReaderThread("/ # echo hello\r\nhello\r\n/ # ");

        assertThat(view.screenText()).startsWith("/ # echo hello\nhello\n/ #\n");
    }

    @Test
    void cursorQueryIsAnsweredThroughConnection() throws Exception {
        connection.clear();

        feedFromReaderThread("ab\r\ncd\033[6n");

        assertThat(connection.sentText()).isEqualTo("\033[2;3R");
    }

    @Test
    void titleFollowsOsc() throws Exception {
        feedFromReaderThread("\033]0;container sh\007");

        assertThat(view.titleProperty().get()).isEqualTo("container sh");
    }

    @Test
    void resizingViewResizesConnection() throws Exception {
        int[] before = connection.lastSize();
        assertThat(before).as("connect() sends the size at once").isNotNull();
        assertThat(before[0]).isEqualTo(view.columnsProperty().get());
        assertThat(before[1]).isEqualTo(view.rowsProperty().get());

        FxToolkit.setupFixture(() -> {
            stage.setWidth(500);
            stage.setHeight(300);
        });
        WaitForAsyncUtils.waitForFxEvents();

        int[] after = connection.lastSize();
        assertThat(after[0]).isLessThan(before[0]);
        assertThat(after[1]).isLessThan(before[1]);
        assertThat(after[0]).isEqualTo(view.columnsProperty().get());
        assertThat(after[1]).isEqualTo(view.rowsProperty().get());
        assertThat(view.screenText().split("\n", -1)).hasSize(after[1]);
    }

    @Test
    void largerAppFontGivesFewerCells() throws Exception {
        int columns = view.columnsProperty().get();
        int rows = view.rowsProperty().get();

        FxToolkit.setupFixture(() -> root.setStyle("-fx-font-size: 26px;"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view.columnsProperty().get()).isBetween(columns / 2 - 2, columns / 2 + 2);
        assertThat(view.rowsProperty().get()).isBetween(rows / 2 - 2, rows / 2 + 2);
        assertThat(connection.lastSize()[0]).isEqualTo(view.columnsProperty().get());
    }

    @Test
    void pasteIsBracketedWhenProgramAsks() throws Exception {
        assertThat(sentAfter(() -> ROBOT.interact(() -> view.paste("ls\nexit")))).isEqualTo("ls\rexit");

        feedFromReaderThread("\033[?2004h");

        assertThat(sentAfter(() -> ROBOT.interact(() -> view.paste("ls\033[201~\n"))))
                .isEqualTo("\033[200~ls\r\033[201~");
    }

    @Test
    void mouseDragSelectsText() throws Exception {
        feedFromReaderThread("first line\r\nsecond line");

        ROBOT.moveTo(cellCenter(6, 0)).press(MouseButton.PRIMARY).moveTo(cellCenter(5, 1)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view.selectedText()).isEqualTo("line\nsecond");
    }

    private Point2D cellCenter(int column, int row) {
        Bounds bounds = view.localToScreen(view.getLayoutBounds());
        return new Point2D(bounds.getMinX() + (column + 0.5) * view.cellWidth(),
                bounds.getMinY() + (row + 0.5) * view.cellHeight());
    }

    @Test
    void wheelScrollsBackIntoScrollback() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            lines.append("line ").append(i).append("\r\n");
        }
        feedFromReaderThread(lines.toString());
        String live = view.displayedText();
        assertThat(live).startsWith("line ");

        // TestFX's glass robot gives a wheel turned up a negative deltaY, while JavaFX on a desktop
        // gives it a positive one (as ScrollPane expects), so the test fires the desktop's event.
        ROBOT.interact(() -> Event.fireEvent(view, wheelUp()));
        WaitForAsyncUtils.waitForFxEvents();

        String scrolled = view.displayedText();
        assertThat(scrolled).isNotEqualTo(live);
        assertThat(view.screenText()).as("the screen itself does not move").isEqualTo(live);

        assertThat(sentAfter(() -> ROBOT.write("x"))).isEqualTo("x");
        assertThat(view.displayedText()).as("typing returns to the live screen").isEqualTo(live);
    }

    @Test
    void clearedScrollbackEndsScrolledView() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            lines.append("line ").append(i).append("\r\n");
        }
        feedFromReaderThread(lines.toString());
        ROBOT.interact(() -> Event.fireEvent(view, wheelUp()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.displayedText()).isNotEqualTo(view.screenText());

        feedFromReaderThread("\033[3J");

        assertThat(view.displayedText()).isEqualTo(view.screenText());
    }

    @Test
    void highContrastThemeMakesScreenBlack() throws Exception {
        ThemeManager themes = new ThemeManager();
        FxToolkit.setupFixture(() -> themes.apply(stage.getScene()));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        assertThat(screenPixel()).isEqualTo(Color.web("#1e1e1e"));

        FxToolkit.setupFixture(() -> themes.themeProperty().set(Theme.HIGH_CONTRAST));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);

        assertThat(screenPixel()).isEqualTo(Color.BLACK);
    }

    /** Returns the colour of a pixel in the view's last row, which nothing was written to. */
    private Color screenPixel() throws Exception {
        WritableImage[] image = new WritableImage[1];
        FxToolkit.setupFixture(() -> image[0] = view.snapshot(null, null));
        return image[0].getPixelReader().getColor((int) image[0].getWidth() - 3, (int) image[0].getHeight() - 3);
    }

    @Test
    void hiddenViewPaintsOnceShown() throws Exception {
        Tab other = new Tab("other", new Button("other content"));
        Tab terminal = new Tab("terminal");
        FxToolkit.setupFixture(() -> {
            root.setCenter(new TabPane(other, terminal));
            terminal.setContent(view);
        });
        WaitForAsyncUtils.waitForFxEvents();
        long paintsWhileHidden = view.paintCount();

        feedFromReaderThread("typed while hidden");
        WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        assertThat(view.paintCount()).as("no paint behind an unselected tab").isEqualTo(paintsWhileHidden);
        assertThat(view.screenText()).startsWith("typed while hidden");

        FxToolkit.setupFixture(() -> terminal.getTabPane().getSelectionModel().select(terminal));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        assertThat(view.paintCount()).as("painted when its tab is selected").isGreaterThan(paintsWhileHidden);
    }

    @Test
    void snapshotsForReview() throws Exception {
        FxToolkit.setupFixture(() -> {
            feedCapture("sh/00-start.out");
            feedCapture("vi/00-start.out");
            feedCapture("vi/01-append.out");
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        assertThat(view.displayedText()).contains("second line added");
        PngSnapshots.write(stage.getScene(), "terminal-vi");

        FxToolkit.setupFixture(() -> {
            feedCapture("vi/03-command.out");
            feedCapture("vi/04-quit.out");
            feedCapture("top/00-start.out");
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        assertThat(view.displayedText()).contains("PID  PPID USER");
        PngSnapshots.write(stage.getScene(), "terminal-top");

        FxToolkit.setupFixture(() -> feedFromString("\033[H\033[2J\033[31mred\033[32m green\033[1;34m bold blue\033[0m "
                + "\033[7mreverse\033[0m \033[4munderline\033[0m \033[2mdim\033[0m \033[38;5;208m208\033[0m "
                + "\033[48;2;80;40;120m rgb \033[0m\r\n\033(0lqqqk\r\nx   x\r\nmqqqj\033(B ünïcödé €\r\n"));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        assertThat(view.displayedText()).startsWith("red green bold blue reverse underline dim 208  rgb");
        PngSnapshots.write(stage.getScene(), "terminal-colours");
    }

    private ScrollEvent wheelUp() {
        Point2D center = view.localToScene(view.getWidth() / 2, view.getHeight() / 2);
        return new ScrollEvent(ScrollEvent.SCROLL, center.getX(), center.getY(), center.getX(), center.getY(),
                false, false, false, false, false, false, 0, 40, 0, 40, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                ScrollEvent.VerticalTextScrollUnits.LINES, 1, 0, null);
    }

    private void feedFromString(String output) {
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        view.feed(bytes, 0, bytes.length);
    }

    /** A connection that records what the view sends and the sizes it reports. */
    static final class RecordingConnection implements TerminalConnection {
        private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        private final List<int[]> sizes = new ArrayList<>();

        @Override
        public synchronized void send(byte[] bytes) {
            sent.writeBytes(bytes);
        }

        @Override
        public synchronized void resize(int columns, int rows) {
            sizes.add(new int[] {columns, rows});
        }

        synchronized String sentText() {
            return sent.toString(StandardCharsets.UTF_8);
        }

        synchronized void clear() {
            sent.reset();
        }

        synchronized int[] lastSize() {
            return sizes.isEmpty() ? null : sizes.get(sizes.size() - 1);
        }
    }
}
