package dev.bantubox.gui.terminal;

/**
 * Decodes UTF-8 one byte at a time, so a character split across two reads from the pty comes out whole.
 * A malformed or cut-off sequence gives U+FFFD, and the byte that broke it is decoded afresh.
 */
final class Utf8Decoder {
    /** Returned by {@link #decode} while a sequence is incomplete. */
    static final int NEED_MORE = -1;
    static final int REPLACEMENT = 0xFFFD;

    private int codePoint;
    private int remaining;
    private int minimum;
    /** A code point decoded while reporting the replacement for the sequence that came before it. */
    private int pending = NEED_MORE;

    /** Feeds one byte; returns a code point, or {@link #NEED_MORE}. Call {@link #takePending} after each. */
    int decode(byte value) {
        int b = value & 0xff;
        if (remaining > 0) {
            if ((b & 0xc0) == 0x80) {
                codePoint = codePoint << 6 | (b & 0x3f);
                remaining--;
                if (remaining > 0) {
                    return NEED_MORE;
                }
                boolean valid = codePoint >= minimum && codePoint <= 0x10ffff
                        && (codePoint < 0xd800 || codePoint > 0xdfff);
                return valid ? codePoint : REPLACEMENT;
            }
            // The sequence ended early: report it as broken, then decode this byte on its own.
            remaining = 0;
            pending = startSequence(b);
            return REPLACEMENT;
        }
        return startSequence(b);
    }

    /** Returns the code point held back by the last {@link #decode} call, or {@link #NEED_MORE}, and clears it. */
    int takePending() {
        int codePointHeld = pending;
        pending = NEED_MORE;
        return codePointHeld;
    }

    private int startSequence(int b) {
        if (b < 0x80) {
            return b;
        }
        if (b >= 0xc2 && b <= 0xdf) {
            return begin(b & 0x1f, 1, 0x80);
        }
        if (b >= 0xe0 && b <= 0xef) {
            return begin(b & 0x0f, 2, 0x800);
        }
        if (b >= 0xf0 && b <= 0xf4) {
            return begin(b & 0x07, 3, 0x10000);
        }
        return REPLACEMENT;
    }

    private int begin(int bits, int continuationBytes, int smallest) {
        codePoint = bits;
        remaining = continuationBytes;
        minimum = smallest;
        return NEED_MORE;
    }
}
