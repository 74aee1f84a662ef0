package dev.bantubox.gui;

import javafx.application.Application;

/**
 * The app's main class. JavaFX rejects an Application subclass that is itself the main class on the
 * class path ("JavaFX runtime components are missing"). A plain class that calls launch() passes.
 */
public final class Launcher {
    private Launcher() {
    }

    /** Starts the app; {@code --lessons DIR} opens the lessons of DIR in place of the shipped ones. */
    public static void main(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lessons")) {
                if (i + 1 == args.length) {
                    System.err.println("bantubox: --lessons needs a folder, such as --lessons ~/my-lessons");
                    System.exit(2);
                }
                // LessonLibrary.defaultDirectory() reads this property; the launcher script sets the shipped folder.
                System.setProperty("bantubox.lessons", args[i + 1]);
                i++;
            } else {
                System.err.println("bantubox: unknown option '" + args[i] + "' for the app; it takes only --lessons DIR");
                System.exit(2);
            }
        }
        Application.launch(BantuBoxApp.class);
    }
}
