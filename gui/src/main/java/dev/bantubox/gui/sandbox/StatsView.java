package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.cgroup.ByteSize;
import dev.bantubox.engine.cgroup.CgroupLimits;
import dev.bantubox.engine.container.ContainerRecord;

import java.util.Locale;

import javafx.beans.InvalidationListener;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Stats tab: CPU, memory and processes of the selected container over the last five minutes, from
 * the samples the table takes each second. The history is kept while the sandbox window is open, so
 * it starts when the window opened or the container started, whichever came later.
 */
public final class StatsView extends VBox {
    private final Label note = new Label();
    private final HistoryChart cpu = new HistoryChart("CPU", "stats-cpu", UsageHistory.Series.CPU_PERCENT,
            value -> String.format(Locale.ROOT, "%.1f %%", value));
    private final HistoryChart memory = new HistoryChart("Memory", "stats-memory", UsageHistory.Series.MEMORY_BYTES,
            value -> ByteSize.format(Math.round(value)));
    private final HistoryChart pids = new HistoryChart("Processes", "stats-pids", UsageHistory.Series.PIDS,
            value -> String.valueOf(Math.round(value)));
    private final InvalidationListener redraw = ignored -> draw();
    private ContainerRow shown;
    private boolean visible;

    public StatsView() {
        setId("stats-view");
        getStyleClass().add("stats-view");
        note.getStyleClass().add("stats-note");
        note.setWrapText(true);
        for (HistoryChart chart : new HistoryChart[] {cpu, memory, pids}) {
            VBox.setVgrow(chart, Priority.ALWAYS);
        }
        getChildren().setAll(note, cpu, memory, pids);
        show(null);
    }

    /** Follows row's history; the charts are redrawn at each sample while the tab is visible. */
    public void show(ContainerRow row) {
        if (shown != null) {
            shown.historyVersionProperty().removeListener(redraw);
        }
        shown = row;
        if (shown != null) {
            shown.historyVersionProperty().addListener(redraw);
        }
        draw();
    }

    /** Tells the view whether its tab is selected; a hidden tab is not redrawn. */
    public void setShown(boolean shownNow) {
        visible = shownNow;
        draw();
    }

    private void draw() {
        if (!visible) {
            return;
        }
        if (shown == null || shown.history().size() == 0) {
            String sentence = shown == null ? "Select a container in the table."
                    : "No samples yet: figures are taken each second while the container runs.";
            note.setText(sentence);
            cpu.clear("");
            memory.clear("");
            pids.clear("");
            return;
        }
        ContainerRecord record = shown.record();
        boolean running = shown.runningProperty().get();
        note.setText("Samples taken each second since the window opened or the container started, up to five"
                + " minutes; 100 % is one full core." + (running ? "" : " The container has ended: these are the"
                + " last figures it had."));
        CgroupLimits limits = record.limits;
        cpu.show(shown.history(), limits != null && limits.cpus() != null ? limits.cpus() * 100 : null, running);
        memory.show(shown.history(), limits != null && limits.memoryBytes() != null ? limits.memoryBytes().doubleValue()
                : null, running);
        pids.show(shown.history(), limits != null && limits.pidsLimit() != null ? limits.pidsLimit().doubleValue() : null,
                running);
    }
}
