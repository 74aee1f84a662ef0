package dev.bantubox.cli;

import sun.misc.Signal;

/**
 * While a container is attached to the terminal, Ctrl-C is meant for the command in it. The terminal
 * sends SIGINT to the whole foreground process group, which includes this JVM, so the JVM ignores it
 * until it exits; the container's process still receives it. (The JVM reserves SIGQUIT for thread dumps.)
 */
final class TerminalSignals {
    private TerminalSignals() {
    }

    static void ignoreWhileAttached() {
        Signal.handle(new Signal("INT"), signal -> { });
    }
}
