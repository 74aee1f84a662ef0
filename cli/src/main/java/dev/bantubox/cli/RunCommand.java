package dev.bantubox.cli;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.cgroup.ByteSize;
import dev.bantubox.engine.cgroup.CgroupLimits;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.container.RunningContainer;
import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.network.NetworkMode;
import dev.bantubox.engine.network.PublishedPort;
import dev.bantubox.engine.plan.LaunchRequest;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bantubox run}: start a container attached to this terminal and wait for its command, or detached. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Runs COMMAND in a new container, attached to this terminal, and exits with the command's status.",
            "With -d the container runs in the background: run prints its id and exits at once.",
            "Every isolation step is on unless a --no-... option switches it off.",
            "Bridged containers get an address from BANTUBOX_SUBNET (default 10.203.0.0/24) on the bridge"
                + " BANTUBOX_BRIDGE (default bantubox0), which lives in the network namespace BANTUBOX_NETNS"
                + " (a name from 'ip netns list'; default: the host's own).",
            "Exit status: the command's own; 128+N when signal N killed it; 125 engine error;"
                + " 126 command not executable; 127 command not found."})
final class RunCommand implements Callable<Integer> {
    @Option(names = {"-i", "--image"}, paramLabel = "IMAGE", description = "image to run (default: ${DEFAULT-VALUE})")
    String image = ImageStore.DEFAULT_IMAGE;

    @Option(names = "--hostname", paramLabel = "NAME", description = "hostname inside (default: the short container id)")
    String hostname;

    @Option(names = "--name", paramLabel = "NAME", description = "a name for the container")
    String name;

    @Option(names = "--rm", description = "remove the container when its command ends")
    boolean remove;

    @Option(names = {"-d", "--detach"}, description = "run in the background, with the output in a log"
            + " ('bantubox logs ID'), and print the container's id")
    boolean detach;

    @Option(names = "--init", description = "run a small init as PID 1 that reaps orphaned processes and passes"
            + " signals on to COMMAND")
    boolean init;

    @Option(names = "--trace", description = "print the journal of kernel steps, one line per step, to stderr")
    boolean trace;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "set an environment variable")
    List<String> environment = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "directory to start in, inside the container")
    String workingDirectory;

    @Option(names = "--chroot", description = "change the root with chroot() instead of pivot_root()")
    boolean chroot;

    @Option(names = "--no-mount-ns", description = "share the host's mount namespace (implies --no-pivot-root --no-overlay)")
    boolean noMountNamespace;

    @Option(names = "--no-pivot-root", description = "do not swap the root with pivot_root()")
    boolean noPivotRoot;

    @Option(names = "--no-overlay", description = "copy the whole image instead of mounting an overlay")
    boolean noOverlay;

    @Option(names = "--no-uts-ns", description = "share the host's hostname")
    boolean noUtsNamespace;

    @Option(names = "--no-pid-ns", description = "share the host's process numbers")
    boolean noPidNamespace;

    @Option(names = "--no-ipc-ns", description = "share the host's System V IPC objects and POSIX message queues")
    boolean noIpcNamespace;

    @Option(names = "--no-net-ns", description = "share the host's network stack")
    boolean noNetNamespace;

    @Option(names = "--network", paramLabel = "MODE", description = "none (loopback only), bridge (a veth pair on"
            + " the host bridge; the default with a network namespace) or host (share the host's network; same as"
            + " --no-net-ns)")
    String network;

    @Option(names = {"-p", "--publish"}, paramLabel = "[ADDRESS:]HOSTPORT:PORT",
            description = "relay TCP connections to HOSTPORT on the host (on 127.0.0.1 unless ADDRESS is given) to PORT"
                + " in the container; bridge network only; repeatable")
    List<String> published = new ArrayList<>();

    @Option(names = "--nat", description = "let the container reach beyond the bridge, with the host's address"
            + " (MASQUERADE through nftables); bridge network only")
    boolean nat;

    @Option(names = "--cpus", paramLabel = "CORES",
            description = "CPU limit in cores, for example 0.5 for half of one core (cgroup CPU quota per 100 ms)")
    Double cpus;

    @Option(names = "--cpu-shares", paramLabel = "WEIGHT",
            description = "CPU weight against other cgroups when the CPUs are busy, 2 to 262144 (default 1024)")
    Integer cpuShares;

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE",
            description = "memory limit, for example 64m or 1g; the OOM killer acts when it is reached")
    String memory;

    @Option(names = "--memory-swap", paramLabel = "SIZE",
            description = "memory plus swap limit (at least --memory; -1 for unlimited swap);"
                + " default: the same as --memory, so no swap")
    String memorySwap;

    @Option(names = "--pids-limit", paramLabel = "N", description = "maximum number of processes and threads")
    Long pidsLimit;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the command and its arguments")
    List<String> command;

    @Override
    public Integer call() {
        if (image.equals("t") || image.equals("it")) {
            // Docker's "run -it" reads here as "-i t": the image option followed by its value.
            throw new IllegalArgumentException("-i is --image in bantubox run, and a terminal is attached by default:"
                    + " drop -it, or give -i IMAGE to choose an image");
        }
        if (detach && !published.isEmpty()) {
            // NOTE: the port relay runs in the engine's process, which a detached run leaves at once.
            throw new IllegalArgumentException("-p needs the engine to keep running, and -d returns at once: run"
                    + " the container attached, or publish its port from the app");
        }
        List<PublishedPort> ports = new ArrayList<>();
        for (String port : published) {
            ports.add(PublishedPort.parse(port));
        }
        RunSpec spec = RunSpec.builder().image(image).command(command).toggles(toggles()).hostname(hostname).name(name)
                .environment(environment).workingDirectory(workingDirectory).removeOnExit(remove).init(init)
                .limits(limits()).network(network == null ? null : NetworkMode.parse(network)).ports(ports).nat(nat)
                .build();
        Engine engine = Engine.fromEnvironment();
        if (detach) {
            RunningContainer container = engine.startDetached(spec);
            if (trace) {
                container.formattedJournal().forEach(System.err::println);
            }
            System.out.println(container.id());
            return 0;
        }
        TerminalSignals.ignoreWhileAttached();
        RunningContainer container = engine.start(spec, LaunchRequest.Stdio.inherit());
        if (trace) {
            container.formattedJournal().forEach(System.err::println);
        }
        return container.waitForExit();
    }

    CgroupLimits limits() {
        Long memoryBytes = memory == null ? null : ByteSize.parse(memory);
        Long memorySwapBytes = null;
        if (memorySwap != null) {
            memorySwapBytes = memorySwap.trim().equals("-1") ? CgroupLimits.UNLIMITED_SWAP : ByteSize.parse(memorySwap);
        }
        return new CgroupLimits(cpus, cpuShares, memoryBytes, memorySwapBytes, pidsLimit);
    }

    ToggleSet toggles() {
        Set<Toggle> toggles = EnumSet.copyOf(ToggleSet.full().enabled());
        if (chroot) {
            toggles.add(Toggle.CHROOT);
            toggles.remove(Toggle.PIVOT_ROOT);
        }
        if (noMountNamespace) {
            toggles.removeAll(EnumSet.of(Toggle.MOUNT_NS, Toggle.PIVOT_ROOT, Toggle.OVERLAY));
        }
        switchOff(toggles, noPivotRoot, Toggle.PIVOT_ROOT);
        switchOff(toggles, noOverlay, Toggle.OVERLAY);
        switchOff(toggles, noUtsNamespace, Toggle.UTS_NS);
        switchOff(toggles, noPidNamespace, Toggle.PID_NS);
        switchOff(toggles, noIpcNamespace, Toggle.IPC_NS);
        switchOff(toggles, noNetNamespace, Toggle.NET_NS);
        return ToggleSet.of(toggles);
    }

    private static void switchOff(Set<Toggle> toggles, boolean off, Toggle toggle) {
        if (off) {
            toggles.remove(toggle);
        }
    }
}
