package dev.bantubox.gui;

import javafx.application.Application;

/**
 * The app's main class. JavaFX rejects an Application subclass that is itself the main class on the
 * class path ("JavaFX runtime components are missing"). A plain class that calls launch() passes.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(BantuBoxApp.class, args);
    }
}
