package dev.bantubox.gui.presenter;

import dev.bantubox.engine.lesson.Lesson;
import dev.bantubox.gui.AppContext;
import dev.bantubox.gui.diagram.DiagramPane;
import dev.bantubox.gui.lesson.LessonModel;
import dev.bantubox.gui.theme.ThemeManager;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Presenter mode: a projector window for the room (the audience view) and a window for the instructor
 * (the presenter view), both showing the step of the one lesson model, so the main window follows too.
 * The projector has its own scale and takes the second screen when there is one.
 */
public final class PresenterMode {
    /** How much one press of + or − changes the projector's scale. */
    public static final double SCALE_STEP = 0.25;
    /** The projector's scale when presenter mode opens: large enough for a room, small enough for a lesson. */
    public static final double DEFAULT_AUDIENCE_SCALE = 1.5;
    private static final Logger LOG = Logger.getLogger(PresenterMode.class.getName());
    private static final String STYLESHEET = "/dev/bantubox/gui/presenter.css";
    private static final double PRESENTER_WIDTH = 1100;
    private static final double PRESENTER_HEIGHT = 720;

    private final AppContext context;
    private final LessonModel model;
    private final DiagramPane mainDiagrams;
    private final Window mainWindow;
    private final ThemeManager audienceTheme = new ThemeManager();

    // Properties
    private final BooleanProperty active = new SimpleBooleanProperty();
    private final BooleanProperty blanked = new SimpleBooleanProperty();
    private final BooleanProperty frozen = new SimpleBooleanProperty();
    private final BooleanProperty zoomed = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");

    private Stage audienceStage;
    private Stage presenterStage;
    private AudienceView audience;
    private PresenterView presenter;
    private long startNanos;

    /**
     * Creates presenter mode for the main window, whose diagrams "Export diagram" writes while the
     * projector is closed.
     */
    public PresenterMode(AppContext context, LessonModel model, DiagramPane mainDiagrams, Window mainWindow) {
        this.context = context;
        this.model = model;
        this.mainDiagrams = mainDiagrams;
        this.mainWindow = mainWindow;
        audienceTheme.setScale(DEFAULT_AUDIENCE_SCALE);
        audienceTheme.themeProperty().bind(context.theme().themeProperty());
    }

    /** Makes F5 in scene open presenter mode. */
    public void install(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), this::open);
    }

    public ReadOnlyBooleanProperty activeProperty() {
        return active;
    }

    /** True while the projector shows a black screen. */
    public BooleanProperty blankedProperty() {
        return blanked;
    }

    /** True while the projector shows a picture of itself taken when it was frozen. */
    public BooleanProperty frozenProperty() {
        return frozen;
    }

    /** True while the diagrams fill the projector. */
    public BooleanProperty zoomedProperty() {
        return zoomed;
    }

    /** The outcome of the last workshop reset or diagram export, for the presenter. */
    public StringProperty messageProperty() {
        return message;
    }

    /** The projector's theme manager: its scale is the projector's alone, its theme is the app's. */
    public ThemeManager audienceTheme() {
        return audienceTheme;
    }

    /** The projector window while presenter mode is open, else null. */
    public Stage audienceStage() {
        return audienceStage;
    }

    /** The instructor's window while presenter mode is open, else null. */
    public Stage presenterStage() {
        return presenterStage;
    }

    /** The projector's content while presenter mode is open, else null. */
    public AudienceView audienceView() {
        return audience;
    }

    long startNanos() {
        return startNanos;
    }

    // Commands

    /** Opens the projector and presenter windows, or brings them to the front when they are open. */
    public void open() {
        if (active.get()) {
            presenterStage.toFront();
            return;
        }
        startNanos = System.nanoTime();
        blanked.set(false);
        frozen.set(false);
        zoomed.set(false);
        message.set("");
        openAudience();
        openPresenter();
        active.set(true);
        LOG.info("presenter mode opened; the projector is on screen " + describe(audienceScreen()));
    }

    /** Closes both windows; the main window stays on the step they showed. */
    public void close() {
        if (!active.get()) {
            return;
        }
        active.set(false);
        presenter.stopClock();
        audienceTheme.release(audienceStage.getScene());
        context.theme().release(presenterStage.getScene());
        audienceStage.close();
        presenterStage.close();
        audienceStage = null;
        presenterStage = null;
        audience = null;
        presenter = null;
    }

    /** Moves to the next experiment, or to the first of the next lesson. */
    public void next() {
        currentStep().flatMap(step -> step.next(model.lessons())).ifPresent(this::show);
    }

    /** Moves to the previous experiment, or to the last of the previous lesson. */
    public void back() {
        currentStep().flatMap(step -> step.previous(model.lessons())).ifPresent(this::show);
    }

    /** Opens the first experiment of the lesson with that number; a number no lesson has does nothing. */
    public void jumpToLesson(int number) {
        List<Lesson> lessons = model.lessons();
        for (int i = 0; i < lessons.size(); i++) {
            if (lessons.get(i).number == number) {
                show(new LessonStep(i, 0));
                return;
            }
        }
    }

    /**
     * Runs the current experiment, or stops it while it runs. Run needs what the lesson window needs:
     * an answered checkpoint and toggles that go together; otherwise the status line says what is missing.
     */
    public void runOrStop() {
        if (model.runningProperty().get()) {
            model.stop();
        } else if (model.canRunBinding().get()) {
            model.run();
        } else {
            message.set(model.statusProperty().get().isEmpty() ? "Run is not available for this experiment yet."
                    : model.statusProperty().get());
        }
    }

    public void toggleBlank() {
        blanked.set(!blanked.get());
    }

    public void toggleFreeze() {
        frozen.set(!frozen.get());
    }

    public void toggleZoom() {
        zoomed.set(!zoomed.get());
    }

    /** Changes the projector's scale by delta (0.25 is 25 points), kept between 100 % and 300 %. */
    public void changeScale(double delta) {
        double rounded = Math.round((audienceTheme.scaleProperty().get() + delta) * 100) / 100.0;
        audienceTheme.setScale(rounded);
    }

    /** Switches the app and the projector to the next theme: light, dark, high contrast. */
    public void cycleTheme() {
        context.theme().themeProperty().set(context.theme().themeProperty().get().next());
    }

    /**
     * Kills the running experiment, then removes every container the app started that still exists.
     * The removal waits on the engine thread for that run to end.
     */
    public void resetWorkshop() {
        model.stop();
        message.set("Resetting the workshop …");
        context.executor().submit("reset the workshop", () -> WorkshopActions.removeStartedContainers(context.engine(),
                model.runner()), removed -> {
                    String sentence = removed.isEmpty() ? "Workshop reset: no container of the app was left."
                            : "Workshop reset: removed " + String.join(", ", removed) + ".";
                    message.set(sentence);
                    model.statusProperty().set(sentence);
                }, failure -> {
                    message.set("Workshop reset failed: " + failure);
                    model.statusProperty().set(message.get());
                });
    }

    /** Writes the diagram shown now (the projector's while it is open) to file as PNG. */
    public Path exportDiagram(Path file) throws IOException {
        DiagramPane pane = audience != null ? audience.diagrams() : mainDiagrams;
        return WorkshopActions.writeDiagramPng(pane, file);
    }

    /** Asks where to write the diagram, then writes it; the outcome goes to the message line. */
    public void exportDiagramWithChooser() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export diagram as PNG");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        Lesson lesson = model.lessonProperty().get();
        chooser.setInitialFileName((lesson == null ? "diagram" : lesson.folder) + "-diagram.png");
        Window owner = presenterStage != null ? presenterStage : mainWindow;
        File chosen = chooser.showSaveDialog(owner);
        if (chosen == null) {
            return;
        }
        try {
            Path written = exportDiagram(chosen.toPath());
            message.set("Diagram written to " + written + ".");
        } catch (IOException | RuntimeException failure) {
            LOG.log(Level.WARNING, "exporting the diagram to " + chosen + " failed", failure);
            message.set("The diagram could not be written to " + chosen + ": " + failure.getMessage());
        }
        model.statusProperty().set(message.get());
    }

    private Optional<LessonStep> currentStep() {
        Lesson lesson = model.lessonProperty().get();
        if (lesson == null) {
            return Optional.empty();
        }
        return Optional.of(new LessonStep(model.lessons().indexOf(lesson), Math.max(0, model.experimentIndexProperty().get())));
    }

    /** Opens step in the lesson model, which every window follows; ignored while an experiment runs. */
    private void show(LessonStep step) {
        if (model.runningProperty().get()) {
            message.set("An experiment is running: wait for it to end, or stop it, before moving on.");
            return;
        }
        Lesson target = model.lessons().get(step.lessonIndex());
        if (target != model.lessonProperty().get()) {
            model.open(target);
        }
        model.selectExperiment(step.experimentIndex());
    }

    private void openAudience() {
        audience = new AudienceView(model, blanked, frozen, zoomed);
        Screen screen = audienceScreen();
        Rectangle2D bounds = screen.getBounds();
        Scene scene = new Scene(audience, bounds.getWidth(), bounds.getHeight());
        audienceTheme.apply(scene);
        scene.getStylesheets().add(stylesheet());
        PresenterKeys.install(scene, this);
        audienceStage = new Stage();
        audienceStage.setTitle("BantuBox (projector)");
        audienceStage.setScene(scene);
        audienceStage.setX(bounds.getMinX());
        audienceStage.setY(bounds.getMinY());
        // Escape leaves presenter mode through the key handler, not only full screen.
        audienceStage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        audienceStage.setFullScreenExitHint("");
        audienceStage.setFullScreen(true);
        audienceStage.setOnCloseRequest(event -> close());
        audienceStage.show();
    }

    private void openPresenter() {
        presenter = new PresenterView(this, model);
        Rectangle2D primary = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(presenter, Math.min(PRESENTER_WIDTH, primary.getWidth()),
                Math.min(PRESENTER_HEIGHT, primary.getHeight()));
        context.theme().apply(scene);
        scene.getStylesheets().add(stylesheet());
        PresenterKeys.install(scene, this);
        presenterStage = new Stage();
        presenterStage.setTitle("BantuBox presenter");
        presenterStage.setScene(scene);
        presenterStage.setOnCloseRequest(event -> close());
        presenterStage.show();
    }

    /** Returns the screen for the projector, as {@link #projectorScreenIndex} picks it. */
    private Screen audienceScreen() {
        List<Screen> screens = Screen.getScreens();
        Rectangle2D main = mainWindow == null ? Screen.getPrimary().getBounds()
                : new Rectangle2D(mainWindow.getX(), mainWindow.getY(), Math.max(1, mainWindow.getWidth()),
                        Math.max(1, mainWindow.getHeight()));
        List<Rectangle2D> bounds = screens.stream().map(Screen::getBounds).toList();
        // NOTE: the tests run on Monocle's single headless screen, so placing the projector on a second
        // screen has only been checked through projectorScreenIndex, not on real monitors.
        return screens.get(projectorScreenIndex(bounds, main, screens.indexOf(Screen.getPrimary())));
    }

    /**
     * Returns the index of the projector's screen: the first screen the main window does not overlap,
     * else the first one it overlaps, else the primary screen.
     */
    static int projectorScreenIndex(List<Rectangle2D> screens, Rectangle2D mainWindow, int primaryIndex) {
        for (int i = 0; i < screens.size(); i++) {
            if (!screens.get(i).intersects(mainWindow)) {
                return i;
            }
        }
        for (int i = 0; i < screens.size(); i++) {
            if (screens.get(i).intersects(mainWindow)) {
                return i;
            }
        }
        return Math.max(0, primaryIndex);
    }

    private static String describe(Screen screen) {
        Rectangle2D bounds = screen.getBounds();
        return (int) bounds.getWidth() + "x" + (int) bounds.getHeight() + " at " + (int) bounds.getMinX() + ","
                + (int) bounds.getMinY();
    }

    private static String stylesheet() {
        return Objects.requireNonNull(PresenterMode.class.getResource(STYLESHEET), STYLESHEET + " is missing from the app")
                .toExternalForm();
    }
}
