package dev.bantubox.cli;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.container.RunningContainer;
import dev.bantubox.engine.image.ImageStore;
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

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the command and its arguments")
    List<String> command;

    @Override
    public Integer call() {
        RunSpec spec = RunSpec.builder().image(image).command(command).toggles(toggles()).hostname(hostname).name(name)
                .environment(environment).workingDirectory(workingDirectory).removeOnExit(remove).init(init).build();
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
