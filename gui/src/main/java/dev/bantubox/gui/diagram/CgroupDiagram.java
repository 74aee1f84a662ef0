package dev.bantubox.gui.diagram;

import dev.bantubox.engine.cgroup.ByteSize;
import dev.bantubox.engine.cgroup.CgroupUsage;
import dev.bantubox.engine.inspect.ContainerSnapshot;

import java.util.List;
import java.util.Locale;

import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The container's cgroups: each limit against the usage the kernel counts, sampled live while the
 * command runs, the share of a core it used over time, and the cgroups its first process belongs to.
 */
public final class CgroupDiagram extends VBox {
    private final ObservableList<CgroupUsage> samples;
    private final ObservableBooleanValue running;
    private final Label figuresNote = DiagramLabels.note("");
    private final GridPane figures = new GridPane();
    private final UsageRow cpu = new UsageRow("cpu", "CPU");
    private final UsageRow memory = new UsageRow("memory", "Memory");
    private final UsageRow pids = new UsageRow("pids", "Processes");
    private final XYChart.Series<Number, Number> cpuShare = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> cpuLimit = new XYChart.Series<>();
    private final LineChart<Number, Number> cpuChart;
    private final VBox membership = new VBox();
    /** The samples the chart's points come from, oldest first. */
    private final List<CgroupUsage> charted = new java.util.ArrayList<>();
    /** True while the diagram's tab is selected. The figures and chart are redrawn only then. */
    private boolean showing;
    private boolean samplesOutdated;

    public CgroupDiagram(ObservableList<CgroupUsage> samples, ObservableBooleanValue running) {
        this.samples = samples;
        this.running = running;
        getStyleClass().addAll("diagram", "cgroup-diagram");
        figures.getStyleClass().addAll("diagram", "cgroup-figures");
        figures.setId("cgroup-figures");
        cpu.addTo(figures, 0);
        memory.addTo(figures, 1);
        pids.addTo(figures, 2);
        membership.getStyleClass().add("diagram");

        NumberAxis time = new NumberAxis();
        time.setLabel("seconds since the command started");
        time.setForceZeroInRange(true);
        NumberAxis share = new NumberAxis();
        share.setLabel("cores");
        share.setForceZeroInRange(true);
        cpuChart = new LineChart<>(time, share);
        cpuChart.setId("cpu-usage-chart");
        cpuChart.getStyleClass().add("cpu-usage-chart");
        cpuChart.setTitle("CPU used, live");
        cpuChart.setAnimated(false);
        cpuChart.setCreateSymbols(false);
        cpuShare.setName("used");
        cpuLimit.setName("limit (--cpus)");
        cpuChart.getData().setAll(List.of(cpuShare, cpuLimit));

        getChildren().setAll(DiagramLabels.header("Limit against usage"), figuresNote, figures, cpuChart,
                membership);
        samples.addListener((ListChangeListener<CgroupUsage>) change -> samplesChanged());
        running.addListener((property, before, after) -> samplesChanged());
        showSamples();
        clear("Run an experiment to see its cgroups.");
    }

    public void clear(String sentence) {
        membership.getChildren().setAll(DiagramLabels.note(sentence));
    }

    /**
     * Tells the diagram whether its tab is selected. Samples that arrive while it is not are drawn
     * when it is selected again, so a hidden chart costs the FX thread nothing.
     */
    public void setShowing(boolean selected) {
        showing = selected;
        if (showing && samplesOutdated) {
            showSamples();
        }
    }

    private void samplesChanged() {
        if (showing) {
            showSamples();
        } else {
            samplesOutdated = true;
        }
    }

    public void show(ContainerSnapshot snapshot) {
        if (snapshot.missed() != null) {
            clear("No cgroup membership to show: " + snapshot.missed() + ".");
            return;
        }
        membership.getChildren().setAll(DiagramLabels.header("Member of (hierarchy : controllers : path)"));
        for (String line : snapshot.cgroups()) {
            membership.getChildren().add(DiagramLabels.box(line, "cgroup-line"));
        }
    }

    /** Redraws the figures from the newest sample and the chart from all of them. */
    private void showSamples() {
        samplesOutdated = false;
        boolean any = !samples.isEmpty();
        figures.setVisible(any);
        figures.setManaged(any);
        if (!any) {
            figuresNote.setText("The figures appear while a command runs; the engine reads them from the"
                    + " container's cgroup four times a second.");
            cpuChart.setVisible(false);
            cpuChart.setManaged(false);
            cpuShare.getData().clear();
            cpuLimit.getData().clear();
            charted.clear();
            return;
        }

        CgroupUsage newest = samples.get(samples.size() - 1);
        CgroupUsage first = samples.get(0);
        boolean live = running.get();
        // While the command runs, the newest figures are shown. Its last sample is often read as it exits,
        // so after the run the CPU share over the whole run and the peaks are shown instead.
        Double share = samples.size() < 2 ? null
                : live ? newest.cpuShareSince(samples.get(samples.size() - 2)) : newest.cpuShareSince(first);
        if (live) {
            figuresNote.setText("Live, four samples a second: " + samples.size() + " so far.");
        } else {
            figuresNote.setText(samples.size() == 1
                    ? "One sample, read as the command started; it ended before the next one."
                    : samples.size() + " samples, read while the command ran: the CPU share over the run and"
                    + " the peaks of memory and processes.");
        }

        String throttled = newest.throttledPeriods() == null || newest.throttledPeriods() == 0 ? ""
                : "held back in " + newest.throttledPeriods() + " of " + newest.cpuPeriods() + " periods";
        if (share == null && newest.cpuNanos() != null) {
            cpu.showText(String.format(Locale.ROOT, "%.1f ms of CPU time", newest.cpuNanos() / 1e6) + "  /  "
                    + (newest.cpuLimit() == null ? "no limit" : "limit " + cores(newest.cpuLimit()))
                    + "; the share of a core needs a second sample");
        } else {
            cpu.show(live ? "" : "mean ", share, newest.cpuLimit(), CgroupDiagram::cores, throttled);
        }

        Long memoryShown = live || newest.memoryPeakBytes() == null ? newest.memoryBytes() : newest.memoryPeakBytes();
        memory.show(live ? "" : "peak ", memoryShown == null ? null : memoryShown.doubleValue(),
                newest.memoryLimitBytes() == null ? null : newest.memoryLimitBytes().doubleValue(),
                bytes -> ByteSize.format(Math.round(bytes)),
                newest.oomKills() == null || newest.oomKills() == 0 ? "" : newest.oomKills() + " OOM kill(s)");
        Long pidsShown = live ? newest.pids() : samples.stream().map(CgroupUsage::pids)
                .filter(java.util.Objects::nonNull).max(Long::compare).orElse(null);
        pids.show(live ? "" : "peak ", pidsShown == null ? null : pidsShown.doubleValue(),
                newest.pidsLimit() == null ? null : newest.pidsLimit().doubleValue(),
                count -> String.valueOf(Math.round(count)),
                newest.rejectedForks() == null || newest.rejectedForks() == 0 ? ""
                        : newest.rejectedForks() + " fork() calls refused");

        drawCpuChart();
    }

    private void drawCpuChart() {
        boolean drawable = samples.size() >= 2;
        cpuChart.setVisible(drawable);
        cpuChart.setManaged(drawable);
        if (!drawable) {
            return;
        }
        int size = samples.size();
        boolean current = charted.size() == size && charted.get(0) == samples.get(0)
                && charted.get(size - 1) == samples.get(size - 1);
        if (current) {
            return;
        }
        boolean oneNewSample = charted.size() == size - 1 && charted.get(0) == samples.get(0)
                && charted.get(charted.size() - 1) == samples.get(size - 2);
        if (oneNewSample) {
            // The common case while a command runs: one point more, instead of the whole series again.
            addPoint(samples.get(size - 2), samples.get(size - 1), cpuShare.getData(), cpuLimit.getData());
            charted.add(samples.get(size - 1));
            return;
        }
        List<XYChart.Data<Number, Number>> used = new java.util.ArrayList<>();
        List<XYChart.Data<Number, Number>> limit = new java.util.ArrayList<>();
        for (int i = 1; i < size; i++) {
            addPoint(samples.get(i - 1), samples.get(i), used, limit);
        }
        cpuShare.getData().setAll(used);
        cpuLimit.getData().setAll(limit);
        charted.clear();
        charted.addAll(samples);
    }

    /** Adds the CPU share from previous to sample, and the limit at sample, at the seconds since the first sample. */
    private void addPoint(CgroupUsage previous, CgroupUsage sample, List<XYChart.Data<Number, Number>> used,
                          List<XYChart.Data<Number, Number>> limit) {
        Double share = sample.cpuShareSince(previous);
        double seconds = (sample.sampledAtNanos() - samples.get(0).sampledAtNanos()) / 1e9;
        if (share != null) {
            used.add(new XYChart.Data<>(seconds, share));
        }
        if (sample.cpuLimit() != null) {
            limit.add(new XYChart.Data<>(seconds, sample.cpuLimit()));
        }
    }

    private static String cores(double value) {
        return String.format(Locale.ROOT, "%.2f of a core", value);
    }

    /** One line of the figures: name, a bar of usage against the limit, and the figures in words. */
    private static final class UsageRow {
        private final Label name;
        private final ProgressBar bar = new ProgressBar(0);
        private final Label text = new Label();

        UsageRow(String id, String title) {
            name = new Label(title);
            name.getStyleClass().add("diagram-header");
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            bar.setId("usage-bar-" + id);
            bar.getStyleClass().add("usage-bar");
            bar.setMaxWidth(Double.MAX_VALUE);
            text.setId("usage-" + id);
            text.getStyleClass().add("usage-text");
            text.setWrapText(true);
        }

        void addTo(GridPane grid, int row) {
            grid.add(name, 0, row * 2);
            grid.add(bar, 1, row * 2);
            grid.add(text, 1, row * 2 + 1);
            GridPane.setHgrow(bar, Priority.ALWAYS);
        }

        void showText(String figures) {
            text.setText(figures);
            bar.setProgress(0);
            bar.getStyleClass().remove("usage-near-limit");
        }

        void show(String usedPrefix, Double used, Double limit, java.util.function.DoubleFunction<String> unit,
                  String extra) {
            String usedText = used == null ? "not counted on this host" : usedPrefix + unit.apply(used);
            String limitText = limit == null ? "no limit" : "limit " + unit.apply(limit);
            text.setText(usedText + "  /  " + limitText + (extra.isEmpty() ? "" : "  ·  " + extra));
            boolean measurable = used != null && limit != null && limit > 0;
            bar.setProgress(measurable ? Math.min(1, used / limit) : 0);
            bar.getStyleClass().remove("usage-near-limit");
            if (measurable && used / limit >= 0.8) {
                bar.getStyleClass().add("usage-near-limit");
            }
        }
    }
}
