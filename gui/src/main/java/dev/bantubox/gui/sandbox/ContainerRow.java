package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.cgroup.ByteSize;
import dev.bantubox.engine.cgroup.CgroupUsage;
import dev.bantubox.engine.container.ContainerRecord;

import java.util.Locale;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One container of the sandbox table: the latest record and figures as text the table shows, and the
 * usage history that the sparkline and the Stats tab draw. Changed on the FX thread only; a property
 * is set only when its text changes, so an unchanged cell is not laid out again.
 */
public final class ContainerRow {
    private static final String NONE = "–";

    private final String id;
    private final UsageHistory history = new UsageHistory();
    private final ReadOnlyObjectWrapper<ContainerRecord> record = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper image = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper cpu = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyStringWrapper pids = new ReadOnlyStringWrapper(NONE);
    private final ReadOnlyIntegerWrapper historyVersion = new ReadOnlyIntegerWrapper();
    /** The action in progress, such as "stopping", or empty. */
    private final StringProperty pendingAction = new SimpleStringProperty("");
    private final long addedAtNanos = System.nanoTime();
    private String recordStatus = "";

    ContainerRow(ContainerSample first) {
        this.id = first.record().id;
        pendingAction.addListener((property, before, after) -> showStatus());
        apply(first);
    }

    /** Takes a newer sample of this container. */
    void apply(ContainerSample sample) {
        ContainerRecord latest = sample.record();
        record.set(latest);
        name.set(latest.name != null ? latest.name : latest.shortId());
        image.set(latest.image);
        recordStatus = latest.status();
        showStatus();
        running.set(latest.state == ContainerRecord.State.RUNNING);
        CgroupUsage usage = sample.usage();
        if (usage == null) {
            cpu.set(NONE);
            memory.set(NONE);
            pids.set(NONE);
            return;
        }
        double cpuPercent = sample.cpuShare() == null ? Double.NaN : sample.cpuShare() * 100;
        cpu.set(Double.isNaN(cpuPercent) ? NONE : String.format(Locale.ROOT, "%.1f %%", cpuPercent));
        memory.set(withLimit(usage.memoryBytes() == null ? null : ByteSize.format(usage.memoryBytes()),
                usage.memoryLimitBytes() == null ? null : ByteSize.format(usage.memoryLimitBytes())));
        pids.set(withLimit(usage.pids() == null ? null : usage.pids().toString(),
                usage.pidsLimit() == null ? null : usage.pidsLimit().toString()));
        history.add(cpuPercent, usage.memoryBytes() == null ? Double.NaN : usage.memoryBytes(),
                usage.pids() == null ? Double.NaN : usage.pids());
        historyVersion.set(historyVersion.get() + 1);
    }

    private void showStatus() {
        String action = pendingAction.get();
        status.set(action.isEmpty() ? recordStatus : recordStatus + " (" + action + " …)");
    }

    private static String withLimit(String value, String limit) {
        if (value == null) {
            return NONE;
        }
        return limit == null ? value : value + " / " + limit;
    }

    /** Returns the container's full id. */
    public String id() {
        return id;
    }

    /** Returns System.nanoTime() when the row was made. */
    long addedAtNanos() {
        return addedAtNanos;
    }

    /** Returns the ring buffer of CPU, memory and process samples, newest last. */
    public UsageHistory history() {
        return history;
    }

    public ReadOnlyObjectProperty<ContainerRecord> recordProperty() {
        return record.getReadOnlyProperty();
    }

    public ContainerRecord record() {
        return record.get();
    }

    /** The container's name, or its short id when it has none. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty imageProperty() {
        return image.getReadOnlyProperty();
    }

    /** The status as ps shows it, with the action in progress. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The share of one core in percent since the previous sample. */
    public ReadOnlyStringProperty cpuProperty() {
        return cpu.getReadOnlyProperty();
    }

    /** Memory now, with the limit when there is one. */
    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }

    /** Processes and threads now, with the limit when there is one. */
    public ReadOnlyStringProperty pidsProperty() {
        return pids.getReadOnlyProperty();
    }

    /** Counts the samples added to the history: a change means there is a new point to draw. */
    public ReadOnlyIntegerProperty historyVersionProperty() {
        return historyVersion.getReadOnlyProperty();
    }

    public StringProperty pendingActionProperty() {
        return pendingAction;
    }

    @Override
    public String toString() {
        return name.get();
    }
}
