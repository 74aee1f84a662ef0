package dev.bantubox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The COMMAND and CREATED columns of ps. */
class PsCommandTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void ageUsesLargestWholeUnit() {
        assertThat(PsCommand.age(NOW.minusSeconds(1), NOW)).isEqualTo("1 second ago");
        assertThat(PsCommand.age(NOW.minusSeconds(59), NOW)).isEqualTo("59 seconds ago");
        assertThat(PsCommand.age(NOW.minusSeconds(60), NOW)).isEqualTo("1 minute ago");
        assertThat(PsCommand.age(NOW.minusSeconds(2 * 3600 + 5), NOW)).isEqualTo("2 hours ago");
        assertThat(PsCommand.age(NOW.minusSeconds(3 * 86400), NOW)).isEqualTo("3 days ago");
        assertThat(PsCommand.age(NOW.plusSeconds(5), NOW)).as("clock moved back").isEqualTo("0 seconds ago");
    }

    @Test
    void longCommandIsShortened() {
        assertThat(PsCommand.quotedCommand(List.of("sleep", "1000"))).isEqualTo("\"sleep 1000\"");
        assertThat(PsCommand.quotedCommand(List.of("sh", "-c", "echo a very long line of text")))
                .isEqualTo("\"sh -c echo a very l...\"");
    }
}
