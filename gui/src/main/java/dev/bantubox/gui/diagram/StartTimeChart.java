package dev.bantubox.gui.diagram;

import dev.bantubox.engine.lesson.ExperimentResult;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * Bars of root preparation time and whole launch time for each run of a comparison, from the journal.
 * The two series are made once, and a run with the same bars only gives them new values, so the FX
 * thread does not rebuild the legend and every bar node (with their CSS) at each run.
 */
public final class StartTimeChart extends BarChart<String, Number> {
    private final XYChart.Series<String, Number> prepare = new XYChart.Series<>();
    private final XYChart.Series<String, Number> launch = new XYChart.Series<>();

    public StartTimeChart() {
        super(new CategoryAxis(), new NumberAxis());
        getStyleClass().addAll("diagram", "start-time-chart");
        setTitle("Start time, from the journal");
        getYAxis().setLabel("milliseconds");
        setAnimated(false);
        prepare.setName("prepare the root");
        launch.setName("whole launch");
        getData().setAll(List.of(prepare, launch));
    }

    public void show(ExperimentResult result) {
        List<ExperimentResult.StartTime> times = result.startTimes();
        List<String> labels = new ArrayList<>();
        for (ExperimentResult.StartTime time : times) {
            labels.add(time.label());
        }
        if (!labels.equals(categories())) {
            List<XYChart.Data<String, Number>> prepareBars = new ArrayList<>();
            List<XYChart.Data<String, Number>> launchBars = new ArrayList<>();
            for (ExperimentResult.StartTime time : times) {
                prepareBars.add(new XYChart.Data<>(time.label(), time.prepareMillis()));
                launchBars.add(new XYChart.Data<>(time.label(), time.launchMillis()));
            }
            prepare.getData().setAll(prepareBars);
            launch.getData().setAll(launchBars);
            return;
        }
        for (int i = 0; i < times.size(); i++) {
            prepare.getData().get(i).setYValue(times.get(i).prepareMillis());
            launch.getData().get(i).setYValue(times.get(i).launchMillis());
        }
    }

    /** Returns the labels of the bars shown now, in order. */
    private List<String> categories() {
        List<String> labels = new ArrayList<>();
        for (XYChart.Data<String, Number> bar : prepare.getData()) {
            labels.add(bar.getXValue());
        }
        return labels;
    }
}
