package dev.bantubox.gui.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.container.RunningContainer;
import dev.bantubox.engine.network.NetworkMode;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.engine.testing.TestHome;
import dev.bantubox.gui.PngSnapshots;
import dev.bantubox.gui.TestApp;
import dev.bantubox.gui.sandbox.CreateRequest.Field;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;

import org.controlsfx.control.ToggleSwitch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The sandbox window headless (Monocle) on the real engine, opened from lesson mode's Sandbox menu. A
 * container made through the form runs, stops, exits and goes. Invalid values are marked and create
 * nothing. Kill and Restart act on the selected container, a container that ends by itself shows its
 * exit status, Remove all empties the table, the detail tabs show the container, and Compare joins a
 * shared namespace. Every container is removed after each test, also when it failed.
 */
class SandboxWindowTest {
    private static final long TIMEOUT_SECONDS = 30;
    private static final FxRobot ROBOT = new FxRobot();
    private static TestApp fixture;
    private static TestHome home;
    private static Engine engine;
    private static SandboxWindow window;
    private static SandboxModel model;

    @BeforeAll
    static void openSandbox() throws Exception {
        fixture = TestApp.start(TIMEOUT_SECONDS * 2);
        home = fixture.home();
        engine = home.engine();
        MenuItem open = sandboxMenuItem();
        ROBOT.interact(open::fire);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> fixture.app().view().sandbox() != null
                && fixture.app().view().sandbox().isOpen());
        window = fixture.app().view().sandbox();
        model = window.model();
    }

    @AfterAll
    static void closeApp() throws Exception {
        fixture.close();
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (ContainerRecord record : engine.list(true)) {
            try {
                engine.remove(record.id, true);
            } catch (RuntimeException failure) {
                System.err.println("SandboxWindowTest: cannot remove container " + record.shortId() + ": "
                        + failure.getMessage());
            }
        }
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> model.rows().isEmpty());
        ROBOT.interact(() -> resetForm(model.form()));
    }

    @Test
    void formContainerRunsStopsAndGoes() throws Exception {
        ROBOT.interact(() -> {
            text("#form-command").setText("sh -c 'mkdir -p /www && echo served-by-sandbox > /www/index.html"
                    + " && exec httpd -f -p 80 -h /www'");
            text("#form-name").setText("web");
            text("#form-hostname").setText("web-host");
            text("#form-ports").setText("18081:80");
        });
        ROBOT.interact(() -> button("#form-create").fire());

        ContainerRow row = awaitRow("web", "running");
        assertThat(model.selectedProperty().get()).as("the new container is selected").isSameAs(row);
        String response = home.network().call(() -> httpGetWithRetry(18081));
        assertThat(response).as("the app relays the published port").contains("served-by-sandbox");
        writePng("sandbox-running");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> labelText("#summary-network").contains("18081:80/tcp (relayed by this app)"));

        ROBOT.interact(() -> button("#action-shell").fire());
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> labelText("#terminal-status").startsWith("sh in web"));
        ContainerShellPane shell = (ContainerShellPane) window.view().details().terminalPane();
        // The screen's text has trailing blanks trimmed, so root's prompt "/ # " reads "/ #".
        awaitScreen(shell, "the shell's prompt", screen -> screen.contains("#"));
        // Pressed keys go to the focused window, and written text to the robot's target window. The lesson
        // window opened first, so both are pointed at the sandbox's.
        ROBOT.interact(() -> {
            window.stage().toFront();
            window.stage().requestFocus();
            shell.terminal().requestFocus();
        });
        ROBOT.targetWindow(window.stage());
        ROBOT.write("echo sum-$((6*7)) in $(hostname)");
        ROBOT.type(KeyCode.ENTER);
        // The line the shell echoes still contains $((6*7)), so only the command's output has the sum.
        awaitScreen(shell, "the command's output", screen -> screen.lines().anyMatch(line -> line.equals("sum-42 in web-host")));
        writePng("sandbox-terminal");

        ROBOT.interact(() -> button("#action-stop").fire());
        awaitStatus(row, "exited (143)");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> labelText("#terminal-status").startsWith("The shell in web ended"));
        ROBOT.interact(() -> window.view().details().getSelectionModel().select(0));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> ROBOT.lookup(".summary-value").queryAll().stream().map(node -> ((Label) node).getText())
                        .anyMatch(text -> text.contains("its veth pair was removed when it ended")));
        assertThat(engine.status("web").state).isEqualTo(ContainerRecord.State.EXITED);

        ROBOT.interact(() -> button("#action-remove").fire());
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> model.rows().isEmpty());
        assertThat(engine.list(true)).isEmpty();
        assertThat(text("#form-ports").getText()).as("the form keeps the values for the next one").isEqualTo("18081:80");
        assertThat(text("#form-name").getText()).as("a name is for one container only").isEmpty();
    }

    @Test
    void sampleOlderThanCreateKeepsNewRow() throws Exception {
        long beforeCreate = System.nanoTime();
        ROBOT.interact(() -> {
            text("#form-name").setText("fresh");
            model.form().networkProperty().set(NetworkMode.NONE);
        });
        ROBOT.interact(() -> button("#form-create").fire());
        ContainerRow row = awaitRow("fresh", "running");

        // A sample that began before the create cannot list the new container.
        ROBOT.interact(() -> model.apply(new ContainerSampler.TableSample(beforeCreate, List.of())));

        assertThat(model.rows()).contains(row);
        assertThat(model.selectedProperty().get()).isSameAs(row);
    }

    @Test
    void invalidValuesAreMarkedAndCreateNothing() throws Exception {
        ROBOT.interact(() -> {
            text("#form-memory").setText("lots");
            text("#form-cpus").setText("0");
            text("#form-pids-limit").setText("-3");
            text("#form-hostname").setText("bad_name!");
            text("#form-ports").setText("99999:80");
            text("#form-name").setText("-web");
            text("#form-command").setText("sh -c 'unclosed");
            toggleSwitch("#form-toggle-chroot").setSelected(true);
        });

        for (Field field : List.of(Field.MEMORY, Field.CPUS, Field.PIDS_LIMIT, Field.HOSTNAME, Field.PORTS,
                Field.NAME, Field.COMMAND, Field.TOGGLES)) {
            assertThat(model.form().problemProperty(field).get()).as("problem of %s", field).isNotEmpty();
        }
        assertThat(problemText("#problem-memory")).startsWith("Invalid size 'lots'");
        assertThat(problemText("#problem-cpus")).contains("at least 0.01");
        assertThat(problemText("#problem-toggles")).contains("CHROOT and PIVOT_ROOT");
        assertThat(ROBOT.lookup("#form-memory").query().getStyleClass()).contains("field-invalid");
        assertThat(ROBOT.lookup("#form-hostname").query().getStyleClass()).contains("field-invalid");
        assertThat(ROBOT.lookup("#form-image").query().getStyleClass()).doesNotContain("field-invalid");
        assertThat(button("#form-create").isDisabled()).isTrue();

        ROBOT.interact(() -> {
            button("#form-create").fire();
            model.create();
        });
        Thread.sleep(1500);
        assertThat(engine.list(true)).as("nothing was created").isEmpty();
        assertThat(text("#form-memory").getText()).isEqualTo("lots");
        writePng("sandbox-invalid-form");

        ROBOT.interact(() -> {
            text("#form-memory").setText("64m");
            text("#form-cpus").setText("0.5");
            text("#form-pids-limit").setText("32");
            text("#form-hostname").setText("good-name");
            text("#form-ports").setText("");
            text("#form-name").setText("web");
            text("#form-command").setText("sleep 1000");
            toggleSwitch("#form-toggle-chroot").setSelected(false);
        });
        assertThat(ROBOT.lookup("#form-memory").query().getStyleClass()).doesNotContain("field-invalid");
        assertThat(button("#form-create").isDisabled()).as("Create is enabled once every field is valid").isFalse();
    }

    @Test
    void engineErrorShowsNextToForm() throws Exception {
        ROBOT.interact(() -> {
            model.form().text(Field.IMAGE).set("no-such-image");
            text("#form-name").setText("kept");
        });
        ROBOT.interact(() -> button("#form-create").fire());

        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> !model.form().errorProperty().get().isEmpty());
        assertThat(model.form().errorProperty().get()).contains("no-such-image").contains("not found");
        assertThat(ROBOT.lookup("#form-error").query().isVisible()).isTrue();
        assertThat(text("#form-name").getText()).isEqualTo("kept");
        assertThat(engine.list(true)).isEmpty();
    }

    @Test
    void hostNetworkSwitchesNetNamespaceOff() {
        ChoiceBox<?> network = ROBOT.lookup("#form-network").queryAs(ChoiceBox.class);
        ROBOT.interact(() -> model.form().networkProperty().set(NetworkMode.HOST));

        assertThat(toggleSwitch("#form-toggle-net-ns").isSelected()).isFalse();
        assertThat(toggleSwitch("#form-toggle-net-ns").isDisabled()).isTrue();
        assertThat(network.getValue()).isEqualTo(NetworkMode.HOST);
        assertThat(button("#form-create").isDisabled()).isFalse();

        ROBOT.interact(() -> model.form().networkProperty().set(NetworkMode.BRIDGE));
        assertThat(toggleSwitch("#form-toggle-net-ns").isSelected()).isTrue();
    }

    @Test
    void removeSelectsNoNeighbour() throws Exception {
        startQuiet("gone-soon", ToggleSet.full());
        startQuiet("neighbour", ToggleSet.full());
        ContainerRow first = awaitRow("gone-soon", "running");
        ContainerRow neighbour = awaitRow("neighbour", "running");
        ROBOT.interact(() -> model.selectedProperty().set(first));

        ROBOT.interact(() -> button("#action-remove").fire());

        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> !model.rows().contains(first));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selectedProperty().get()).as("a second Remove must have nothing to remove").isNull();
        assertThat(button("#action-remove").isDisabled()).isTrue();
        assertThat(model.rows()).contains(neighbour);
    }

    @Test
    void removeAllEmptiesTable() throws Exception {
        for (int i = 0; i < 2; i++) {
            startQuiet("many-" + i, ToggleSet.full());
        }
        startQuiet("ends-by-itself", ToggleSet.full(), "sh", "-c", "exit 3");
        awaitRow("ends-by-itself", "exited (3)");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> model.rows().size() == 3);

        ROBOT.interact(() -> button("#action-remove-all").fire());
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> ROBOT.lookup("#remove-all-confirm").tryQuery().isPresent());
        Button confirm = button("#remove-all-confirm");
        assertThat(confirm.getText()).isEqualTo("Remove all 3");
        assertThat(confirm.isDefaultButton()).as("Enter must not remove every container").isFalse();
        ROBOT.interact(confirm::fire);

        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> model.rows().isEmpty());
        assertThat(engine.list(true)).isEmpty();
    }

    @Test
    void detailTabsShowSelectedContainer() throws Exception {
        RunningContainer container = startQuiet("chatty", ToggleSet.full(), "sh", "-c",
                "echo line-one; echo line-two; exec sleep 1000");
        ContainerRow row = awaitRow("chatty", "running");
        ROBOT.interact(() -> model.selectedProperty().set(row));

        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> window.view().details().logView().shownText().contains("line-two"));
        assertThat(labelText("#summary-id")).isEqualTo(container.id());

        selectTab("#tab-inspect");
        TreeView<?> tree = ROBOT.lookup("#inspect-tree").queryAs(TreeView.class);
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> tree.getRoot() != null);
        assertThat(tree.getRoot().getChildren().stream().map(item -> String.valueOf(item.getValue())))
                .contains("id: " + container.id());

        selectTab("#tab-namespaces");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> ROBOT.lookup("#ns-uts-container").tryQuery().isPresent());
        assertThat(ROBOT.lookup("#ns-uts-shared").tryQuery()).isEmpty();
        writePng("sandbox-namespaces");

        selectTab("#tab-stats");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> row.history().size() >= 3);
        WaitForAsyncUtils.waitForFxEvents();
        Sparkline memory = ROBOT.lookup("#stats-memory .sparkline").queryAs(Sparkline.class);
        assertThat(memory.pointCount()).isGreaterThanOrEqualTo(3);
        assertThat(row.history().latest(UsageHistory.Series.MEMORY_BYTES)).isGreaterThan(0);
        writePng("sandbox-stats");

        ROBOT.interact(() -> button("#action-shell").fire());
        TabPane tabs = ROBOT.lookup("#container-details").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-terminal");
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> labelText("#terminal-status").startsWith("sh in chatty"));
    }

    @Test
    void killMenuSendsChosenSignal() throws Exception {
        startQuiet("target", ToggleSet.full());
        ContainerRow row = awaitRow("target", "running");
        ROBOT.interact(() -> model.selectedProperty().set(row));
        MenuButton kill = ROBOT.lookup("#action-kill").queryAs(MenuButton.class);
        MenuItem sigkill = kill.getItems().stream().filter(item -> "action-kill-9".equals(item.getId())).findFirst()
                .orElseThrow();

        ROBOT.interact(sigkill::fire);

        awaitStatus(row, "exited (137)");
        assertThat(engine.status("target").exitSignal).isEqualTo(9);
    }

    @Test
    void restartKeepsContainerAndStartsNewProcess() throws Exception {
        RunningContainer container = startQuiet("again", ToggleSet.full());
        ContainerRow row = awaitRow("again", "running");
        ROBOT.interact(() -> model.selectedProperty().set(row));

        ROBOT.interact(() -> button("#action-restart").fire());

        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> row.record().pid != container.pid() && row.record().state == ContainerRecord.State.RUNNING);
        assertThat(row.id()).isEqualTo(container.id());
        assertThat(model.rows()).hasSize(1);
    }

    @Test
    void compareJoinsNamespaceBothShare() throws Exception {
        ToggleSet noUts = ToggleSet.full().with(Toggle.UTS_NS, false);
        startQuiet("isolated", ToggleSet.full());
        startQuiet("shares-uts-1", noUts);
        startQuiet("shares-uts-2", noUts);
        ContainerRow isolated = awaitRow("isolated", "running");
        ContainerRow first = awaitRow("shares-uts-1", "running");
        ContainerRow second = awaitRow("shares-uts-2", "running");
        selectTab("#tab-compare");

        ROBOT.interact(() -> window.view().details().compareView().compare(first, second));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> ROBOT.lookup("#compare-uts-shared").tryQuery().isPresent());
        assertThat(labelText("#compare-uts-shared")).contains("the host's");
        assertThat(ROBOT.lookup("#compare-mnt-first").tryQuery()).as("mnt stays separate").isPresent();
        assertThat(ROBOT.lookup("#compare-mnt-shared").tryQuery()).isEmpty();
        writePng("sandbox-compare");

        ROBOT.interact(() -> window.view().details().compareView().compare(isolated, first));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> ROBOT.lookup("#compare-uts-first").tryQuery().isPresent());
        assertThat(ROBOT.lookup("#compare-uts-shared").tryQuery()).as("own UTS against the host's").isEmpty();
    }

    /** Finds the Sandbox menu's item in the lesson window, as a learner would open it. */
    private static MenuItem sandboxMenuItem() {
        for (Node bar : ROBOT.lookup(".menu-bar").queryAll()) {
            for (Menu menu : ((MenuBar) bar).getMenus()) {
                for (MenuItem item : menu.getItems()) {
                    if ("menu-open-sandbox".equals(item.getId())) {
                        return item;
                    }
                }
            }
        }
        throw new AssertionError("the lesson window has no Sandbox menu item");
    }

    /** Starts a container through the engine, as another window or the command line would. */
    private static RunningContainer startQuiet(String name, ToggleSet toggles, String... command) {
        return engine.startDetached(RunSpec.builder().name(name).toggles(toggles).network(NetworkMode.NONE).init(true)
                .command(command.length == 0 ? new String[] {"sleep", "1000"} : command).build());
    }

    private static ContainerRow awaitRow(String name, String status) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> model.rows().stream()
                .anyMatch(row -> row.nameProperty().get().equals(name) && row.statusProperty().get().equals(status)));
        return model.rows().stream().filter(row -> row.nameProperty().get().equals(name)).findFirst().orElseThrow();
    }

    private static void awaitScreen(ContainerShellPane shell, String what, Predicate<String> shown) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> shown.test(shell.terminal().screenText()));
        } catch (TimeoutException timeout) {
            throw new AssertionError("the terminal did not show " + what + " within " + TIMEOUT_SECONDS
                    + " s; its screen:\n" + shell.terminal().screenText(), timeout);
        }
    }

    private static void awaitStatus(ContainerRow row, String status) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> row.statusProperty().get().equals(status));
    }

    private static void resetForm(CreateFormModel form) {
        form.text(Field.IMAGE).set("busybox");
        form.text(Field.COMMAND).set(CreateFormModel.DEFAULT_COMMAND);
        for (Field field : List.of(Field.NAME, Field.HOSTNAME, Field.CPUS, Field.MEMORY, Field.PIDS_LIMIT, Field.PORTS)) {
            form.text(field).set("");
        }
        for (Toggle toggle : Toggle.values()) {
            form.toggle(toggle).set(ToggleSet.full().has(toggle));
        }
        form.networkProperty().set(NetworkMode.BRIDGE);
    }

    private static void selectTab(String id) {
        TabPane tabs = ROBOT.lookup("#container-details").queryAs(TabPane.class);
        ROBOT.interact(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(tab -> id.equals("#" + tab.getId())).findFirst().orElseThrow()));
    }

    private static TextInputControl text(String id) {
        return ROBOT.lookup(id).queryAs(TextInputControl.class);
    }

    private static Button button(String id) {
        return ROBOT.lookup(id).queryButton();
    }

    private static ToggleSwitch toggleSwitch(String id) {
        return ROBOT.lookup(id).queryAs(ToggleSwitch.class);
    }

    private static String problemText(String id) {
        return labelText(id);
    }

    private static String labelText(String id) {
        return ROBOT.lookup(id).queryLabeled().getText();
    }

    private static void writePng(String name) throws Exception {
        PngSnapshots.write(window.stage().getScene(), name);
    }

    /** Connects to 127.0.0.1:port in the calling thread's network namespace until the relay returns a response. */
    private static String httpGetWithRetry(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                out.write("GET /index.html HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!response.isEmpty()) {
                    return response;
                }
            } catch (SocketException notYet) {
                // httpd may not listen yet; the relay then closes the connection at once.
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no answer on 127.0.0.1:" + port + " within 10 s");
            }
            Thread.sleep(100);
        }
    }
}
