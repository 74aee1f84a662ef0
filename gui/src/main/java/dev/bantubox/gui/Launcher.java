package dev.bantubox.gui;

import java.util.Optional;

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
        Optional<String> lessons;
        try {
            lessons = lessonsOption(args);
        } catch (IllegalArgumentException invalid) {
            System.err.println("bantubox: " + invalid.getMessage());
            System.exit(2);
            return;
        }
        // LessonLibrary.defaultDirectory() reads this property; the launcher script sets the shipped folder.
        lessons.ifPresent(folder -> System.setProperty("bantubox.lessons", folder));
        RenderSettings.apply();
        Application.launch(BantuBoxApp.class);
    }

    /** Returns the folder of {@code --lessons DIR}, if given; rejects any other argument. */
    static Optional<String> lessonsOption(String... args) {
        String folder = null;
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals("--lessons")) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "' for the app: it takes only"
                        + " --lessons DIR; the command line verbs are listed by 'bantubox --help'");
            }
            if (i + 1 == args.length || args[i + 1].isBlank()) {
                throw new IllegalArgumentException("--lessons needs a folder, such as --lessons ~/my-lessons");
            }
            folder = args[i + 1];
            i++;
        }
        return Optional.ofNullable(folder);
    }
}
