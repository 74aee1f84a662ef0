package dev.bantubox.engine.cgroup;

import java.math.BigDecimal;
import java.util.Locale;

/** Memory sizes as the command line takes them ({@code 64m}, {@code 1g}, {@code 512k}) and as tables show them. */
public final class ByteSize {
    private static final long KIB = 1024;
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private ByteSize() {
    }

    /**
     * Parses a number of bytes with an optional binary unit: b, k, m, g or t (1024-based, as container
     * engines read them), in either case, with an optional trailing "b" or "ib" ({@code 64mb}, {@code 64MiB}).
     */
    public static long parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith("ib")) {
            value = value.substring(0, value.length() - 2);
        } else if (value.length() > 1 && value.endsWith("b") && Character.isLetter(value.charAt(value.length() - 2))) {
            value = value.substring(0, value.length() - 1);
        }
        long multiplier = 1;
        if (!value.isEmpty()) {
            int power = "bkmgt".indexOf(value.charAt(value.length() - 1));
            if (power >= 0) {
                multiplier = 1L << (10 * power);
                value = value.substring(0, value.length() - 1);
            }
        }
        try {
            BigDecimal bytes = new BigDecimal(value).multiply(BigDecimal.valueOf(multiplier));
            if (bytes.signum() < 0) {
                throw new NumberFormatException("negative");
            }
            return bytes.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        } catch (NumberFormatException | ArithmeticException invalid) {
            throw new IllegalArgumentException("invalid size '" + text + "': give a number of bytes with an optional"
                    + " unit b, k, m, g or t, for example 64m");
        }
    }

    /** Formats bytes with a binary unit and one decimal, for example {@code 31.8 MiB}. */
    public static String format(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= KIB && unit < UNITS.length - 1) {
            value /= KIB;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
