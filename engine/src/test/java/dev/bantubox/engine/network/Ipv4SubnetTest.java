package dev.bantubox.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Ipv4SubnetTest {

    @Test
    void defaultSubnetAvoidsDockerAndPodman() {
        Ipv4Subnet subnet = Ipv4Subnet.parse(NetworkSettings.DEFAULT_SUBNET);

        assertThat(subnet.overlaps(Ipv4Subnet.parseAddress("172.17.0.0"), 16)).as("Docker's bridge").isFalse();
        assertThat(subnet.overlaps(Ipv4Subnet.parseAddress("172.16.0.0"), 12)).as("Docker's pools").isFalse();
        assertThat(subnet.overlaps(Ipv4Subnet.parseAddress("192.168.0.0"), 16)).as("Docker's pools").isFalse();
        assertThat(subnet.overlaps(Ipv4Subnet.parseAddress("10.88.0.0"), 16)).as("Podman's bridge").isFalse();
    }

    @Test
    void gatewayAndContainerAddresses() {
        Ipv4Subnet subnet = Ipv4Subnet.parse("10.203.0.0/24");

        assertThat(subnet.gateway()).isEqualTo("10.203.0.1");
        assertThat(subnet.containerAddress(0)).isEqualTo("10.203.0.2");
        assertThat(subnet.containerAddressCount()).isEqualTo(253);
        assertThat(subnet.containerAddress(252)).isEqualTo("10.203.0.254");
        assertThat(subnet.withPrefix("10.203.0.9")).isEqualTo("10.203.0.9/24");
        assertThatThrownBy(() -> subnet.containerAddress(253)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void containsAndOverlaps() {
        Ipv4Subnet subnet = Ipv4Subnet.parse("10.203.4.0/22");

        assertThat(subnet.contains("10.203.7.255")).isTrue();
        assertThat(subnet.contains("10.203.8.0")).isFalse();
        assertThat(subnet.overlaps(Ipv4Subnet.parseAddress("10.0.0.0"), 8)).isTrue();
        assertThat(subnet.overlaps(Ipv4Subnet.parseAddress("10.203.5.7"), 32)).isTrue();
        assertThat(subnet.overlaps(Ipv4Subnet.parseAddress("10.204.0.0"), 16)).isFalse();
    }

    @Test
    void invalidSubnetsAreRejected() {
        assertThatThrownBy(() -> Ipv4Subnet.parse("10.203.0.1/24")).hasMessageContaining("network address is 10.203.0.0");
        assertThatThrownBy(() -> Ipv4Subnet.parse("10.0.0.0/8")).hasMessageContaining("/16 to /30");
        assertThatThrownBy(() -> Ipv4Subnet.parse("10.203.0.0/31")).hasMessageContaining("/16 to /30");
        assertThatThrownBy(() -> Ipv4Subnet.parse("10.203.0.0")).hasMessageContaining("A.B.C.D/N");
        assertThatThrownBy(() -> Ipv4Subnet.parse("10.256.0.0/16")).hasMessageContaining("256");
    }
}
