package dev.bantubox.gui.sandbox;

/**
 * The last samples of one container's CPU, memory and process count, oldest first, in a ring buffer of
 * fixed capacity: at one sample per second, the default of 300 is the last five minutes. Used on the
 * FX thread only.
 */
public final class UsageHistory {
    /** Five minutes at one sample per second. */
    public static final int DEFAULT_CAPACITY = 300;

    /** The figures the history keeps. */
    public enum Series { CPU_PERCENT, MEMORY_BYTES, PIDS }

    private final int capacity;
    private final double[][] values;
    private int next;
    private int size;

    public UsageHistory() {
        this(DEFAULT_CAPACITY);
    }

    public UsageHistory(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a usage history needs room for at least 2 samples, not " + capacity);
        }
        this.capacity = capacity;
        this.values = new double[Series.values().length][capacity];
    }

    /** Adds one sample; NaN marks a figure the host does not offer. The oldest sample goes when full. */
    public void add(double cpuPercent, double memoryBytes, double pids) {
        values[Series.CPU_PERCENT.ordinal()][next] = cpuPercent;
        values[Series.MEMORY_BYTES.ordinal()][next] = memoryBytes;
        values[Series.PIDS.ordinal()][next] = pids;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
    }

    public int capacity() {
        return capacity;
    }

    /** Returns the number of samples kept, at most the capacity. */
    public int size() {
        return size;
    }

    /**
     * Copies the last count samples of series into target, oldest first, and returns how many were
     * copied: fewer than count when the history is shorter.
     */
    public int copyLast(Series series, int count, double[] target) {
        int copied = Math.min(Math.min(count, size), target.length);
        double[] ring = values[series.ordinal()];
        int start = Math.floorMod(next - copied, capacity);
        for (int i = 0; i < copied; i++) {
            target[i] = ring[(start + i) % capacity];
        }
        return copied;
    }

    /** Returns the largest value of series over the last count samples, ignoring NaN; 0 when there is none. */
    public double max(Series series, int count) {
        double[] ring = values[series.ordinal()];
        int kept = Math.min(count, size);
        double max = 0;
        for (int i = 1; i <= kept; i++) {
            double value = ring[Math.floorMod(next - i, capacity)];
            if (!Double.isNaN(value) && value > max) {
                max = value;
            }
        }
        return max;
    }

    /** Returns the newest value of series, or NaN when there is no sample. */
    public double latest(Series series) {
        return size == 0 ? Double.NaN : values[series.ordinal()][Math.floorMod(next - 1, capacity)];
    }
}
