package dev.bantubox.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Reading a process's start time from /proc/PID/stat. */
class ProcessIdentityTest {
    @Test
    void fieldSkipsCommandNameWithSpacesAndParentheses() {
        String stat = "123 (a b) c) S 1 123 123 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";

        assertThat(ProcessIdentity.field(stat, 3)).isEqualTo("S");
        assertThat(ProcessIdentity.field(stat, 4)).isEqualTo("1");
        assertThat(ProcessIdentity.field(stat, 22)).isEqualTo("987654");
    }

    @Test
    void startTimeTellsProcessesApart() {
        ProcessIdentity self = ProcessIdentity.self();

        assertThat(self.isAlive()).isTrue();
        assertThat(new ProcessIdentity(self.pid(), self.startTime() + 1).isAlive()).as("same pid, other start").isFalse();
    }

    @Test
    void missingPidHasNoIdentity() {
        assertThat(ProcessIdentity.of(-5)).isEqualTo(Optional.empty());
        assertThat(new ProcessIdentity(0, 0).isAlive()).isFalse();
    }
}
