package dev.bantubox.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Names, ports, modes and commands: the small values the network code is built from. */
class NetworkValuesTest {
    private static final String ID = "a4f10f41c07e0c6dcb66d5ddccf2716276592d8f62750ffaa17a48044421aaf1";

    @Test
    void vethNamesFitAndDiffer() {
        Set<String> names = new HashSet<>();
        for (int candidate = 0; candidate < VethPair.CANDIDATES; candidate++) {
            VethPair pair = VethPair.forContainer(ID, candidate);
            assertThat(pair.hostEnd()).hasSizeLessThanOrEqualTo(VethPair.MAX_NAME_LENGTH);
            assertThat(pair.peer()).hasSizeLessThanOrEqualTo(VethPair.MAX_NAME_LENGTH);
            names.add(pair.hostEnd());
            names.add(pair.peer());
        }
        assertThat(names).hasSize(2 * VethPair.CANDIDATES);
        assertThat(VethPair.forContainer(ID, 0).hostEnd()).isEqualTo("bbh" + ID.substring(0, 12));
    }

    @Test
    void publishedPortForms() {
        assertThat(PublishedPort.parse("8080:80")).isEqualTo(new PublishedPort("127.0.0.1", 8080, 80));
        assertThat(PublishedPort.parse("0.0.0.0:8443:443/tcp")).isEqualTo(new PublishedPort("0.0.0.0", 8443, 443));
        assertThatThrownBy(() -> PublishedPort.parse("53:53/udp")).hasMessageContaining("only tcp");
        assertThatThrownBy(() -> PublishedPort.parse("80")).hasMessageContaining("HOSTPORT:PORT");
        assertThatThrownBy(() -> PublishedPort.parse("70000:80")).hasMessageContaining("70000");
        assertThatThrownBy(() -> PublishedPort.parse("http:80")).hasMessageContaining("'http' is not a number");
    }

    @Test
    void networkModeNames() {
        assertThat(NetworkMode.parse("Bridge")).isEqualTo(NetworkMode.BRIDGE);
        assertThatThrownBy(() -> NetworkMode.parse("overlay")).hasMessageContaining("none, bridge, host");
    }

    @Test
    void settingsRejectBadNames() {
        Ipv4Subnet subnet = Ipv4Subnet.parse(NetworkSettings.DEFAULT_SUBNET);
        assertThatThrownBy(() -> new NetworkSettings("a-very-long-bridge", subnet, null)).hasMessageContaining("15");
        assertThatThrownBy(() -> new NetworkSettings("bantubox0", subnet, "../etc")).hasMessageContaining("ip netns list");
        assertThat(NetworkSettings.defaults().inNamespace("bbtest-1").hostNamespacePath())
                .isEqualTo(Path.of("/run/netns/bbtest-1"));
    }

    @Test
    void missingToolNamesPackage() {
        assertThatThrownBy(() -> HostTool.IP.require("set up container networking", List.of(Path.of("/nonexistent"))))
                .hasMessageContaining("'ip'").hasMessageContaining("install the iproute2 package");
        assertThatThrownBy(() -> HostTool.NFT.require("add NAT", List.of()))
                .hasMessageContaining("nftables");
    }

    @Test
    void commandDisplayQuotesForShell() {
        HostCommand command = HostCommand.of(HostTool.IP, "link", "set", "dev", "bantubox0", "alias", "bantubox /var/x")
                .inNetNamespace(Path.of("/proc/42/ns/net"));

        assertThat(command.display())
                .isEqualTo("nsenter --net=/proc/42/ns/net ip link set dev bantubox0 alias 'bantubox /var/x'");
    }

    @Test
    void toolMessagesMapToErrno() {
        assertThat(CommandRunner.errnoName("RTNETLINK answers: File exists")).isEqualTo("EEXIST");
        assertThat(CommandRunner.errnoName("Cannot find device \"bbh1\"")).isEqualTo("ENODEV");
        assertThat(CommandRunner.errnoName("RTNETLINK answers: Operation not permitted")).isEqualTo("EPERM");
        assertThat(CommandRunner.errnoName("something else")).isEqualTo("FAILED");
    }
}
