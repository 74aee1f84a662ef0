package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.network.NetworkMode;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.gui.sandbox.CreateRequest.Field;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The create form's values and the problem of each field, checked again on every change with the
 * engine's rules ({@link CreateRequest}). Create is possible only while no field has a problem. The
 * values stay as typed after a create, failed or not.
 */
public final class CreateFormModel {
    /** A command that keeps running and writes a line every two seconds, for the Logs tab. */
    static final String DEFAULT_COMMAND = "sh -c 'while true; do date; sleep 2; done'";

    private final Map<Field, StringProperty> texts = new EnumMap<>(Field.class);
    private final Map<Toggle, BooleanProperty> toggles = new EnumMap<>(Toggle.class);
    private final ObjectProperty<NetworkMode> network = new SimpleObjectProperty<>(NetworkMode.BRIDGE);
    private final BooleanProperty init = new SimpleBooleanProperty(true);
    private final Map<Field, ReadOnlyStringWrapper> problems = new EnumMap<>(Field.class);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper creating = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final Supplier<Set<String>> namesInUse;
    private RunSpec spec;

    /** Creates a form with every toggle on, as a container engine runs; namesInUse lists the taken names. */
    public CreateFormModel(Supplier<Set<String>> namesInUse) {
        this.namesInUse = namesInUse;
        for (Field field : Field.values()) {
            problems.put(field, new ReadOnlyStringWrapper(""));
            if (field != Field.TOGGLES && field != Field.NETWORK) {
                texts.put(field, new SimpleStringProperty(""));
            }
        }
        text(Field.IMAGE).set(ImageStore.DEFAULT_IMAGE);
        text(Field.COMMAND).set(DEFAULT_COMMAND);
        for (Toggle toggle : Toggle.values()) {
            BooleanProperty on = new SimpleBooleanProperty(ToggleSet.full().has(toggle));
            on.addListener(this::changed);
            toggles.put(toggle, on);
        }
        texts.values().forEach(text -> text.addListener(this::changed));
        init.addListener(this::changed);
        network.addListener((property, before, after) -> {
            // Sharing the host's network is what NET_NS off means; the builder switches it off as well.
            if (after == NetworkMode.HOST) {
                toggles.get(Toggle.NET_NS).set(false);
            } else if (before == NetworkMode.HOST) {
                toggles.get(Toggle.NET_NS).set(true);
            }
            changed(property);
        });
        recheck();
    }

    /** Clears the last create's error, which no longer matches the changed form, and checks every field again. */
    private void changed(Observable ignored) {
        error.set("");
        recheck();
    }

    /** Checks every field again, for example after the names in use changed. */
    public void recheck() {
        Set<Toggle> chosen = EnumSet.noneOf(Toggle.class);
        toggles.forEach((toggle, on) -> {
            if (on.get()) {
                chosen.add(toggle);
            }
        });
        CreateRequest.Check check = new CreateRequest(text(Field.IMAGE).get(), text(Field.COMMAND).get(),
                text(Field.NAME).get(), text(Field.HOSTNAME).get(), chosen, text(Field.CPUS).get(),
                text(Field.MEMORY).get(), text(Field.PIDS_LIMIT).get(), network.get(), text(Field.PORTS).get(),
                init.get(), namesInUse.get()).check();
        for (Field field : Field.values()) {
            problems.get(field).set(check.problems().getOrDefault(field, ""));
        }
        spec = check.spec();
        valid.set(check.valid());
    }

    /** Returns the typed text of a field; TOGGLES and NETWORK have none. */
    public StringProperty text(Field field) {
        StringProperty text = texts.get(field);
        if (text == null) {
            throw new IllegalArgumentException(field + " is not a text field of the create form");
        }
        return text;
    }

    public BooleanProperty toggle(Toggle toggle) {
        return toggles.get(toggle);
    }

    public ObjectProperty<NetworkMode> networkProperty() {
        return network;
    }

    /** True to run bantubox-init as the container's first process, so stop ends it with SIGTERM. */
    public BooleanProperty initProperty() {
        return init;
    }

    /** The reason the field's value cannot be used, or empty when it can. */
    public ReadOnlyStringProperty problemProperty(Field field) {
        return problems.get(field).getReadOnlyProperty();
    }

    /** True while no field has a problem. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** True from pressing Create until the engine returns. */
    public ReadOnlyBooleanProperty creatingProperty() {
        return creating.getReadOnlyProperty();
    }

    /** The engine's sentence about the last create that failed, until a value changes; else empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Returns the spec of the form's values, or null while a field has a problem. */
    RunSpec spec() {
        return spec;
    }

    void creatingStarted() {
        creating.set(true);
        error.set("");
    }

    void creatingEnded(String failure) {
        creating.set(false);
        error.set(failure == null ? "" : failure);
    }
}
