package dev.bantubox.gui;

import javafx.application.Application;

/**
 * The app's main class. JavaFX refuses to start an Application subclass that is itself the main
 * class from the class path ("JavaFX runtime components are missing"); a plain class that calls
 * launch() does not have that check.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(BantuBoxApp.class, args);
    }
}
