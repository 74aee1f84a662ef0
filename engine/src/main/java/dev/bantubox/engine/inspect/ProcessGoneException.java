package dev.bantubox.engine.inspect;

/** The process to inspect has already ended, so /proc no longer shows its namespaces or mounts. */
public final class ProcessGoneException extends RuntimeException {
    private final int pid;

    public ProcessGoneException(int pid) {
        super("process " + pid + " ended before it could be inspected; a command that runs longer, such as"
                + " one ending in 'sleep 1', stays long enough to be looked at");
        this.pid = pid;
    }

    public int pid() {
        return pid;
    }
}
