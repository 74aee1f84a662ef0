package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.image.Image;
import dev.bantubox.engine.image.ImageStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The sandbox window's state: every container of the engine home as a row, refreshed each second from
 * the records and the cgroups, the selected one, and the lifecycle actions. Actions run on the
 * sandbox's own workers and end with an extra sample, so the table shows their effect at once.
 */
public final class SandboxModel implements AutoCloseable {
    /** How long stop waits after SIGTERM before it sends SIGKILL, as docker stop does by default. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);
    public static final Duration SAMPLE_PERIOD = Duration.ofSeconds(1);

    private final Engine engine;
    private final SandboxWorkers workers;
    private final ContainerSampler sampler;
    private final ObservableList<ContainerRow> rows = FXCollections.observableArrayList();
    private final Map<String, ContainerRow> rowsById = new HashMap<>();
    private final ObjectProperty<ContainerRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<String> imageNames = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper samplesApplied = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<ContainerRow> shellRequest = new ReadOnlyObjectWrapper<>();
    private final CreateFormModel form;
    private Runnable stopSampling = () -> { };

    public SandboxModel(Engine engine, SandboxWorkers workers) {
        this.engine = engine;
        this.workers = workers;
        this.sampler = new ContainerSampler(engine);
        this.form = new CreateFormModel(this::namesInUse);
        imageNames.setAll(ImageStore.DEFAULT_IMAGE, ImageStore.STARTER_IMAGE);
    }

    /** Starts sampling every second and reads the image list. */
    public void start() {
        stopSampling = workers.sampleEvery("sample the sandbox's containers", SAMPLE_PERIOD, sampler::sample, this::apply);
        workers.read("list the images", () -> engine.images().list(), this::showImages, message::set);
    }

    private void showImages(List<Image> images) {
        Set<String> names = new TreeSet<>(List.of(ImageStore.DEFAULT_IMAGE, ImageStore.STARTER_IMAGE));
        images.forEach(image -> names.add(image.name()));
        imageNames.setAll(names);
    }

    /**
     * Shows a sample of every container: rows of new containers are added, rows of removed ones go,
     * the others are updated in place. A row added after the sample began stays, because the sample could
     * not list it yet.
     */
    void apply(ContainerSampler.TableSample table) {
        Set<String> seen = new HashSet<>();
        List<ContainerRow> added = new ArrayList<>();
        for (ContainerSample sample : table.containers()) {
            String id = sample.record().id;
            seen.add(id);
            ContainerRow row = rowsById.get(id);
            if (row == null) {
                row = new ContainerRow(sample);
                rowsById.put(id, row);
                added.add(row);
            } else {
                row.apply(sample);
            }
        }
        rowsById.forEach((id, row) -> {
            if (row.addedAtNanos() - table.startedNanos() > 0) {
                seen.add(id);
            }
        });
        boolean removedAny = rowsById.keySet().retainAll(seen);
        if (removedAny) {
            rows.removeIf(row -> !seen.contains(row.id()));
            if (selected.get() != null && !seen.contains(selected.get().id())) {
                selected.set(null);
            }
        }
        rows.addAll(added);
        if (removedAny || !added.isEmpty()) {
            form.recheck();
        }
        samplesApplied.set(samplesApplied.get() + 1);
    }

    /** Samples once more right away, after an action changed a container. */
    private void sampleNow() {
        workers.onSampler(() -> {
            ContainerSampler.TableSample table = sampler.sample();
            Platform.runLater(() -> apply(table));
        });
    }

    /**
     * Creates a container from the form's values in the background. The form keeps every value after a
     * failure, and every value but the name after a success.
     */
    public void create() {
        RunSpec spec = form.spec();
        if (spec == null || form.creatingProperty().get()) {
            return;
        }
        form.creatingStarted();
        workers.act("create a container of " + spec.image(), "create", () -> engine.startDetached(spec).record(),
                record -> {
                    form.creatingEnded(null);
                    // A name names one container only; the other values stay for the next one.
                    form.text(CreateRequest.Field.NAME).set("");
                    message.set("");
                    ContainerRow row = rowsById.get(record.id);
                    if (row == null) {
                        // Shown before the next sample lists it, so it can be selected at once.
                        row = new ContainerRow(new ContainerSample(record, null, null));
                        rowsById.put(record.id, row);
                        rows.add(row);
                        form.recheck();
                    }
                    selected.set(row);
                    sampleNow();
                },
                form::creatingEnded);
    }

    /** Stops the container: SIGTERM, then SIGKILL after {@link #STOP_GRACE}. */
    public void stop(ContainerRow row) {
        act(row, "stopping", "stop", () -> engine.stop(row.id(), STOP_GRACE));
    }

    /** Sends signal (a number, see signal(7)) to the container's first process. */
    public void kill(ContainerRow row, int signal) {
        act(row, "signalling", "kill -" + signal, () -> {
            engine.kill(row.id(), signal);
            return null;
        });
    }

    /** Starts the container again in its own folder, stopping it first when it runs. */
    public void restart(ContainerRow row) {
        act(row, "restarting", "restart", () -> engine.restart(row.id(), STOP_GRACE));
    }

    /** Removes the container; a running one is killed with SIGKILL first. */
    public void remove(ContainerRow row) {
        act(row, "removing", "remove", () -> {
            engine.remove(row.id(), true);
            return null;
        });
    }

    /** Removes every container in the table, killing the running ones first. */
    public void removeAll() {
        for (ContainerRow row : List.copyOf(rows)) {
            remove(row);
        }
    }

    /** Asks the view to open a shell in the container, in the Terminal tab. */
    public void openShell(ContainerRow row) {
        selected.set(row);
        shellRequest.set(null);
        shellRequest.set(row);
    }

    private void act(ContainerRow row, String pending, String verb, Callable<?> work) {
        String what = verb + " container " + row.nameProperty().get();
        row.pendingActionProperty().set(pending);
        workers.act(what, row.id(), work, result -> {
            row.pendingActionProperty().set("");
            message.set("");
            sampleNow();
        }, failure -> {
            row.pendingActionProperty().set("");
            message.set(failure);
            sampleNow();
        });
    }

    private Set<String> namesInUse() {
        Set<String> names = new HashSet<>();
        for (ContainerRow row : rows) {
            if (row.record().name != null) {
                names.add(row.record().name);
            }
        }
        return names;
    }

    public Engine engine() {
        return engine;
    }

    public SandboxWorkers workers() {
        return workers;
    }

    public CreateFormModel form() {
        return form;
    }

    /** Every container of the engine home, oldest first. */
    public ObservableList<ContainerRow> rows() {
        return rows;
    }

    public ObjectProperty<ContainerRow> selectedProperty() {
        return selected;
    }

    /** Image names for the create form: the store's, and the built-in ones that are made on first use. */
    public ObservableList<String> imageNames() {
        return imageNames;
    }

    /** The sentence of the last failed action, or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Counts the samples shown so far: each change is one table update. */
    public ReadOnlyIntegerProperty samplesAppliedProperty() {
        return samplesApplied.getReadOnlyProperty();
    }

    /** The container the learner asked a shell for, most recently; set again on every request. */
    public ReadOnlyObjectProperty<ContainerRow> shellRequestProperty() {
        return shellRequest.getReadOnlyProperty();
    }

    /** Stops sampling; actions already started still finish. */
    @Override
    public void close() {
        stopSampling.run();
        workers.close();
    }
}
