package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.cgroup.CgroupUsage;
import dev.bantubox.engine.container.ContainerRecord;

/**
 * One container as the sampler read it. The record is a fresh copy that nothing changes after the
 * sample is taken, so the FX thread may read it.
 *
 * @param record   the container's record, checked against the kernel
 * @param usage    its cgroup figures, or null when it is not running or has no cgroups
 * @param cpuShare the share of one core used since the previous sample (0.5 is half a core), or null
 *                 when there is no earlier sample to compare with
 */
public record ContainerSample(ContainerRecord record, CgroupUsage usage, Double cpuShare) {
}
