package dev.bantubox.engine;

/**
 * A failure the learner can act on: the message says what went wrong and what to do, and the exit
 * code follows the container-engine convention (125 engine error, 126 not executable, 127 not found).
 */
public class EngineException extends RuntimeException {
    public static final int ENGINE_ERROR = 125;
    public static final int NOT_EXECUTABLE = 126;
    public static final int NOT_FOUND = 127;

    private final int exitCode;

    public EngineException(String message) {
        this(message, ENGINE_ERROR, null);
    }

    public EngineException(String message, Throwable cause) {
        this(message, ENGINE_ERROR, cause);
    }

    public EngineException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
