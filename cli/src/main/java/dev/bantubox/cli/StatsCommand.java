package dev.bantubox.cli;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.cgroup.ByteSize;
import dev.bantubox.engine.cgroup.CgroupUsage;
import dev.bantubox.engine.container.ContainerRecord;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bantubox stats}: live cgroup figures of running containers, refreshed like {@code top}. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {
            "Shows the live cgroup figures of running containers: CPU share (100%% is one full core) and time,"
                + " memory now and at its peak, processes, periods held back by the CPU limit, and OOM kills.",
            "Refreshes until Ctrl-C, or until every container named has ended."})
final class StatsCommand implements Callable<Integer> {
    private static final String CLEAR_SCREEN = "\033[H\033[2J";
    private static final String ROW = "%-12s  %-16s  %7s  %9s  %-23s  %10s  %-11s  %-12s  %s%n";

    @Option(names = "--no-stream", description = "print one table and exit")
    boolean noStream;

    @Option(names = "--interval", paramLabel = "SECONDS", description = "time between refreshes (default: ${DEFAULT-VALUE})")
    double intervalSeconds = 1.0;

    @Parameters(arity = "0..*", paramLabel = "ID",
            description = "containers to show, by id, id prefix or name (default: every running one)")
    List<String> containers = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        if (!(intervalSeconds >= 0.1)) {
            throw new IllegalArgumentException("invalid interval " + intervalSeconds + ": give at least 0.1 seconds");
        }
        Engine engine = Engine.fromEnvironment();
        String layout = engine.cgroupLayout().describe();
        boolean terminal = System.console() != null && !noStream;
        Map<String, CgroupUsage> previous = new HashMap<>();
        List<ContainerRecord> targets = targets(engine);
        sample(engine, targets, previous);
        while (true) {
            Thread.sleep(Math.round(intervalSeconds * 1000));
            targets = containers.isEmpty() ? targets(engine) : stillRunning(engine, targets);
            PrintStream out = System.out;
            if (!containers.isEmpty() && targets.isEmpty()) {
                out.println("every container named has ended");
                return 0;
            }
            List<String> rows = sample(engine, targets, previous);
            if (terminal) {
                out.print(CLEAR_SCREEN);
            }
            out.println("cgroups: " + layout);
            out.printf(Locale.ROOT, ROW, "CONTAINER", "NAME", "CPU %", "CPU TIME", "MEM USAGE / LIMIT", "MEM PEAK",
                    "PIDS", "THROTTLED", "OOM KILLS");
            rows.forEach(out::print);
            out.flush();
            if (noStream) {
                return 0;
            }
            if (!terminal) {
                out.println();
            }
        }
    }

    /** The containers to show: those named (each must be running), or every running one. */
    private List<ContainerRecord> targets(Engine engine) {
        List<ContainerRecord> records = new ArrayList<>();
        if (containers.isEmpty()) {
            for (ContainerRecord record : engine.containers().list()) {
                if (record.state == ContainerRecord.State.RUNNING && record.cgroups != null && !record.cgroups.isEmpty()) {
                    records.add(record);
                }
            }
            return records;
        }
        for (String name : containers) {
            ContainerRecord record = engine.find(name);
            if (record.state != ContainerRecord.State.RUNNING) {
                throw new EngineException("container " + record.shortId() + " is " + record.status()
                        + "; 'bantubox stats' shows running containers only");
            }
            records.add(record);
        }
        return records;
    }

    private static List<ContainerRecord> stillRunning(Engine engine, List<ContainerRecord> records) {
        List<ContainerRecord> running = new ArrayList<>();
        for (ContainerRecord record : records) {
            engine.containers().load(record.id)
                    .filter(current -> current.state == ContainerRecord.State.RUNNING)
                    .ifPresent(running::add);
        }
        return running;
    }

    /** Samples every target, formats one row each, and keeps the samples for the next CPU share. */
    private static List<String> sample(Engine engine, List<ContainerRecord> targets, Map<String, CgroupUsage> previous) {
        List<String> rows = new ArrayList<>();
        for (ContainerRecord record : targets) {
            CgroupUsage usage;
            try {
                usage = engine.usage(record.id);
            } catch (RuntimeException ended) {
                // The container ended between the listing and the sample: its cgroups are gone.
                previous.remove(record.id);
                continue;
            }
            CgroupUsage earlier = previous.put(record.id, usage);
            rows.add(formatRow(record, usage, earlier));
        }
        return rows;
    }

    static String formatRow(ContainerRecord record, CgroupUsage usage, CgroupUsage earlier) {
        Double share = earlier == null ? null : usage.cpuShareSince(earlier);
        String cpuPercent = share == null ? "--" : String.format(Locale.ROOT, "%.1f%%", share * 100);
        String cpuTime = usage.cpuNanos() == null ? "--" : String.format(Locale.ROOT, "%.2fs", usage.cpuNanos() / 1e9);
        String memory = size(usage.memoryBytes()) + " / "
                + (usage.memoryLimitBytes() == null ? "no limit" : size(usage.memoryLimitBytes()));
        String pids = count(usage.pids()) + (usage.pidsLimit() == null ? "" : " / " + usage.pidsLimit());
        String throttled = usage.throttledPeriods() == null ? "--"
                : usage.throttledPeriods() + " of " + count(usage.cpuPeriods());
        String name = record.name == null ? "" : record.name;
        return String.format(Locale.ROOT, ROW, record.shortId(), name, cpuPercent, cpuTime, memory,
                size(usage.memoryPeakBytes()), pids, throttled, count(usage.oomKills()));
    }

    private static String size(Long bytes) {
        return bytes == null ? "--" : ByteSize.format(bytes);
    }

    private static String count(Long value) {
        return value == null ? "--" : String.valueOf(value);
    }
}
