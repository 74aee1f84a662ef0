package dev.bantubox.engine.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Durations of repeated runs, in nanoseconds, with the percentiles a benchmark prints. */
public final class Samples {
    private final String label;
    private final List<Long> nanos = new ArrayList<>();

    public Samples(String label) {
        this.label = label;
    }

    public void add(long durationNanos) {
        nanos.add(durationNanos);
    }

    public String label() {
        return label;
    }

    public int count() {
        return nanos.size();
    }

    /** The value below which the given fraction of samples lie (nearest-rank method). */
    public double percentileMillis(double fraction) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(fraction * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1_000_000.0;
    }

    public double medianMillis() {
        return percentileMillis(0.5);
    }

    public double p99Millis() {
        return percentileMillis(0.99);
    }

    /** One table row: label, runs, median, p99, and the median's ratio to a reference. */
    public String row(Samples reference) {
        String ratio = reference == null || reference.count() == 0 ? "-"
                : String.format(Locale.ROOT, "%.2fx", medianMillis() / reference.medianMillis());
        return String.format(Locale.ROOT, "%-74s %5d %10.3f %10.3f %8s", label, count(), medianMillis(), p99Millis(), ratio);
    }

    public static String header(String referenceName) {
        return String.format(Locale.ROOT, "%-74s %5s %10s %10s %8s", "launcher", "runs", "median ms", "p99 ms",
                "vs " + referenceName);
    }
}
