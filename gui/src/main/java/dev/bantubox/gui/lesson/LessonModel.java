package dev.bantubox.gui.lesson;

import dev.bantubox.engine.cgroup.CgroupUsage;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.host.CheckResult;
import dev.bantubox.engine.host.HostReport;
import dev.bantubox.engine.inspect.ContainerSnapshot;
import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.lesson.CommandSplitter;
import dev.bantubox.engine.lesson.Experiment;
import dev.bantubox.engine.lesson.ExperimentResult;
import dev.bantubox.engine.lesson.ExperimentRunner;
import dev.bantubox.engine.lesson.Lesson;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.gui.AppContext;
import dev.bantubox.gui.progress.LearnerProgress;

import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The state of lesson mode: the open lesson and experiment, the toggles and command the learner set,
 * and what the last run showed. Lives on the FX thread; runs go through the app's engine executor.
 */
public final class LessonModel {
    private static final Logger LOG = Logger.getLogger(LessonModel.class.getName());
    /** How often a running container's cgroup figures are read: four points a second on the CPU chart. */
    public static final Duration USAGE_PERIOD = Duration.ofMillis(250);
    /** The maximum number of usage samples kept; older ones scroll off the chart. */
    private static final int MAX_SAMPLES = 240;

    private final AppContext context;
    private final ExperimentRunner runner;
    private final LearnerProgress progress;

    // Properties
    private final ObjectProperty<Lesson> lesson = new SimpleObjectProperty<>();
    private final IntegerProperty experimentIndex = new SimpleIntegerProperty(-1);
    private final Map<Toggle, BooleanProperty> toggles = new EnumMap<>(Toggle.class);
    private final StringProperty toggleProblem = new SimpleStringProperty("");
    private final StringProperty command = new SimpleStringProperty("");
    private final IntegerProperty checkpointChoice = new SimpleIntegerProperty(-1);
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final ObjectProperty<RunState> state = new SimpleObjectProperty<>(RunState.IDLE);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty output = new SimpleStringProperty("");
    private final ObservableList<JournalRecord> journal = FXCollections.observableArrayList();
    private final ObjectProperty<ContainerSnapshot> snapshot = new SimpleObjectProperty<>();
    private final ObjectProperty<ExperimentResult> result = new SimpleObjectProperty<>();
    private final ObjectProperty<ContainerRecord> container = new SimpleObjectProperty<>();
    private final ObjectProperty<ContainerRecord> peer = new SimpleObjectProperty<>();
    private final ObservableList<CgroupUsage> usage = FXCollections.observableArrayList();
    private final ObjectProperty<HostReport> hostReport = new SimpleObjectProperty<>();
    private final javafx.beans.binding.StringBinding neededCheckWarning;
    /** Ends the sampling of the running container's cgroup figures; touched on the FX thread only. */
    private Runnable stopSampling = () -> { };
    private final IntegerProperty progressVersion = new SimpleIntegerProperty();
    private final BooleanBinding canRun;

    public LessonModel(AppContext context) {
        this.context = context;
        this.runner = new ExperimentRunner(context.engine());
        this.progress = context.progress().load();
        for (Toggle toggle : Toggle.values()) {
            BooleanProperty on = new SimpleBooleanProperty();
            on.addListener((property, before, after) -> checkToggles());
            toggles.put(toggle, on);
        }
        canRun = Bindings.createBooleanBinding(
                () -> !running.get() && checkpointChoice.get() >= 0 && toggleProblem.get().isEmpty()
                        && !command.get().isBlank() && lesson.get() != null,
                running, checkpointChoice, toggleProblem, command, lesson);
        neededCheckWarning = Bindings.createStringBinding(this::describeFailedNeeds, lesson, hostReport);
    }

    public ObjectProperty<Lesson> lessonProperty() {
        return lesson;
    }

    public IntegerProperty experimentIndexProperty() {
        return experimentIndex;
    }

    public BooleanProperty toggleProperty(Toggle toggle) {
        return toggles.get(toggle);
    }

    /** Why the switched-on toggles cannot run together, or empty when they can. */
    public StringProperty toggleProblemProperty() {
        return toggleProblem;
    }

    public StringProperty commandProperty() {
        return command;
    }

    /** The checkpoint choice the learner picked, or -1 before they answered. */
    public IntegerProperty checkpointChoiceProperty() {
        return checkpointChoice;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public ObjectProperty<RunState> stateProperty() {
        return state;
    }

    /** A sentence on the last run, or on why Run is not available yet. */
    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty outputProperty() {
        return output;
    }

    public ObservableList<JournalRecord> journal() {
        return journal;
    }

    public ObjectProperty<ContainerSnapshot> snapshotProperty() {
        return snapshot;
    }

    public ObjectProperty<ExperimentResult> resultProperty() {
        return result;
    }

    /** The record of the last run's container as it started: its id, cgroups and network connection. */
    public ObjectProperty<ContainerRecord> containerProperty() {
        return container;
    }

    /** The record of the last run's peer container on the bridge, or null when the experiment has none. */
    public ObjectProperty<ContainerRecord> peerProperty() {
        return peer;
    }

    /** The cgroup figures of the last run's container, sampled while its command ran, oldest first. */
    public ObservableList<CgroupUsage> usage() {
        return usage;
    }

    /** The host check's results, once the app ran it; null before. */
    public ObjectProperty<HostReport> hostReportProperty() {
        return hostReport;
    }

    /** The sentence on the open lesson's failed host checks, or an empty string when none failed. */
    public javafx.beans.binding.StringBinding neededCheckWarning() {
        return neededCheckWarning;
    }

    /** Changes whenever saved progress changes, so the lesson list can redraw its marks. */
    public IntegerProperty progressVersionProperty() {
        return progressVersion;
    }

    public BooleanBinding canRunBinding() {
        return canRun;
    }

    public LearnerProgress progress() {
        return progress;
    }

    /** The runner of this model's experiments, which records the containers the app started. */
    public ExperimentRunner runner() {
        return runner;
    }

    /** Lists the lessons in order. */
    public List<Lesson> lessons() {
        return context.lessons().lessons();
    }

    // Commands

    /** Opens lesson with its first experiment and the learner's saved checkpoint answer. */
    public void open(Lesson opened) {
        Integer answer = progress.checkpointAnswers.get(opened.folder);
        checkpointChoice.set(answer == null ? -1 : answer);
        lesson.set(opened);
        experimentIndex.set(-1);
        selectExperiment(0);
        progress.lastLesson = opened.folder;
        saveProgress();
    }

    /** Presets the command and toggles of the lesson's experiment at index. */
    public void selectExperiment(int index) {
        Lesson current = lesson.get();
        Experiment experiment = current.experiments.get(index);
        experimentIndex.set(index);
        command.set(experiment.command);
        Set<Toggle> on = experiment.toggleSet(current).enabled();
        for (Toggle toggle : Toggle.values()) {
            toggles.get(toggle).set(on.contains(toggle));
        }
        clearRun();
        String missing = dev.bantubox.engine.lesson.EngineFeatures.missingFor(experiment);
        if (missing != null) {
            showState(RunState.SKIPPED, "This experiment " + missing + "; its text and command are here to read.");
        }
    }

    /** Returns true once, on the learner's first start, so the host check's table is shown then. */
    public boolean firstHostCheck() {
        if (progress.hostCheckShown) {
            return false;
        }
        progress.hostCheckShown = true;
        saveProgress();
        return true;
    }

    /** Records the learner's checkpoint choice, which unlocks Run. */
    public void answer(int choice) {
        // Saved first: the lesson list redraws its mark from the progress when the choice changes.
        progress.checkpointAnswers.put(lesson.get().folder, choice);
        checkpointChoice.set(choice);
        if (state.get() == RunState.IDLE) {
            status.set("");
        }
        saveProgress();
    }

    /** Starts the experiment with the current command and toggles; results arrive on the FX thread. */
    public void run() {
        if (!canRun.get()) {
            return;
        }
        Lesson current = lesson.get();
        int index = experimentIndex.get();
        Experiment experiment = current.experiments.get(index);
        String commandText = command.get();
        try {
            CommandSplitter.split(commandText);
        } catch (IllegalArgumentException invalid) {
            clearRun();
            showState(RunState.ERROR, capitalised(invalid.getMessage()) + ".");
            return;
        }
        ToggleSet chosen = ToggleSet.of(enabledToggles());
        // The previous run's journal and diagrams stay until this run's replace them, which saves the
        // table and the diagrams one rebuild per run. The status line shows that a new run is under way.
        output.set("");
        running.set(true);
        showState(RunState.RUNNING, "Running " + commandText + " …");
        peer.set(null);
        ExperimentRunner.Listener listener = new ExperimentRunner.Listener() {
            @Override
            public void peerRunning(ContainerRecord record) {
                Platform.runLater(() -> peer.set(record));
            }

            @Override
            public void running(ContainerRecord record) {
                boolean hasCgroups = record.cgroups != null && !record.cgroups.isEmpty();
                // The first sample is read here, on the engine thread, while the command still runs. A short
                // command such as lesson 11's dd can end before the sampler's first turn.
                CgroupUsage first = hasCgroups ? firstSample(record) : null;
                Platform.runLater(() -> {
                    container.set(record);
                    usage.clear();
                    if (first != null) {
                        usage.add(first);
                    }
                    if (hasCgroups) {
                        stopSampling.run();
                        stopSampling = context.executor().sampleEvery("cgroup usage of container " + record.shortId(),
                                USAGE_PERIOD, () -> context.engine().usage(record.id), LessonModel.this::addSample);
                    }
                });
            }

            @Override
            public void started(List<JournalRecord> launchJournal) {
                Platform.runLater(() -> journal.setAll(launchJournal));
            }

            @Override
            public void inspected(ContainerSnapshot seen) {
                Platform.runLater(() -> snapshot.set(seen));
            }
        };
        context.executor().submit("lesson " + current.folder + " experiment " + (index + 1),
                () -> runner.run(experiment, chosen, commandText, listener),
                finished -> finish(current, index, finished),
                message -> {
                    running.set(false);
                    stopSampling.run();
                    journal.clear();
                    snapshot.set(null);
                    result.set(null);
                    showState(RunState.ERROR, message);
                });
    }

    /**
     * Kills the running experiment's command. This bypasses the engine executor, which is busy waiting
     * for that very command; kill(2) returns at once, so the FX thread does not wait.
     */
    public void stop() {
        if (running.get()) {
            runner.stop();
            status.set("Stopping the command with SIGKILL …");
        }
    }

    private void finish(Lesson ran, int index, ExperimentResult finished) {
        running.set(false);
        stopSampling.run();
        result.set(finished);
        output.set(finished.output());
        // The journal usually arrived already when the command started; setting an equal list again
        // would only make the table lay itself out once more.
        if (!journal.equals(finished.journal())) {
            journal.setAll(finished.journal());
        }
        snapshot.set(finished.snapshot());
        String engineSentence = finished.engineError() == null ? "" : " " + capitalised(finished.engineError()) + ".";
        if (!finished.leftoverMounts().isEmpty()) {
            engineSentence += " The run left " + String.join(", ", finished.leftoverMounts()) + " in the host's mount"
                    + " table; the engine detached it afterwards.";
        }
        if (finished.skipped() != null) {
            showState(RunState.SKIPPED, "Not run: this experiment " + finished.skipped() + ".");
        } else if (finished.failures().isEmpty()) {
            showState(RunState.PASSED, "Exit status " + finished.exitCode() + "." + engineSentence
                    + " This is what the lesson expects.");
            recordIfPassed(ran, index, finished);
        } else if (finished.engineError() != null) {
            showState(RunState.ERROR, engineSentence.strip());
        } else {
            showState(RunState.UNEXPECTED, "Exit status " + finished.exitCode() + ". Not what the lesson expects: "
                    + String.join("; ", finished.failures()) + ". With changed toggles or command that can be the point.");
        }
    }

    private void recordIfPassed(Lesson ran, int index, ExperimentResult finished) {
        if (finished.passed() && progress.markPassed(ran.folder, index)) {
            progressVersion.set(progressVersion.get() + 1);
            saveProgress();
        }
    }

    private void checkToggles() {
        List<String> problems = ToggleSet.problemsWith(enabledToggles());
        toggleProblem.set(String.join(" ", problems));
    }

    private Set<Toggle> enabledToggles() {
        Set<Toggle> on = EnumSet.noneOf(Toggle.class);
        toggles.forEach((toggle, property) -> {
            if (property.get()) {
                on.add(toggle);
            }
        });
        return on;
    }

    private String describeFailedNeeds() {
        Lesson current = lesson.get();
        HostReport report = hostReport.get();
        if (current == null || report == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (var check : current.neededChecks()) {
            CheckResult result = report.result(check).orElse(null);
            if (result != null && result.failed()) {
                text.append(text.isEmpty() ? "" : " ").append("This lesson needs ").append(check.title())
                        .append(", which fails on this machine: ").append(result.explanation()).append('.');
            }
        }
        if (!text.isEmpty()) {
            text.append(" Its experiments will fail until then; Help > Host check shows every check.");
        }
        return text.toString();
    }

    private CgroupUsage firstSample(ContainerRecord record) {
        try {
            return context.engine().usage(record.id);
        } catch (RuntimeException unreadable) {
            LOG.log(Level.FINE, "container " + record.shortId() + ": no first cgroup sample: " + unreadable.getMessage());
            return null;
        }
    }

    private void addSample(CgroupUsage sample) {
        if (usage.size() >= MAX_SAMPLES) {
            usage.remove(0);
        }
        usage.add(sample);
    }

    private void clearRun() {
        stopSampling.run();
        container.set(null);
        peer.set(null);
        usage.clear();
        output.set("");
        journal.clear();
        snapshot.set(null);
        result.set(null);
        showState(RunState.IDLE, "");
    }

    private void showState(RunState newState, String sentence) {
        state.set(newState);
        boolean locked = newState == RunState.IDLE && sentence.isEmpty() && checkpointChoice.get() < 0;
        status.set(locked ? "Answer the checkpoint question below the toggles to unlock Run." : sentence);
    }

    private void saveProgress() {
        String json = context.progress().toJson(progress);
        context.executor().submit("save progress", () -> {
            context.progress().write(json);
            return json;
        }, saved -> { }, message -> LOG.log(Level.WARNING, "progress not saved to " + context.progress().file()
                + ": " + message));
    }

    private static String capitalised(String text) {
        String trimmed = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return trimmed.isEmpty() ? trimmed : Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
    }
}
