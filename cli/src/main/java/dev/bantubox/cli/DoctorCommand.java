package dev.bantubox.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.host.CheckResult;
import dev.bantubox.engine.host.CheckStatus;
import dev.bantubox.engine.host.HostReport;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bantubox doctor}: what this machine can and cannot do for BantuBox, and how to fix it. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {
            "Checks what this machine can and cannot do for BantuBox. Each check is ok, warning or fail,"
                + " with what was found and the fix.",
            "As root it also tries an overlay mount and a pivot_root() in a throwaway mount namespace, in a"
                + " folder it makes below BANTUBOX_HOME and removes again.",
            "Exit status: 0 when no check fails, 1 when at least one fails, 125 when the checks cannot run."})
final class DoctorCommand implements Callable<Integer> {
    static final int SOME_CHECK_FAILED = 1;
    private static final int WIDTH = 100;
    private static final String ROW = "%-8s %-19s %s";
    private static final int RESULT_COLUMN = 29;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "print the results as JSON: home, and checks with id, title,"
            + " status (ok, warning or fail), sentence and fix")
    boolean json;

    @Override
    public Integer call() {
        Engine engine = Engine.fromEnvironment();
        HostReport report = engine.checkHost();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(engine.home().root().toString(), report));
        } else {
            printTable(out, engine.home().root().toString(), report);
        }
        out.flush();
        return report.hasFailures() ? SOME_CHECK_FAILED : 0;
    }

    static String toJson(String home, HostReport report) {
        JsonObject root = new JsonObject();
        root.addProperty("home", home);
        JsonArray checks = new JsonArray();
        for (CheckResult result : report.results()) {
            JsonObject check = new JsonObject();
            check.addProperty("id", result.id());
            check.addProperty("title", result.check().title());
            check.addProperty("status", result.status().label());
            check.addProperty("sentence", result.sentence());
            check.addProperty("fix", result.fix());
            checks.add(check);
        }
        root.add("checks", checks);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
    }

    private static void printTable(PrintWriter out, String home, HostReport report) {
        out.println("Host check for BANTUBOX_HOME=" + home);
        out.println();
        out.println(String.format(ROW, "STATUS", "CHECK", "RESULT"));
        for (CheckResult result : report.results()) {
            List<String> lines = wrap(result.sentence(), WIDTH - RESULT_COLUMN);
            out.println(String.format(ROW, result.status().label(), result.id(), lines.get(0)));
            printContinued(out, lines.subList(1, lines.size()));
            if (!result.fix().isEmpty() && result.status() != CheckStatus.OK) {
                printContinued(out, wrap("fix: " + result.fix(), WIDTH - RESULT_COLUMN));
            }
        }
        out.println();
        out.println(report.results().size() + " checks: " + report.count(CheckStatus.OK) + " ok, "
                + report.count(CheckStatus.WARNING) + " warning, " + report.count(CheckStatus.FAIL) + " fail");
    }

    private static void printContinued(PrintWriter out, List<String> lines) {
        for (String line : lines) {
            out.println(" ".repeat(RESULT_COLUMN) + line);
        }
    }

    /** Breaks text into lines of at most width characters at spaces; a longer word gets a line of its own. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
