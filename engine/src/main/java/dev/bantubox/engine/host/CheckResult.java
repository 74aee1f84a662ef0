package dev.bantubox.engine.host;

import java.util.Objects;

/**
 * The outcome of one host check.
 *
 * @param check    which check this is
 * @param status   ok, warning or fail
 * @param sentence what was found, in one sentence without a final period
 * @param fix      what to do about it, or an empty string when there is nothing to do
 */
public record CheckResult(HostCheck check, CheckStatus status, String sentence, String fix) {
    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(sentence, "sentence");
        fix = fix == null ? "" : fix;
    }

    public static CheckResult ok(HostCheck check, String sentence) {
        return new CheckResult(check, CheckStatus.OK, sentence, "");
    }

    public static CheckResult warning(HostCheck check, String sentence, String fix) {
        return new CheckResult(check, CheckStatus.WARNING, sentence, fix);
    }

    public static CheckResult fail(HostCheck check, String sentence, String fix) {
        return new CheckResult(check, CheckStatus.FAIL, sentence, fix);
    }

    /** The stable id of the check, as {@link HostCheck#id()} gives it. */
    public String id() {
        return check.id();
    }

    public boolean failed() {
        return status == CheckStatus.FAIL;
    }

    /** The sentence and the fix joined as an error message reads them: "what was found; what to do". */
    public String explanation() {
        return fix.isEmpty() ? sentence : sentence + "; " + fix;
    }
}
