package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.cgroup.CgroupUsage;
import dev.bantubox.engine.container.ContainerRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every container of the engine home and the cgroup figures of the running ones. The CPU share
 * is the CPU time used since this sampler's previous sample over the wall time between them. Called on
 * the sandbox's sampler thread only.
 */
final class ContainerSampler {
    private final Engine engine;
    private Map<String, CgroupUsage> previous = new HashMap<>();

    ContainerSampler(Engine engine) {
        this.engine = engine;
    }

    /**
     * Every container of one sample, oldest first.
     *
     * @param startedNanos System.nanoTime() before the containers were listed
     * @param containers   each container with its figures
     */
    record TableSample(long startedNanos, List<ContainerSample> containers) {
    }

    /** Lists the containers, checked against the kernel, with their figures. */
    TableSample sample() {
        long started = System.nanoTime();
        List<ContainerRecord> records = engine.list(true);
        Map<String, CgroupUsage> current = new HashMap<>();
        List<ContainerSample> samples = new ArrayList<>(records.size());
        for (ContainerRecord record : records) {
            CgroupUsage usage = null;
            Double share = null;
            if (record.state == ContainerRecord.State.RUNNING) {
                usage = readUsage(record);
            }
            if (usage != null) {
                current.put(record.id, usage);
                CgroupUsage before = previous.get(record.id);
                share = before == null ? null : usage.cpuShareSince(before);
                if (share != null && share < 0) {
                    // A restart gives the container new cgroups, whose CPU time starts again at zero.
                    share = null;
                }
            }
            samples.add(new ContainerSample(record, usage, share));
        }
        previous = current;
        return new TableSample(started, samples);
    }

    /** Returns null when the container ended since it was listed, or runs without cgroups. */
    private CgroupUsage readUsage(ContainerRecord record) {
        try {
            return engine.usage(record);
        } catch (EngineException noFigures) {
            return null;
        }
    }
}
