package dev.bantubox.gui.lesson;

/** Where the current experiment run is, which the status line shows with its own style. */
public enum RunState {
    IDLE("status-idle"),
    RUNNING("status-running"),
    PASSED("status-passed"),
    UNEXPECTED("status-unexpected"),
    SKIPPED("status-skipped"),
    ERROR("status-error");

    private final String styleClass;

    RunState(String styleClass) {
        this.styleClass = styleClass;
    }

    public String styleClass() {
        return styleClass;
    }
}
