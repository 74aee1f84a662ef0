package dev.bantubox.cli;

import dev.bantubox.engine.EngineException;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/**
 * {@code bantubox sandbox}: the sandbox window belongs to the app, which this JavaFX-free command line
 * cannot open. The ./bantubox launcher sends a bare {@code sandbox} to the app; only a direct run of
 * this jar gets here.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {
            "Opens the sandbox window: create containers with any image, command, toggles and limits, watch"
                + " their CPU, memory and processes live, read their logs, inspect them, and compare the"
                + " namespaces of two of them.",
            "The window is part of the app: start it with './bantubox sandbox' (through sudo, as the app needs"
                + " root), which this command line cannot do by itself."})
final class SandboxCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("bantubox: the sandbox is a window of the app, which this command line does not"
                + " include: open it with 'sudo ./bantubox sandbox' from the BantuBox folder");
        return EngineException.ENGINE_ERROR;
    }
}
