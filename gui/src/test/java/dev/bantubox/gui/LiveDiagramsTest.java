package dev.bantubox.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.cgroup.CgroupUsage;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.lesson.Lesson;
import dev.bantubox.engine.testing.TestHome;
import dev.bantubox.gui.lesson.LessonModel;
import dev.bantubox.gui.lesson.RunState;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The live diagrams headless (Monocle) on the real engine: the cgroups tab follows a limited container
 * while it runs, and the network tab draws a bridged container's veth pair from its record.
 */
class LiveDiagramsTest {
    private static final long RUN_TIMEOUT_SECONDS = 60;
    private static final FxRobot ROBOT = new FxRobot();
    private static TestHome home;
    private static Path progressFolder;
    private static TestApp fixture;
    private static BantuBoxApp app;

    @BeforeAll
    static void startApp() throws Exception {
        fixture = TestApp.start(RUN_TIMEOUT_SECONDS);
        home = fixture.home();
        progressFolder = fixture.progressFolder();
        app = fixture.app();
        HostCheckOverlay.awaitAndClose(ROBOT, app);
    }

    @AfterAll
    static void stopApp() throws Exception {
        fixture.close();
    }

    @Test
    void forkBombShowsPidsNearLimitLive() throws Exception {
        LessonModel model = app.view().model();
        openExperiment(model, "12-pids", 1);

        ROBOT.clickOn("#run-button");
        WaitForAsyncUtils.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> model.usage().stream()
                .anyMatch(sample -> sample.pids() != null && sample.pids() >= 8));
        Label pidsText = ROBOT.lookup("#usage-pids").queryAs(Label.class);
        ProgressBar pidsBar = ROBOT.lookup("#usage-bar-pids").queryAs(ProgressBar.class);
        WaitForAsyncUtils.waitForFxEvents();
        boolean stillRunning = model.runningProperty().get();
        PngSnapshots.write(pidsBar.getScene(), "12-pids-cgroups-live");
        awaitEnd(model);

        assertThat(stillRunning).as("the samples arrived while the command ran").isTrue();
        assertThat(pidsText.getText()).contains("limit 10");
        assertThat(pidsBar.getProgress()).as("processes against the limit of 10").isGreaterThanOrEqualTo(0.8);
        assertThat(selectedTab()).isEqualTo("tab-cgroups");
        assertThat(model.stateProperty().get()).as(model.statusProperty().get()).isEqualTo(RunState.PASSED);
    }

    @Test
    void halfCpuChartStaysNearHalfACore() throws Exception {
        LessonModel model = app.view().model();
        openExperiment(model, "10-cpu", 1);

        ROBOT.clickOn("#run-button");
        awaitEnd(model);

        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = ROBOT.lookup("#cpu-usage-chart").queryAs(LineChart.class);
        List<XYChart.Data<Number, Number>> used = chart.getData().get(0).getData();
        List<XYChart.Data<Number, Number>> limit = chart.getData().get(1).getData();
        assertThat(used).as("points of a 2 s busy loop sampled every 0.25 s").hasSizeGreaterThanOrEqualTo(4);
        // The chart adds a point per sample while the run goes on; it must end as one point per pair of samples.
        assertThat(used).as("one point per pair of consecutive samples").hasSize(model.usage().size() - 1);
        assertThat(used).extracting(point -> point.getXValue().doubleValue()).as("seconds, in order").isSorted();
        // A 0.25 s window contains at most three 50 ms quotas, 0.6 of a core. A busy host may give the loop less.
        double most = used.stream().mapToDouble(point -> point.getYValue().doubleValue()).max().orElseThrow();
        assertThat(most).as("highest share of a core under --cpus 0.5").isBetween(0.3, 0.7);
        assertThat(limit).isNotEmpty().allSatisfy(point -> assertThat(point.getYValue().doubleValue()).isEqualTo(0.5));
        CgroupUsage last = model.usage().get(model.usage().size() - 1);
        assertThat(last.throttledPeriods()).as("the kernel held the loop back").isPositive();
        PngSnapshots.write(chart.getScene(), "10-cpu-live-chart");
    }

    @Test
    void bridgedRunDrawsVethPairAndBridge() throws Exception {
        LessonModel model = app.view().model();
        openExperiment(model, "09-network", 1);

        ROBOT.clickOn("#run-button");
        awaitEnd(model);

        assertThat(model.stateProperty().get()).as(model.statusProperty().get()).isEqualTo(RunState.PASSED);
        ContainerRecord.Network network = model.containerProperty().get().network;
        assertThat(network.mode).isEqualTo("bridge");
        assertThat(model.outputProperty().get()).as("ip addr inside shows the recorded address")
                .contains("inet " + network.address);
        selectTab("tab-network");
        PngSnapshots.write(ROBOT.lookup("#diagram-pane").query().getScene(), "09-network-veth-bridge");
        String containerEnd = ROBOT.lookup("#net-veth-container").queryAs(Label.class).getText();
        assertThat(containerEnd).startsWith("eth0").contains(network.address);
        assertThat(ROBOT.lookup("#net-veth-host").queryAs(Label.class).getText()).startsWith(network.hostInterface);
        assertThat(ROBOT.lookup("#net-bridge").queryAs(Label.class).getText())
                .startsWith(network.bridge).contains("gateway " + network.gateway);
        assertThat(ROBOT.lookup("#net-link-lo").tryQuery()).as("lo drawn inside as well").isPresent();
    }

    @Test
    void peerRunDrawsBothPairsOnOneBridge() throws Exception {
        LessonModel model = app.view().model();
        openExperiment(model, "09-network", 2);

        ROBOT.clickOn("#run-button");
        awaitEnd(model);
        selectTab("tab-network");

        assertThat(model.stateProperty().get()).as(model.statusProperty().get()).isEqualTo(RunState.PASSED);
        ContainerRecord.Network own = model.containerProperty().get().network;
        ContainerRecord.Network peer = model.peerProperty().get().network;
        assertThat(peer.bridge).isEqualTo(own.bridge);
        assertThat(peer.address).isNotEqualTo(own.address);
        assertThat(ROBOT.lookup("#net-peer-container").queryAs(Label.class).getText()).contains(peer.address);
        assertThat(ROBOT.lookup("#net-peer-host").queryAs(Label.class).getText()).startsWith(peer.hostInterface);
        assertThat(ROBOT.lookup("#net-veth-container").queryAs(Label.class).getText()).contains(own.address);
        PngSnapshots.write(ROBOT.lookup("#net-bridge").query().getScene(), "09-network-peer");
    }

    @Test
    void shortBridgedRunStillDrawsRecordedPair() throws Exception {
        LessonModel model = app.view().model();
        openExperiment(model, "09-network", 1);
        ROBOT.interact(() -> model.commandProperty().set("true"));

        ROBOT.clickOn("#run-button");
        awaitEnd(model);
        selectTab("tab-network");

        // Whether or not the inspection caught the links of so short a command, the record draws the pair.
        ContainerRecord.Network network = model.containerProperty().get().network;
        assertThat(ROBOT.lookup("#net-veth-container").queryAs(Label.class).getText()).contains(network.address);
        assertThat(ROBOT.lookup("#net-bridge").queryAs(Label.class).getText()).startsWith(network.bridge);
    }

    @Test
    void oomKilledRunShowsItsMemoryLimit() throws Exception {
        LessonModel model = app.view().model();
        openExperiment(model, "11-memory", 1);

        ROBOT.clickOn("#run-button");
        awaitEnd(model);

        assertThat(model.resultProperty().get().exitCode()).isEqualTo(137);
        assertThat(ROBOT.lookup("#usage-memory").queryAs(Label.class).getText()).contains("limit 32.0 MiB");
        PngSnapshots.write(ROBOT.lookup("#usage-memory").query().getScene(), "11-memory-cgroups");
    }

    @Test
    void loopbackOnlyRunDrawsNoVethPair() throws Exception {
        LessonModel model = app.view().model();
        openExperiment(model, "09-network", 0);

        ROBOT.clickOn("#run-button");
        awaitEnd(model);

        assertThat(model.containerProperty().get().network.mode).isEqualTo("none");
        selectTab("tab-network");
        assertThat(ROBOT.lookup("#net-link-lo").tryQuery()).isPresent();
        assertThat(ROBOT.lookup("#net-veth-container").tryQuery()).isEmpty();
        assertThat(ROBOT.lookup("#net-bridge").tryQuery()).isEmpty();
    }

    private static void selectTab(String id) {
        TabPane tabs = ROBOT.lookup("#diagram-pane").queryAs(TabPane.class);
        ROBOT.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(tab -> id.equals(tab.getId())).findFirst().orElseThrow()));
    }

    private static String selectedTab() {
        return ROBOT.lookup("#diagram-pane").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId();
    }

    private static void awaitEnd(LessonModel model) throws Exception {
        WaitForAsyncUtils.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !model.runningProperty().get()
                && model.resultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Opens the lesson in folder at one experiment and answers its checkpoint, which unlocks Run. */
    static void openExperiment(LessonModel model, String folder, int experiment) {
        Lesson lesson = model.lessons().stream().filter(each -> each.folder.equals(folder)).findFirst().orElseThrow();
        ListView<?> list = ROBOT.lookup("#lesson-list").queryAs(ListView.class);
        ROBOT.interact(() -> list.getSelectionModel().select(model.lessons().indexOf(lesson)));
        ROBOT.interact(() -> ROBOT.lookup("#experiment-" + experiment).queryAs(ToggleButton.class).fire());
        ROBOT.interact(() -> ROBOT.lookup("#checkpoint-choice-0").queryAs(RadioButton.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.canRunBinding().get()).as("Run is enabled in %s", folder).isTrue();
    }
}
