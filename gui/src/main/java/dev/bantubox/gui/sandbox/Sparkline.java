package dev.bantubox.gui.sandbox;

import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;

/**
 * A line of the last values of one figure, drawn as one Polyline whose points are replaced in place:
 * cheap enough for every row of the table to redraw each second. The newest value is at the right
 * edge, and the line fills the width once there are as many values as slots.
 */
public final class Sparkline extends Region {
    private final Polyline line = new Polyline();
    private final int slots;
    private final double[] values;
    private int count;
    private double max = 1;

    /** Creates a sparkline with room for slots values across its width. */
    public Sparkline(int slots) {
        if (slots < 2) {
            throw new IllegalArgumentException("a sparkline needs at least 2 slots, not " + slots);
        }
        this.slots = slots;
        this.values = new double[slots];
        getStyleClass().add("sparkline");
        line.getStyleClass().add("sparkline-line");
        line.setManaged(false);
        getChildren().add(line);
    }

    /**
     * Shows the newest values of series in history, scaled so that max is the top edge. NaN values
     * (figures the host does not offer) are drawn at the bottom.
     */
    public void show(UsageHistory history, UsageHistory.Series series, double max) {
        count = history.copyLast(series, slots, values);
        this.max = max > 0 ? max : 1;
        plot();
    }

    /** Draws nothing, for a container without figures. */
    public void clear() {
        count = 0;
        plot();
    }

    /** Returns the number of points now drawn, for tests. */
    public int pointCount() {
        return line.getPoints().size() / 2;
    }

    @Override
    protected void layoutChildren() {
        plot();
    }

    private void plot() {
        double width = getWidth() - snappedLeftInset() - snappedRightInset();
        double height = getHeight() - snappedTopInset() - snappedBottomInset();
        if (width <= 0 || height <= 0 || count == 0) {
            line.getPoints().clear();
            return;
        }
        Double[] points = new Double[count * 2];
        double step = width / (slots - 1);
        double firstX = snappedLeftInset() + width - step * (count - 1);
        double bottom = snappedTopInset() + height;
        for (int i = 0; i < count; i++) {
            double value = Double.isNaN(values[i]) ? 0 : Math.min(values[i], max);
            points[2 * i] = firstX + step * i;
            points[2 * i + 1] = bottom - value / max * height;
        }
        line.getPoints().setAll(points);
    }
}
