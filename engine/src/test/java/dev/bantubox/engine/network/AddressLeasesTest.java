package dev.bantubox.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressLeasesTest {
    /** A /27 has 29 container addresses. */
    private static final Ipv4Subnet SMALL = Ipv4Subnet.parse("10.203.0.0/27");

    @TempDir
    Path directory;

    @Test
    void concurrentAllocationsNeverShareAddress() throws Exception {
        AddressLeases leases = new AddressLeases(directory, SMALL);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < SMALL.containerAddressCount(); i++) {
                String id = String.format("%064x", i);
                tasks.add(() -> leases.allocate(id).address);
            }
            Set<String> addresses = new HashSet<>();
            for (Future<String> result : pool.invokeAll(tasks)) {
                addresses.add(result.get());
            }

            assertThat(addresses).hasSize(SMALL.containerAddressCount()).doesNotContain(SMALL.gateway());
            assertThatThrownBy(() -> leases.allocate("f".repeat(64))).hasMessageContaining("every address of 10.203.0.0/27");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void releasedAddressIsHandedOutAgain() {
        AddressLeases leases = new AddressLeases(directory, SMALL);
        AddressLeases.Lease first = leases.allocate("a".repeat(64));
        AddressLeases.Lease second = leases.allocate("b".repeat(64));

        leases.release(first.address);
        AddressLeases.Lease third = leases.allocate("c".repeat(64));

        assertThat(second.address).isNotEqualTo(first.address);
        assertThat(third.address).isEqualTo(first.address);
        assertThat(leases.list()).extracting(lease -> lease.containerId).containsExactlyInAnyOrder("b".repeat(64),
                "c".repeat(64));
    }

    @Test
    void updateKeepsAddressTaken() {
        AddressLeases leases = new AddressLeases(directory, SMALL);
        AddressLeases.Lease lease = leases.allocate("a".repeat(64));
        lease.hostInterface = "bbhaaaaaaaaaaaa";

        leases.update(lease);

        assertThat(leases.list()).singleElement().satisfies(stored -> {
            assertThat(stored.hostInterface).isEqualTo("bbhaaaaaaaaaaaa");
            assertThat(stored.enginePid).isEqualTo(ProcessHandle.current().pid());
        });
        assertThat(leases.allocate("b".repeat(64)).address).isNotEqualTo(lease.address);
    }

    @Test
    void leaseOfLiveEngineIsNotStale() throws Exception {
        AddressLeases leases = new AddressLeases(directory, SMALL);
        AddressLeases.Lease ours = leases.allocate("a".repeat(64));
        AddressLeases.Lease crashed = leases.allocate("b".repeat(64));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        crashed.enginePid = ended.pid();

        assertThat(NetworkHook.isStale(ours)).as("lease of this running engine").isFalse();
        assertThat(NetworkHook.isStale(crashed)).as("lease of an ended engine without container").isTrue();
    }
}
