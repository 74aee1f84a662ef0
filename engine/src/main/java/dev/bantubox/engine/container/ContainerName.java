package dev.bantubox.engine.container;

import java.util.regex.Pattern;

/** Checks the names given to containers with --name, which ps, logs and the app show in place of the id. */
public final class ContainerName {
    /** One to 64 characters, starting with a letter or digit. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private ContainerName() {
    }

    /** Returns the reason name cannot name a container, or null when it can. */
    public static String problem(String name) {
        if (VALID.matcher(name).matches()) {
            return null;
        }
        return "the container name '" + name + "' is invalid: use up to 64 letters, digits, '_', '.' and '-',"
                + " starting with a letter or digit";
    }
}
