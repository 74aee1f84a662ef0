package dev.bantubox.engine.network;

/**
 * What a host command did.
 *
 * @param call     the command line as the journal shows it
 * @param exitCode its exit status
 * @param output   its standard output
 * @param error    its standard error, trimmed
 */
public record CommandResult(String call, int exitCode, String output, String error) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
