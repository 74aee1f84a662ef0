package dev.bantubox.gui.diagram;

import dev.bantubox.engine.lesson.ExperimentResult;

import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/** Bars of root preparation time and whole launch time for each run of a comparison, from the journal. */
public final class StartTimeChart extends BarChart<String, Number> {
    public StartTimeChart() {
        super(new CategoryAxis(), new NumberAxis());
        getStyleClass().addAll("diagram", "start-time-chart");
        setTitle("Start time, from the journal");
        getYAxis().setLabel("milliseconds");
        setAnimated(false);
    }

    public void show(ExperimentResult result) {
        XYChart.Series<String, Number> prepare = new XYChart.Series<>();
        prepare.setName("prepare the root");
        XYChart.Series<String, Number> launch = new XYChart.Series<>();
        launch.setName("whole launch");
        for (ExperimentResult.StartTime time : result.startTimes()) {
            prepare.getData().add(new XYChart.Data<>(time.label(), time.prepareMillis()));
            launch.getData().add(new XYChart.Data<>(time.label(), time.launchMillis()));
        }
        getData().setAll(java.util.List.of(prepare, launch));
    }
}
