package dev.bantubox.gui;

import java.util.Optional;

import javafx.application.Application;

/**
 * The app's main class. JavaFX rejects an Application subclass that is itself the main class on the
 * class path ("JavaFX runtime components are missing"). A plain class that calls launch() passes.
 */
public final class Launcher {
    /** The option that opens the sandbox window alone, as {@code bantubox sandbox} does. */
    public static final String SANDBOX_OPTION = "--sandbox";

    private Launcher() {
    }

    /**
     * The app's options.
     *
     * @param lessons the folder of {@code --lessons DIR}, if given
     * @param sandbox true for {@code --sandbox}: the sandbox window alone, without lesson mode
     */
    record Options(Optional<String> lessons, boolean sandbox) {
    }

    /**
     * Starts the app; {@code --lessons DIR} opens the lessons of DIR in place of the shipped ones, and
     * {@code --sandbox} opens the sandbox window alone.
     */
    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException invalid) {
            System.err.println("bantubox: " + invalid.getMessage());
            System.exit(2);
            return;
        }
        // LessonLibrary.defaultDirectory() reads this property; the launcher script sets the shipped folder.
        options.lessons().ifPresent(folder -> System.setProperty("bantubox.lessons", folder));
        RenderSettings.apply();
        if (options.sandbox()) {
            Application.launch(BantuBoxApp.class, SANDBOX_OPTION);
        } else {
            Application.launch(BantuBoxApp.class);
        }
    }

    /** Parses {@code --lessons DIR} and {@code --sandbox}; rejects any other argument. */
    static Options parse(String... args) {
        String folder = null;
        boolean sandbox = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(SANDBOX_OPTION)) {
                sandbox = true;
                continue;
            }
            if (!args[i].equals("--lessons")) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "' for the app: it takes only"
                        + " --lessons DIR and --sandbox; the command line verbs are listed by 'bantubox --help'");
            }
            if (i + 1 == args.length || args[i + 1].isBlank()) {
                throw new IllegalArgumentException("--lessons needs a folder, such as --lessons ~/my-lessons");
            }
            folder = args[i + 1];
            i++;
        }
        return new Options(Optional.ofNullable(folder), sandbox);
    }
}
