package dev.bantubox.gui;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.scene.Node;

import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Waits for the first start's host check and closes its table, so tests can click lesson mode. */
final class HostCheckOverlay {
    private static final long CHECK_TIMEOUT_SECONDS = 60;

    private HostCheckOverlay() {
    }

    /** Waits until the app has its host report, then closes the table when it covers the window. */
    static void awaitAndClose(FxRobot robot, BantuBoxApp app) throws TimeoutException {
        WaitForAsyncUtils.waitFor(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> app.view().model().hostReportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Node table = robot.lookup("#host-check-view").query();
        if (table.isVisible()) {
            robot.interact(() -> robot.lookup("#host-check-close").queryButton().fire());
        }
    }
}
