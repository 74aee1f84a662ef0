package dev.bantubox.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.host.CheckResult;
import dev.bantubox.engine.host.HostCheck;
import dev.bantubox.engine.host.HostReport;
import dev.bantubox.engine.lesson.Lesson;
import dev.bantubox.engine.testing.TestHome;
import dev.bantubox.gui.lesson.LessonModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TableView;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The host check in the window, headless (Monocle) on the real engine: its table on the first start
 * and from Help, and the sentence at the top of a lesson whose needed check fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostCheckViewTest {
    private static final long TIMEOUT_SECONDS = 60;
    private static final FxRobot ROBOT = new FxRobot();
    private static TestHome home;
    private static Path progressFolder;
    private static TestApp fixture;
    private static BantuBoxApp app;

    @BeforeAll
    static void startApp() throws Exception {
        fixture = TestApp.start(TIMEOUT_SECONDS);
        home = fixture.home();
        progressFolder = fixture.progressFolder();
        app = fixture.app();
    }

    @AfterAll
    static void stopApp() throws Exception {
        fixture.close();
    }

    @Test
    @Order(1)
    void firstStartShowsEveryCheck() throws Exception {
        LessonModel model = app.view().model();
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> model.hostReportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(ROBOT.lookup("#host-check-view").query().isVisible()).as("table shown on first start").isTrue();
        TableView<?> table = ROBOT.lookup("#host-check-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(HostCheck.values().length);
        assertThat(model.progress().hostCheckShown).as("first start recorded in the progress").isTrue();
        PngSnapshots.write(table.getScene(), "host-check-first-start");

        ROBOT.interact(() -> ROBOT.lookup("#host-check-close").queryButton().fire());
        assertThat(ROBOT.lookup("#host-check-view").query().isVisible()).isFalse();
    }

    @Test
    @Order(2)
    void helpMenuChecksAgain() throws Exception {
        LessonModel model = app.view().model();
        HostReport before = model.hostReportProperty().get();
        MenuBar menus = ROBOT.lookup(".menu-bar").queryAs(MenuBar.class);
        Menu help = menus.getMenus().stream().filter(menu -> "menu-help".equals(menu.getId())).findFirst().orElseThrow();

        ROBOT.interact(() -> help.getItems().get(0).fire());
        assertThat(ROBOT.lookup("#host-check-view").query().isVisible()).as("table shown while checking").isTrue();
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> model.hostReportProperty().get() != before);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(ROBOT.lookup("#host-check-table").queryAs(TableView.class).getItems())
                .hasSize(HostCheck.values().length);
        ROBOT.interact(() -> ROBOT.lookup("#host-check-close").queryButton().fire());
    }

    @Test
    @Order(3)
    void lessonNeedingFailedCheckSaysSoAtTop() throws Exception {
        LessonModel model = app.view().model();
        HostReport real = model.hostReportProperty().get();
        CheckResult overlayFails = CheckResult.fail(HostCheck.OVERLAY, "mounting overlay in /tmp/x failed: EINVAL",
                "set BANTUBOX_HOME to a folder on ext4, xfs or tmpfs");
        List<CheckResult> results = new ArrayList<>(real.results().stream()
                .filter(result -> result.check() != HostCheck.OVERLAY).toList());
        results.add(overlayFails);

        ROBOT.interact(() -> {
            model.hostReportProperty().set(new HostReport(results));
            model.open(lesson(model, "05-overlay"));
        });
        Label warning = ROBOT.lookup("#needed-checks").queryAs(Label.class);

        assertThat(warning.isVisible()).isTrue();
        assertThat(warning.getText()).startsWith("This lesson needs Overlay file system, which fails on this machine:"
                + " mounting overlay in /tmp/x failed: EINVAL; set BANTUBOX_HOME to a folder on ext4, xfs or tmpfs.");
        PngSnapshots.write(warning.getScene(), "05-overlay-needs-check");

        ROBOT.interact(() -> model.open(lesson(model, "06-uts")));
        assertThat(warning.isVisible()).as("a lesson without needed checks shows no warning").isFalse();
        ROBOT.interact(() -> model.hostReportProperty().set(real));
    }

    private static Lesson lesson(LessonModel model, String folder) {
        return model.lessons().stream().filter(each -> each.folder.equals(folder)).findFirst().orElseThrow();
    }
}
