package dev.bantubox.engine.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One host program to run, optionally inside another network namespace through nsenter.
 *
 * @param netNamespace a namespace file for {@code nsenter --net=}, or null to run in the engine's own
 * @param tool         the program
 * @param arguments    its arguments
 */
public record HostCommand(Path netNamespace, HostTool tool, List<String> arguments) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    public HostCommand {
        arguments = List.copyOf(arguments);
    }

    public static HostCommand of(HostTool tool, String... arguments) {
        return new HostCommand(null, tool, List.of(arguments));
    }

    /** The same command run inside the network namespace behind namespaceFile (null keeps it as it is). */
    public HostCommand inNetNamespace(Path namespaceFile) {
        return new HostCommand(namespaceFile, tool, arguments);
    }

    /** The argument vector, with each program found by locate. */
    List<String> argv(Function<HostTool, Path> locate) {
        List<String> argv = new ArrayList<>();
        if (netNamespace != null) {
            argv.add(locate.apply(HostTool.NSENTER).toString());
            argv.add("--net=" + netNamespace);
        }
        argv.add(locate.apply(tool).toString());
        argv.addAll(arguments);
        return argv;
    }

    /** The command line as a learner would type it, quoted for a POSIX shell where needed. */
    public String display() {
        List<String> words = new ArrayList<>();
        if (netNamespace != null) {
            words.add(HostTool.NSENTER.command());
            words.add("--net=" + netNamespace);
        }
        words.add(tool.command());
        words.addAll(arguments);
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
