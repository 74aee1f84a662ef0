package dev.bantubox.engine.host;

import java.util.Locale;

/** How a host check came out. */
public enum CheckStatus {
    /** Everything the lessons need from this part of the host is there. */
    OK,
    /** BantuBox works, but some lesson behaves differently or some feature is missing. */
    WARNING,
    /** Runs that need this part of the host fail until the fix is applied. */
    FAIL;

    /** The lower-case name the table and {@code --json} print: ok, warning, fail. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
