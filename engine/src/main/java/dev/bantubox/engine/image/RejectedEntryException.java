package dev.bantubox.engine.image;

/** An archive entry that is not unpacked, because it would write outside the image or is invalid. */
final class RejectedEntryException extends Exception {
    private final String entry;
    private final String reason;

    RejectedEntryException(String entry, String reason) {
        super("entry '" + entry + "' rejected: " + reason);
        this.entry = entry;
        this.reason = reason;
    }

    String entry() {
        return entry;
    }

    String reason() {
        return reason;
    }
}
