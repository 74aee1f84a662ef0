package dev.bantubox.gui.lesson;

/** The stage of the current experiment run; the status line has one style per stage. */
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
