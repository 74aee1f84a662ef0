package dev.bantubox.engine.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandSplitterTest {
    @Test
    void singleQuotesKeepEverything() {
        assertThat(CommandSplitter.split("sh -c 'echo \"$$\"; exit 3'")).containsExactly("sh", "-c", "echo \"$$\"; exit 3");
    }

    @Test
    void doubleQuotesAndBackslashes() {
        assertThat(CommandSplitter.split("echo \"a \\\"b\\\" c\" d\\ e  ''")).containsExactly("echo", "a \"b\" c", "d e", "");
    }

    @Test
    void unclosedQuoteIsRejected() {
        assertThatThrownBy(() -> CommandSplitter.split("sh -c 'echo")).hasMessageContaining("unclosed ' quote");
    }

    @Test
    void blankCommandIsRejected() {
        assertThatThrownBy(() -> CommandSplitter.split("   ")).hasMessageContaining("the command is empty");
    }
}
