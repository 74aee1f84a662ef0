package dev.bantubox.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;

import java.util.List;

import org.junit.jupiter.api.Test;

class RunSpecNetworkTest {

    @Test
    void defaultFollowsNetNamespace() {
        assertThat(RunSpec.builder().command("true").build().network()).isEqualTo(NetworkMode.BRIDGE);
        RunSpec withoutNamespace = RunSpec.builder().command("true").toggles(ToggleSet.full().with(Toggle.NET_NS, false))
                .build();
        assertThat(withoutNamespace.network()).isEqualTo(NetworkMode.HOST);
    }

    @Test
    void hostSwitchesNetNamespaceOff() {
        RunSpec spec = RunSpec.builder().command("true").network(NetworkMode.HOST).build();

        assertThat(spec.toggles().has(Toggle.NET_NS)).isFalse();
        assertThat(spec.toBuilder().network(null).toggles(ToggleSet.full()).build().network())
                .as("toBuilder keeps the default open").isEqualTo(NetworkMode.BRIDGE);
    }

    @Test
    void impossibleSettingsAreRejected() {
        ToggleSet noNetNamespace = ToggleSet.full().with(Toggle.NET_NS, false);
        assertThatThrownBy(() -> RunSpec.builder().command("true").toggles(noNetNamespace).network(NetworkMode.BRIDGE)
                .build()).hasMessageContaining("needs NET_NS");
        assertThatThrownBy(() -> RunSpec.builder().command("true").network(NetworkMode.NONE)
                .ports(List.of(PublishedPort.parse("8080:80"))).build()).hasMessageContaining("needs --network bridge");
        assertThatThrownBy(() -> RunSpec.builder().command("true").network(NetworkMode.HOST).nat(true).build())
                .hasMessageContaining("NAT needs --network bridge");
    }
}
