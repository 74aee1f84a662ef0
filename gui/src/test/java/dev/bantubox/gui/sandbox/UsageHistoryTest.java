package dev.bantubox.gui.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.gui.sandbox.UsageHistory.Series;

import org.junit.jupiter.api.Test;

/** The ring buffer behind the sparklines and the Stats tab. */
class UsageHistoryTest {
    @Test
    void keepsSamplesOldestFirst() {
        UsageHistory history = new UsageHistory(4);
        history.add(1, 10, 100);
        history.add(2, 20, 200);
        double[] target = new double[4];

        int copied = history.copyLast(Series.MEMORY_BYTES, 4, target);

        assertThat(copied).isEqualTo(2);
        assertThat(target[0]).isEqualTo(10);
        assertThat(target[1]).isEqualTo(20);
        assertThat(history.latest(Series.PIDS)).isEqualTo(200);
    }

    @Test
    void dropsOldestWhenFull() {
        UsageHistory history = new UsageHistory(3);
        for (int i = 1; i <= 5; i++) {
            history.add(i, i, i);
        }
        double[] target = new double[3];

        int copied = history.copyLast(Series.CPU_PERCENT, 3, target);

        assertThat(history.size()).isEqualTo(3);
        assertThat(copied).isEqualTo(3);
        assertThat(target).containsExactly(3, 4, 5);
    }

    @Test
    void copiesOnlyNewestCount() {
        UsageHistory history = new UsageHistory(5);
        for (int i = 1; i <= 7; i++) {
            history.add(i, i, i);
        }
        double[] target = new double[2];

        int copied = history.copyLast(Series.PIDS, 2, target);

        assertThat(copied).isEqualTo(2);
        assertThat(target).containsExactly(6, 7);
    }

    @Test
    void maxIgnoresMissingFigures() {
        UsageHistory history = new UsageHistory(4);
        history.add(Double.NaN, 5, 1);
        history.add(30, 2, 1);
        history.add(Double.NaN, 1, 1);

        assertThat(history.max(Series.CPU_PERCENT, 4)).isEqualTo(30);
        assertThat(history.max(Series.MEMORY_BYTES, 2)).isEqualTo(2);
    }

    @Test
    void emptyHistoryHasNoLatest() {
        assertThat(new UsageHistory().latest(Series.CPU_PERCENT)).isNaN();
    }
}
