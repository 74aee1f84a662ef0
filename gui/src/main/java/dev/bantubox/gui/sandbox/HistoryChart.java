package dev.bantubox.gui.sandbox;

import java.util.function.DoubleFunction;

import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One figure of a container over the whole usage history (five minutes at one sample per second): a
 * sparkline as wide as the tab, the value at its top edge, and the latest and largest values.
 */
final class HistoryChart extends VBox {
    private final UsageHistory.Series series;
    private final DoubleFunction<String> format;
    private final Label figures = new Label();
    private final Label top = new Label();
    private final Sparkline line = new Sparkline(UsageHistory.DEFAULT_CAPACITY);

    HistoryChart(String title, String id, UsageHistory.Series series, DoubleFunction<String> format) {
        this.series = series;
        this.format = format;
        setId(id);
        getStyleClass().add("history-chart");
        Label heading = new Label(title);
        heading.getStyleClass().add("history-title");
        figures.getStyleClass().add("history-figures");
        top.getStyleClass().add("history-axis");
        Label start = new Label("5 min ago");
        Label end = new Label("now");
        start.getStyleClass().add("history-axis");
        end.getStyleClass().add("history-axis");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        BorderPane plot = new BorderPane(line, top, null, new HBox(start, gap, end), null);
        line.getStyleClass().add("history-line");
        VBox.setVgrow(plot, Priority.ALWAYS);
        getChildren().setAll(new HBox(heading, figures), plot);
    }

    /**
     * Draws history scaled to its largest value, so that the trend shows even far below the limit. The
     * limit, when the container has one, is given as a figure.
     */
    void show(UsageHistory history, Double limit, boolean running) {
        double max = history.max(series, history.capacity());
        double scale = max > 0 ? max * 1.2 : 1;
        double latest = history.latest(series);
        figures.setText((running ? "now " : "last ") + (Double.isNaN(latest) ? "–" : format.apply(latest)) + ", at most "
                + format.apply(max) + (limit != null ? ", limit " + format.apply(limit) : ""));
        top.setText(format.apply(scale));
        line.show(history, series, scale);
    }

    void clear(String sentence) {
        figures.setText(sentence);
        top.setText("");
        line.clear();
    }
}
