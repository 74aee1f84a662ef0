package dev.bantubox.engine.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.cgroup.CgroupUsage;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.engine.testing.TestHome;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExperimentRunnerTest {
    private static TestHome home;

    @BeforeAll
    static void createHome() {
        home = TestHome.create();
    }

    @AfterAll
    static void removeHome() {
        home.close();
    }

    @Test
    void upperLayerListsWritesAndWhiteouts() {
        Experiment experiment = experiment("sh -c 'echo hi > /root/note; rm /etc/group'");

        ExperimentResult result = new ExperimentRunner(home.engine()).run(experiment, ToggleSet.full(), experiment.command,
                new ExperimentRunner.Listener() { });

        assertThat(result.failures()).isEmpty();
        assertThat(result.layers().kind()).isEqualTo("overlay");
        // Besides the command's own changes, the upper layer has the files the engine wrote before the start.
        assertThat(result.layers().written()).contains("/etc/group (deleted)", "/root/note");
        assertThat(result.layers().written()).allMatch(path -> List.of("/etc/group (deleted)", "/root/note",
                "/etc/hosts", "/etc/hostname", "/etc/resolv.conf").contains(path));
        assertThat(home.engine().containers().list()).isEmpty();
    }

    @Test
    void listenerGetsRecordWithLimitAfterJournal() {
        Experiment experiment = experiment("true");
        experiment.runOptions = java.util.Map.of("pids-limit", "7");
        List<String> calls = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<CgroupUsage> usage = new java.util.concurrent.atomic.AtomicReference<>();

        new ExperimentRunner(home.engine()).run(experiment, ToggleSet.full(), experiment.command,
                new ExperimentRunner.Listener() {
                    @Override
                    public void started(List<JournalRecord> journal) {
                        calls.add("started");
                    }

                    @Override
                    public void running(ContainerRecord record) {
                        calls.add("running " + record.network.mode);
                        usage.set(home.engine().usage(record.id));
                    }
                });

        assertThat(calls).containsExactly("started", "running none");
        assertThat(usage.get().pidsLimit()).as("the running container's cgroup, read in the listener").isEqualTo(7);
    }

    @Test
    void unmetExpectationIsReportedWithOutput() {
        Experiment experiment = experiment("hostname");
        experiment.expect.output = "^not-this-name$";
        experiment.expect.exitCode = 3;
        experiment.expect.namespacesMatch = List.of("uts");

        ExperimentResult result = new ExperimentRunner(home.engine()).run(experiment, ToggleSet.full(), experiment.command,
                new ExperimentRunner.Listener() { });

        assertThat(result.passed()).isFalse();
        assertThat(result.failures()).hasSize(3);
        assertThat(result.failures().get(0)).startsWith("expected exit status 3, got 0");
        assertThat(result.failures().get(1)).contains("/^not-this-name$/");
        assertThat(result.failures().get(2)).contains("share the host's uts namespace");
    }

    @Test
    void missingEngineFeatureSkipsWithReason() {
        Experiment experiment = experiment("true");
        experiment.requires = List.of("seccomp");

        ExperimentResult result = new ExperimentRunner(home.engine()).run(experiment, ToggleSet.full(), experiment.command,
                new ExperimentRunner.Listener() { });

        assertThat(result.skipped()).contains("needs the engine's seccomp support");
        assertThat(result.passed()).isFalse();
        assertThat(result.journal()).isEmpty();
    }

    @Test
    void failedExecKeepsJournalAndStatus() {
        Experiment experiment = experiment("no-such-program");

        ExperimentResult result = new ExperimentRunner(home.engine()).run(experiment, ToggleSet.full(), experiment.command,
                new ExperimentRunner.Listener() { });

        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(result.engineError()).contains("not found in the container");
        assertThat(result.journal()).last().satisfies(record -> {
            assertThat(record.call()).startsWith("execve(");
            assertThat(record.errno()).isEqualTo("ENOENT");
        });
        assertThat(home.engine().containers().list()).isEmpty();
    }

    private static Experiment experiment(String command) {
        Experiment experiment = new Experiment();
        experiment.title = "test";
        experiment.command = command;
        return experiment;
    }
}
