package dev.bantubox.gui;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.image.Image;
import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.lesson.Lesson;
import dev.bantubox.gui.diagram.DiagramPane;
import dev.bantubox.gui.host.HostCheckView;
import dev.bantubox.gui.journal.JournalView;
import dev.bantubox.gui.lesson.LessonListView;
import dev.bantubox.gui.lesson.LessonModel;
import dev.bantubox.gui.lesson.LessonView;
import dev.bantubox.gui.sandbox.SandboxWindow;

import java.util.List;

import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.BorderPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.controlsfx.control.MaskerPane;

/**
 * Lesson mode's window content: lessons on the left, the lesson in the centre, diagrams on the right
 * and the journal at the bottom. On first start a mask covers it while the default image is prepared,
 * and then the host check's table shows what this machine can do; Help shows that table again. The
 * Sandbox menu opens the sandbox window, for free runs after the lessons.
 */
public final class MainView extends StackPane {
    private final AppContext context;
    private final LessonModel model;
    private final MaskerPane masker = new MaskerPane();
    private final VBox failure = new VBox();
    private final HostCheckView hostCheck = new HostCheckView(this::closeHostCheck);
    private final List<Menu> menus;
    private SandboxWindow sandbox;

    public MainView(AppContext context) {
        this.context = context;
        this.model = new LessonModel(context);
        getStyleClass().add("main-view");

        LessonListView lessons = new LessonListView(model);
        lessons.setId("lesson-list");
        LessonView lesson = new LessonView(model);
        DiagramPane diagrams = new DiagramPane(model);
        diagrams.setId("diagram-pane");
        SplitPane columns = new SplitPane(lessons, lesson, diagrams);
        columns.setDividerPositions(0.2, 0.62);
        JournalView journal = new JournalView(model);
        journal.setId("journal-view");
        SplitPane rows = new SplitPane(columns, journal);
        rows.setOrientation(Orientation.VERTICAL);
        rows.setDividerPositions(0.72);

        MenuItem checkHost = new MenuItem("Host check …");
        checkHost.setId("menu-host-check");
        checkHost.setOnAction(event -> checkHost(true));
        Menu help = new Menu("Help", null, checkHost);
        help.setId("menu-help");
        MenuItem openSandbox = new MenuItem("Open the sandbox window");
        openSandbox.setId("menu-open-sandbox");
        openSandbox.setOnAction(event -> openSandbox());
        Menu sandboxMenu = new Menu("Sandbox", null, openSandbox);
        sandboxMenu.setId("menu-sandbox");
        menus = List.of(sandboxMenu, help);
        BorderPane window = new BorderPane(rows);

        hostCheck.setVisible(false);
        masker.setId("image-masker");
        masker.setVisible(false);
        failure.getStyleClass().add("start-failure");
        failure.setVisible(false);
        getChildren().setAll(window, masker, failure, hostCheck);
        openFirstLesson();
    }

    public LessonModel model() {
        return model;
    }

    /** Returns the view's menus, Sandbox and Help, for the window's one menu bar. */
    public List<Menu> menus() {
        return menus;
    }

    /** Opens the sandbox window for free runs after the lessons, or brings it to the front when open. */
    public void openSandbox() {
        if (sandbox != null && sandbox.isOpen()) {
            sandbox.stage().toFront();
            return;
        }
        sandbox = SandboxWindow.open(context, new Stage());
    }

    /** Returns the sandbox window opened from here, or null. */
    public SandboxWindow sandbox() {
        return sandbox;
    }

    /** Prepares the default image off the FX thread, with the mask shown only when it has to be built. */
    public void prepareImage() {
        masker.setText("Preparing the " + ImageStore.DEFAULT_IMAGE + " image (first start only) …");
        masker.setVisible(true);
        failure.setVisible(false);
        context.executor().submit("prepare the default image", this::resolveDefaultImage,
                image -> masker.setVisible(false),
                message -> {
                    masker.setVisible(false);
                    showStartFailure(message);
                });
        // Queued behind the image, so the default-image check finds the image this start made.
        checkHost(false);
    }

    /**
     * Runs the host check on the engine thread and gives its report to the lessons. The table is shown
     * when show is true (Help) and on the learner's first start.
     */
    public void checkHost(boolean show) {
        if (show) {
            hostCheck.showChecking();
            hostCheck.setVisible(true);
        }
        context.executor().submit("check the host", () -> context.engine().checkHost(),
                report -> {
                    model.hostReportProperty().set(report);
                    hostCheck.show(report);
                    if (show || model.firstHostCheck()) {
                        hostCheck.setVisible(true);
                    }
                },
                message -> {
                    hostCheck.showError(message);
                    if (show) {
                        hostCheck.setVisible(true);
                    }
                });
    }

    private void closeHostCheck() {
        hostCheck.setVisible(false);
    }

    /** Resolves the default image on the engine thread; a failure without root adds the sudo command. */
    private Image resolveDefaultImage() {
        try {
            return context.engine().images().resolve(ImageStore.DEFAULT_IMAGE);
        } catch (EngineException failure) {
            if (NativeLibraries.get().libc().geteuid() != 0) {
                throw new EngineException(failure.getMessage() + ". BantuBox makes images and containers as root:"
                        + " close this window and start it again with sudo ./bantubox", failure);
            }
            throw failure;
        }
    }

    private void showStartFailure(String message) {
        Label text = new Label("The image for the lessons could not be prepared. " + message);
        text.setId("start-failure-text");
        text.setWrapText(true);
        Button retry = new Button("Try again");
        retry.setOnAction(event -> prepareImage());
        failure.getChildren().setAll(text, retry);
        failure.setVisible(true);
    }

    private void openFirstLesson() {
        String last = model.progress().lastLesson;
        Lesson first = model.lessons().get(0);
        for (Lesson lesson : model.lessons()) {
            if (lesson.folder.equals(last)) {
                first = lesson;
            }
        }
        model.open(first);
    }
}
