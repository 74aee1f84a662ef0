package dev.bantubox.engine.lesson;

import dev.bantubox.engine.RunOutcome;
import dev.bantubox.engine.inspect.ContainerSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks one run against an experiment's expectation and lists each expectation that did not hold. */
final class ExpectationCheck {
    private static final int QUOTED_OUTPUT_LIMIT = 400;

    private ExpectationCheck() {
    }

    static List<String> failures(Expectation expect, RunOutcome outcome, ContainerSnapshot snapshot,
                                 List<String> leftoverMounts) {
        List<String> failures = new ArrayList<>();
        String output = outcome.output();
        if (expect.exitCode != null && expect.exitCode != outcome.exitCode()) {
            failures.add("expected exit status " + expect.exitCode + ", got " + outcome.exitCode()
                    + " with output: " + quote(output));
        }
        if (expect.output != null && !Pattern.compile(expect.output, Pattern.MULTILINE).matcher(output).find()) {
            failures.add("expected the output to contain /" + expect.output + "/, got: " + quote(output));
        }
        if (expect.outputAbsent != null && Pattern.compile(expect.outputAbsent, Pattern.MULTILINE).matcher(output).find()) {
            failures.add("expected the output not to contain /" + expect.outputAbsent + "/, got: " + quote(output));
        }
        if (expect.leavesHostMounts != null && expect.leavesHostMounts == leftoverMounts.isEmpty()) {
            failures.add(expect.leavesHostMounts
                    ? "expected the run to leave a mount in the host's mount table, but it left none"
                    : "expected the host's mount table to stay untouched, but the run left " + leftoverMounts);
        }
        boolean checksNamespaces = !expect.namespacesDiffer.isEmpty() || !expect.namespacesMatch.isEmpty();
        if (checksNamespaces && snapshot == null) {
            failures.add("the namespaces could not be compared because the container did not start");
            return failures;
        }
        for (String type : expect.namespacesDiffer) {
            if (snapshot.container().shares(snapshot.host(), type)) {
                failures.add("expected the container's " + type + " namespace to differ from the host's, but both are "
                        + type + ":[" + snapshot.host().inode(type) + "]");
            }
        }
        for (String type : expect.namespacesMatch) {
            if (!snapshot.container().shares(snapshot.host(), type)) {
                failures.add("expected the container to share the host's " + type + " namespace " + type + ":["
                        + snapshot.host().inode(type) + "], but it is in " + type + ":["
                        + snapshot.container().inode(type) + "]");
            }
        }
        return failures;
    }

    private static String quote(String output) {
        String trimmed = output.strip();
        if (trimmed.length() > QUOTED_OUTPUT_LIMIT) {
            trimmed = trimmed.substring(0, QUOTED_OUTPUT_LIMIT) + "…";
        }
        return trimmed.isEmpty() ? "(no output)" : "\"" + trimmed + "\"";
    }
}
