package dev.bantubox.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Signal names and numbers as kill -s takes them. */
class SignalsTest {
    @Test
    void namesAndNumbersParsed() {
        assertThat(Signals.number("TERM")).isEqualTo(15);
        assertThat(Signals.number("sigkill")).isEqualTo(9);
        assertThat(Signals.number("HUP")).isEqualTo(1);
        assertThat(Signals.number("10")).isEqualTo(10);
    }

    @Test
    void unknownSignalRejected() {
        assertThatThrownBy(() -> Signals.number("BOGUS")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown signal 'BOGUS'");
        assertThatThrownBy(() -> Signals.number("0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range");
    }
}
