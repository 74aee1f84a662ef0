package dev.bantubox.cli;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.container.ContainerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bantubox ps}: the containers, checked against the kernel. */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = "Lists the running containers; with -a also the ones that have exited.")
final class PsCommand implements Callable<Integer> {
    private static final String FORMAT = "%-12s  %-16s  %-10s  %-24s  %-12s  %-16s  %s%n";
    private static final int COMMAND_WIDTH = 22;

    @Option(names = {"-a", "--all"}, description = "also list containers that have exited")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "print only the container ids")
    boolean quiet;

    @Override
    public Integer call() {
        List<ContainerRecord> records = Engine.fromEnvironment().list(all);
        if (quiet) {
            records.forEach(record -> System.out.println(record.shortId()));
            return 0;
        }
        System.out.printf(FORMAT, "CONTAINER ID", "NAME", "IMAGE", "COMMAND", "STATUS", "CREATED", "PID");
        Instant now = Instant.now();
        for (ContainerRecord record : records) {
            String pid = record.state == ContainerRecord.State.EXITED || record.pid <= 0 ? "-" : String.valueOf(record.pid);
            System.out.printf(FORMAT, record.shortId(), record.name == null ? "-" : record.name, record.image,
                    quotedCommand(record.command), record.status(), age(Instant.parse(record.created), now), pid);
        }
        return 0;
    }

    /** Formats the command as ps prints it: quoted, and shortened with "..." when long. */
    static String quotedCommand(List<String> command) {
        String joined = String.join(" ", command);
        if (joined.length() > COMMAND_WIDTH) {
            joined = joined.substring(0, COMMAND_WIDTH - 3) + "...";
        }
        return "\"" + joined + "\"";
    }

    /** Formats how long ago then was, in the largest whole unit: "12 seconds ago", "3 minutes ago". */
    static String age(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " second ago" : " seconds ago");
        }
        long[] sizes = {24 * 60 * 60, 60 * 60, 60};
        String[] units = {"day", "hour", "minute"};
        int unit = 0;
        while (seconds < sizes[unit]) {
            unit++;
        }
        long count = seconds / sizes[unit];
        return count + " " + units[unit] + (count == 1 ? "" : "s") + " ago";
    }
}
