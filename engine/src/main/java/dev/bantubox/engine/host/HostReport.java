package dev.bantubox.engine.host;

import java.util.List;
import java.util.Optional;

/** The results of every host check, in the order of {@link HostCheck}. */
public record HostReport(List<CheckResult> results) {
    public HostReport {
        results = List.copyOf(results);
    }

    /** Returns the result of one check, if it was run. */
    public Optional<CheckResult> result(HostCheck check) {
        return results.stream().filter(result -> result.check() == check).findFirst();
    }

    /** The results whose status is fail. */
    public List<CheckResult> failures() {
        return results.stream().filter(CheckResult::failed).toList();
    }

    public boolean hasFailures() {
        return results.stream().anyMatch(CheckResult::failed);
    }

    /** Counts the results with the given status. */
    public long count(CheckStatus status) {
        return results.stream().filter(result -> result.status() == status).count();
    }
}
