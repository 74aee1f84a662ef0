package dev.bantubox.engine.lesson;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome an experiment's run must show. Every field is optional, and each set one is checked.
 * Regular expressions are Java's, in MULTILINE mode, and need to match a part of the output.
 */
public final class Expectation {
    /** A pattern the output must contain. */
    public String output;
    /** A pattern the output must not contain. */
    public String outputAbsent;
    /** The exit status the command must end with. */
    public Integer exitCode;
    /** True when the run must leave a mount in the host's mount table, false when it must leave none. */
    public Boolean leavesHostMounts;
    /** Namespace types (mnt, uts, ipc, pid, net, cgroup, user) in which the container must differ from the host. */
    public List<String> namespacesDiffer = new ArrayList<>();
    /** Namespace types the container must share with the host. */
    public List<String> namespacesMatch = new ArrayList<>();
}
