package dev.bantubox.gui.theme;

/** The app's colour themes. Each adds a stylesheet over the light base, which sets every size. */
public enum Theme {
    LIGHT("Light", null),
    DARK("Dark", "/dev/bantubox/gui/theme-dark.css"),
    HIGH_CONTRAST("High contrast", "/dev/bantubox/gui/theme-high-contrast.css");

    private final String title;
    private final String stylesheet;

    Theme(String title, String stylesheet) {
        this.title = title;
        this.stylesheet = stylesheet;
    }

    /** The name shown in menus. */
    public String title() {
        return title;
    }

    /** The resource path of the colour stylesheet, or null for the light base alone. */
    String stylesheet() {
        return stylesheet;
    }

    /** Returns the theme after this one, wrapping round, for a key that cycles through them. */
    public Theme next() {
        Theme[] all = values();
        return all[(ordinal() + 1) % all.length];
    }
}
