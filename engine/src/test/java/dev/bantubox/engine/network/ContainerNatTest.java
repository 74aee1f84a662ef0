package dev.bantubox.engine.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.container.RunningContainer;
import dev.bantubox.engine.kernel.LibC;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.plan.LaunchRequest;
import dev.bantubox.engine.testing.TestHome;
import dev.bantubox.engine.testing.TestNetworkNamespace;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * NAT and the forwarding check. The "outside" is a second network namespace made by the test,
 * joined to the host-side namespace by a veth pair on the documentation range 192.0.2.0/24 (RFC
 * 5737). It has no route back to the container subnet, so a reply arrives only when MASQUERADE
 * rewrote the container's address.
 */
class ContainerNatTest {
    private static final int O_RDWR = 2;
    private static final String OUTSIDE_ADDRESS = "192.0.2.2";
    private static final String HOST_OUTSIDE_ADDRESS = "192.0.2.1";

    private TestHome home;
    private TestNetworkNamespace outside;
    private Engine engine;

    @BeforeEach
    void createNetworks() {
        home = TestHome.create();
        engine = home.engine();
        outside = TestNetworkNamespace.create();
        TestNetworkNamespace hostSide = home.network();
        hostSide.ip("link", "add", "bbtout", "type", "veth", "peer", "name", "bbtin", "netns", outside.name());
        hostSide.ip("addr", "add", HOST_OUTSIDE_ADDRESS + "/24", "dev", "bbtout");
        hostSide.ip("link", "set", "dev", "bbtout", "up");
        outside.ip("addr", "add", OUTSIDE_ADDRESS + "/24", "dev", "bbtin");
        outside.ip("link", "set", "dev", "bbtin", "up");
    }

    @AfterEach
    void removeNetworks() {
        try {
            outside.close();
        } finally {
            home.close();
        }
    }

    @Test
    void natRewritesContainerAddress() throws Exception {
        try (ServerSocket server = outside.call(() -> new ServerSocket(9000, 1,
                new InetSocketAddress(OUTSIDE_ADDRESS, 9000).getAddress()))) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> acceptOne(server));

            RunOutcome outcome = engine.runAndCapture(RunSpec.builder().nat(true)
                    .command("sh", "-c", "echo via-nat | nc -w 3 " + OUTSIDE_ADDRESS + " 9000").removeOnExit(true).build());

            assertThat(outcome.exitCode()).as("output: %s", outcome.output()).isZero();
            assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo(HOST_OUTSIDE_ADDRESS + " via-nat\n");
        }
        String table = home.network().exec("nft", "list", "set", "ip", "bantubox0", "nat_sources");
        assertThat(table).as("NAT sources after the container ended").doesNotContain("elements");
        assertThat(engine.network().leases().list()).isEmpty();
    }

    @Test
    void dropPolicyIsReportedAndLeftAlone() {
        TestNetworkNamespace hostSide = home.network();
        hostSide.exec("nft", "add", "table", "ip", "othersoftware");
        hostSide.exec("nft", "add", "chain", "ip", "othersoftware", "forward",
                "{ type filter hook forward priority 0 ; policy drop ; }");
        int devNull = NativeLibraries.get().libc().open("/dev/null", O_RDWR | LibC.O_CLOEXEC);
        try {
            RunningContainer container = engine.start(RunSpec.builder().nat(true).command("true").removeOnExit(true)
                    .build(), new LaunchRequest.Stdio(devNull, devNull, devNull));
            container.waitForExit();

            assertThat(container.record().network.notes)
                    .anySatisfy(note -> assertThat(note).contains("chain forward of table ip othersoftware")
                            .contains("drop"));
            assertThat(hostSide.exec("nft", "list", "chain", "ip", "othersoftware", "forward"))
                    .as("the other software's chain").contains("policy drop;").doesNotContain("bantubox0");
        } finally {
            NativeLibraries.get().libc().close(devNull);
        }
    }

    /** Accepts one connection and returns "PEERADDRESS DATA". */
    private static String acceptOne(ServerSocket server) {
        try (Socket client = server.accept()) {
            client.setSoTimeout(5000);
            InputStream in = client.getInputStream();
            String data = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return client.getInetAddress().getHostAddress() + " " + data;
        } catch (Exception e) {
            return "failed: " + e;
        }
    }
}
