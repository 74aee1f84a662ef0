package dev.bantubox.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.container.Launch;
import dev.bantubox.engine.container.LaunchContext;
import dev.bantubox.engine.container.LaunchHook;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.container.StateReconciler;
import dev.bantubox.engine.container.RunningContainer;
import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.kernel.LibC;
import dev.bantubox.engine.kernel.NativeLibraries;
import dev.bantubox.engine.plan.LaunchRequest;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.engine.testing.TestHome;
import dev.bantubox.engine.testing.TestNetworkNamespace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bridged, isolated and host networking against the real kernel. The bridge and every host end are in
 * the test home's own network namespace. All traffic stays there, in the containers' namespaces,
 * and on that namespace's loopback.
 */
class ContainerNetworkTest {
    private static final int SIGKILL = 9;
    private static final int O_RDWR = 2;
    private static TestHome home;
    private static Engine engine;
    private static TestNetworkNamespace hostSide;
    private static int devNull;
    /** Standard input, output and error on /dev/null, for containers started in the background. */
    private static LaunchRequest.Stdio quiet;

    @BeforeAll
    static void createHome() {
        home = TestHome.create();
        engine = home.engine();
        hostSide = home.network();
        devNull = NativeLibraries.get().libc().open("/dev/null", O_RDWR | LibC.O_CLOEXEC);
        quiet = new LaunchRequest.Stdio(devNull, devNull, devNull);
    }

    @AfterAll
    static void removeHome() {
        NativeLibraries.get().libc().close(devNull);
        home.close();
    }

    /** Checks that each test left only lo and the bridge in the namespace, with no bridge port and no lease. */
    @AfterEach
    void nothingIsLeftBehind() {
        assertThat(hostSide.links()).as("links in %s", hostSide.name()).isSubsetOf("lo", "bantubox0");
        assertThat(engine.network().bridgePorts()).as("ports of bantubox0").isEmpty();
        assertThat(engine.network().leases().list()).as("address leases").isEmpty();
    }

    @Test
    void twoContainersReachEachOther() throws Exception {
        RunningContainer server = engine.start(RunSpec.builder().command("nc", "-l", "-p", "7000", "-e", "cat")
                .removeOnExit(true).build(), quiet);
        try {
            String serverAddress = addressOf(server);
            // The server's nc may not listen yet when the client starts, so the client retries.
            RunOutcome client = engine.runAndCapture(RunSpec.builder().command("sh", "-c",
                    "ping -c1 -W2 " + serverAddress + " && for i in $(seq 50); do"
                            + " reply=$(echo round-trip | nc -w 2 " + serverAddress + " 7000) && [ -n \"$reply\" ]"
                            + " && echo \"reply: $reply\" && exit 0; sleep 0.1; done; exit 1")
                    .removeOnExit(true).build());

            assertThat(client.output()).as("client output").contains("1 packets received");
            assertThat(client.output()).as("client output").contains("reply: round-trip");
            assertThat(client.exitCode()).as("client output: %s", client.output()).isZero();
        } finally {
            stop(server);
        }
    }

    @Test
    void containerGetsEthernetAddressAndDefaultRoute() {
        RunOutcome outcome = engine.runAndCapture(RunSpec.builder()
                .command("sh", "-c", "ip -o -4 addr show dev eth0; ip route; ip -o link show dev lo")
                .removeOnExit(true).build());

        assertThat(outcome.exitCode()).as("output: %s", outcome.output()).isZero();
        assertThat(outcome.output()).containsPattern("eth0\\s+inet 10\\.203\\.0\\.\\d+/24");
        assertThat(outcome.output()).contains("default via 10.203.0.1 dev eth0");
        assertThat(outcome.output()).containsPattern("lo: <LOOPBACK,UP");
    }

    @Test
    void journalShowsEachIpCommand() {
        RunOutcome outcome = engine.runAndCapture(RunSpec.builder().command("true").removeOnExit(true).build());
        List<String> calls = outcome.journal().stream().filter(entry -> entry.side() == JournalRecord.Side.ENGINE)
                .map(JournalRecord::call).toList();

        assertThat(calls).anySatisfy(call -> assertThat(call).matches(
                "ip -n " + hostSide.name() + " link add bbh[0-9a-f]{12} type veth peer name bbc[0-9a-f]{12}"));
        assertThat(calls).anySatisfy(call -> assertThat(call).matches(
                "ip -n " + hostSide.name() + " link set dev bbc[0-9a-f]{12} netns \\d+"));
        assertThat(calls).anySatisfy(call -> assertThat(call).matches(
                "nsenter --net=/proc/\\d+/ns/net ip link set dev bbc[0-9a-f]{12} name eth0"));
        assertThat(calls).anySatisfy(call -> assertThat(call).matches(
                "nsenter --net=/proc/\\d+/ns/net ip route add default via 10\\.203\\.0\\.1"));
    }

    @Test
    void publishedPortAnswersOnLoopback() throws Exception {
        RunningContainer web = engine.start(RunSpec.builder()
                .command("sh", "-c", "mkdir -p /www && echo hello-from-container > /www/index.html"
                        + " && exec httpd -f -p 80 -h /www")
                .ports(List.of(PublishedPort.parse("18080:80"))).removeOnExit(true).build(),
                quiet);
        try {
            String response = hostSide.call(() -> httpGetWithRetry(18080));

            assertThat(response).startsWith("HTTP/1.");
            assertThat(response).contains("hello-from-container");
        } finally {
            stop(web);
        }
        boolean refused = hostSide.call(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", 18080), 2000);
                return false;
            } catch (ConnectException expected) {
                return true;
            }
        });
        assertThat(refused).as("127.0.0.1:18080 refuses once the container is gone").isTrue();
    }

    @Test
    void portInUseIsRejectedWithAdvice() throws Exception {
        try (ServerSocket taken = hostSide.call(() -> {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress("127.0.0.1", 18083));
            return socket;
        })) {
            EngineException failure = catchThrowableOfType(EngineException.class, () -> engine.start(RunSpec.builder()
                    .command("true").ports(List.of(PublishedPort.parse("18083:80"))).removeOnExit(true).build(), quiet));

            assertThat(failure).as("a taken port fails the start").isNotNull();
            assertThat(failure.getMessage()).contains("127.0.0.1:18083", "choose another host port");
        }
        assertThat(engine.list(true)).as("nothing is left of the rejected start").isEmpty();
    }

    @Test
    void addressNotOnMachineIsRejectedWithAdvice() {
        // 192.0.2.1 is a documentation address that no interface of the test's namespace has.
        EngineException failure = catchThrowableOfType(EngineException.class, () -> engine.start(RunSpec.builder()
                .command("true").ports(List.of(PublishedPort.parse("192.0.2.1:18084:80"))).removeOnExit(true).build(),
                quiet));

        assertThat(failure).as("an address of no interface fails the start").isNotNull();
        assertThat(failure.getMessage()).contains("192.0.2.1:18084", "not one of this machine's");
        assertThat(failure.getMessage()).doesNotContain("choose another host port");
        assertThat(engine.list(true)).as("nothing is left of the rejected start").isEmpty();
    }

    @Test
    void reusedAddressIsNotSentToOldMac() throws Exception {
        String bridge = engine.network().settings().bridge();
        String gateway = engine.network().settings().subnet().gateway();
        // With no port left, the bridge loses its carrier and the kernel flushes its neighbour entries anyway.
        // A second container keeps the bridge up, as in a workshop with several containers.
        RunningContainer keeper = engine.start(RunSpec.builder().command("sleep", "1000").build(), quiet);
        try {
            reuseAddressBesides(bridge, gateway);
        } finally {
            stop(keeper);
            engine.remove(keeper.id(), true);
        }
    }

    private static void reuseAddressBesides(String bridge, String gateway) throws Exception {
        RunningContainer first = engine.start(RunSpec.builder()
                .command("sh", "-c", "ping -c 1 -W 2 " + gateway + "; exec sleep 1000").build(), quiet);
        String address = addressOf(first);
        String oldEntry = "";
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!oldEntry.contains("lladdr") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            oldEntry = hostSide.ip("neigh", "show", "to", address, "dev", bridge);
        }
        assertThat(oldEntry).as("the ping taught the bridge the first container's MAC").contains("lladdr");
        String oldMac = oldEntry.substring(oldEntry.indexOf("lladdr") + "lladdr".length()).trim().split("\\s+")[0];
        stop(first);
        engine.remove(first.id(), true);

        RunningContainer second = engine.start(RunSpec.builder().command("sleep", "1000").build(), quiet);
        try {
            assertThat(addressOf(second)).as("the lowest free address is handed out again").isEqualTo(address);
            assertThat(hostSide.ip("neigh", "show", "to", address, "dev", bridge)).doesNotContain(oldMac);
        } finally {
            stop(second);
            engine.remove(second.id(), true);
        }
    }

    @Test
    void networkNoneHasOnlyLoopback() {
        RunOutcome outcome = engine.runAndCapture(RunSpec.builder().network(NetworkMode.NONE)
                .command("ls", "/sys/class/net").removeOnExit(true).build());

        assertThat(outcome.exitCode()).as("output: %s", outcome.output()).isZero();
        assertThat(outcome.output().trim().split("\\s+")).containsExactly("lo");
    }

    @Test
    void networkHostSeesHostLinks() throws IOException {
        List<String> hostLinks;
        try (Stream<Path> entries = Files.list(Path.of("/sys/class/net"))) {
            hostLinks = entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }

        RunSpec spec = RunSpec.builder().network(NetworkMode.HOST).command("ls", "/sys/class/net").removeOnExit(true)
                .build();
        RunOutcome outcome = engine.runAndCapture(spec);

        assertThat(spec.toggles().has(Toggle.NET_NS)).as("NET_NS with --network host").isFalse();
        assertThat(outcome.exitCode()).as("output: %s", outcome.output()).isZero();
        assertThat(List.of(outcome.output().trim().split("\\s+"))).containsExactlyInAnyOrderElementsOf(hostLinks);
    }

    @Test
    void etcFilesNameTheContainer() throws IOException {
        RunOutcome outcome = engine.runAndCapture(RunSpec.builder().hostname("web")
                .command("sh", "-c", "cat /etc/hostname; cat /etc/hosts; echo ---; cat /etc/resolv.conf")
                .removeOnExit(true).build());

        assertThat(outcome.exitCode()).as("output: %s", outcome.output()).isZero();
        String[] parts = outcome.output().split("---\n", 2);
        assertThat(parts[0]).startsWith("web\n");
        assertThat(parts[0]).containsPattern("(?m)^10\\.203\\.0\\.\\d+\\tweb$");
        assertThat(parts[0]).containsPattern("(?m)^127\\.0\\.0\\.1\\tlocalhost$");
        String hostResolvConf = Files.readString(Path.of("/etc/resolv.conf"));
        if (!hostResolvConf.matches("(?s).*nameserver\\s+127\\..*")) {
            assertThat(parts[1]).isEqualTo(hostResolvConf);
        }
    }

    @Test
    void etcFilesReachCopiedRoot() {
        ToggleSet copied = ToggleSet.full().with(Toggle.OVERLAY, false);
        RunOutcome outcome = engine.runAndCapture(RunSpec.builder().toggles(copied).hostname("copied")
                .command("cat", "/etc/hostname").removeOnExit(true).build());

        assertThat(outcome.exitCode()).as("output: %s", outcome.output()).isZero();
        assertThat(outcome.output()).isEqualTo("copied\n");
    }

    @Test
    void fiftyContainersLeaveNothingBehind() {
        for (int i = 0; i < 50; i++) {
            RunOutcome outcome = engine.runAndCapture(RunSpec.builder().command("true").removeOnExit(true).build());
            assertThat(outcome.exitCode()).as("run %d: %s", i, outcome.output()).isZero();
        }

        assertThat(hostSide.links()).containsExactlyInAnyOrder("lo", "bantubox0");
        assertThat(engine.network().bridgePorts()).isEmpty();
        assertThat(engine.network().leases().list()).isEmpty();
        assertThat(engine.containers().list()).isEmpty();
    }

    @Test
    void foreignVethDoesNotBlockStart() throws Exception {
        List<String> foreign = new ArrayList<>();
        LaunchHook squatter = new LaunchHook() {
            @Override
            public void beforeClone(LaunchContext context) {
                VethPair firstChoice = VethPair.forContainer(context.record().id, 0);
                hostSide.ip("link", "add", firstChoice.hostEnd(), "type", "veth", "peer", "name", "bbtestpeer");
                foreign.add(firstChoice.hostEnd());
            }
        };
        RunningContainer container = launchWith(squatter, RunSpec.builder()
                .command("sh", "-c", "ip -o -4 addr show dev eth0 | grep -q 'inet 10\\.203\\.0\\.'")
                .removeOnExit(true).build());
        try {
            assertThat(container.waitForExit()).isZero();
            String used = container.record().network.hostInterface;

            assertThat(used).isEqualTo(VethPair.forContainer(container.id(), 1).hostEnd());
            assertThat(hostSide.links()).as("the link the engine did not make stays").contains(foreign.get(0));
        } finally {
            stop(container);
            hostSide.ip("link", "del", foreign.get(0));
        }
    }

    @Test
    void leftoverOfEngineIsReplaced() {
        LaunchHook crashedRun = new LaunchHook() {
            @Override
            public void beforeClone(LaunchContext context) {
                VethPair pair = VethPair.forContainer(context.record().id, 0);
                hostSide.ip("link", "add", pair.hostEnd(), "type", "veth", "peer", "name", pair.peer());
                hostSide.ip("link", "set", "dev", pair.hostEnd(), "alias", engine.network().ownerAlias());
            }
        };
        RunningContainer container = launchWith(crashedRun, RunSpec.builder().command("true").removeOnExit(true).build());
        try {
            assertThat(container.waitForExit()).isZero();

            assertThat(container.record().network.hostInterface)
                    .isEqualTo(VethPair.forContainer(container.id(), 0).hostEnd());
        } finally {
            stop(container);
        }
    }

    @Test
    void crashedRunLeaseFreedOnStart() throws Exception {
        AddressLeases.Lease stale = engine.network().leases().allocate("f".repeat(64));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        stale.enginePid = ended.pid();
        stale.hostInterface = "bbhffffffffffff";
        stale.peerInterface = "bbcffffffffffff";
        engine.network().leases().update(stale);
        hostSide.ip("link", "add", stale.hostInterface, "type", "veth", "peer", "name", stale.peerInterface);
        hostSide.ip("link", "set", "dev", stale.hostInterface, "alias", engine.network().ownerAlias());

        RunningContainer container = engine.start(RunSpec.builder().command("true").removeOnExit(true).build(),
                quiet);
        try {
            assertThat(hostSide.links()).doesNotContain(stale.hostInterface, stale.peerInterface);
            assertThat(engine.network().leases().list()).extracting(lease -> lease.containerId)
                    .containsExactly(container.id());
            assertThat(container.record().network.address).isEqualTo(stale.address + "/24");
        } finally {
            stop(container);
        }
    }

    private static RunningContainer launchWith(LaunchHook first, RunSpec spec) {
        List<LaunchHook> hooks = List.of(first, engine.network());
        return new Launch(engine.containers(), engine.home(), new StateReconciler(engine.containers(), hooks), spec,
                engine.images().resolve(spec.image()), quiet, false, hooks).start();
    }

    private static String addressOf(RunningContainer container) {
        ContainerRecord.Network network = container.record().network;
        assertThat(network).as("network of %s", container.shortId()).isNotNull();
        return network.address.substring(0, network.address.indexOf('/'));
    }

    private static void stop(RunningContainer container) {
        if (container.record().state == ContainerRecord.State.RUNNING) {
            container.signal(SIGKILL);
        }
        container.waitForExit();
    }

    /** Sends GET / to 127.0.0.1:port until the reply has a body; the server may still be starting. */
    private static String httpGetWithRetry(int port) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                out.write("GET /index.html HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                last = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!last.isEmpty()) {
                    return last;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(100);
        }
        return last;
    }
}
