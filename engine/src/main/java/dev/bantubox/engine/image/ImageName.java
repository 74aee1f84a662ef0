package dev.bantubox.engine.image;

import java.util.regex.Pattern;

/** Checks image names, which become folder names in the image store. */
public final class ImageName {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private ImageName() {
    }

    /** Returns the name if it is valid; otherwise throws with what is wrong and what is allowed. */
    public static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("no image name given");
        }
        if (name.contains("/") || name.contains("..")) {
            throw new IllegalArgumentException("image name '" + name + "' may not contain '/' or '..': image names"
                    + " are single folder names such as busybox or debian-12");
        }
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("image name '" + name + "' is invalid: use up to 64 lower-case letters,"
                    + " digits, '.', '_' and '-', starting with a letter or digit");
        }
        return name;
    }
}
