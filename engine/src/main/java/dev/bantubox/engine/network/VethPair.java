package dev.bantubox.engine.network;

/**
 * The two names of a container's veth pair, both taken from its id so a learner can match them to
 * the container. The host end stays on the bridge; the peer moves into the container and becomes eth0.
 *
 * @param hostEnd the bridge-side end, {@code bbh} and twelve hex digits of the id
 * @param peer    the container-side end's name until it is renamed, {@code bbc} and the same digits
 */
public record VethPair(String hostEnd, String peer) {
    /** Linux interface names hold at most 15 bytes: IFNAMSIZ (16) less the terminating NUL. */
    public static final int MAX_NAME_LENGTH = 15;
    private static final int DIGITS = 12;
    /** A 64-digit id has five separate 12-digit windows, so five name candidates. */
    public static final int CANDIDATES = 64 / DIGITS;

    /**
     * The names for one container. Candidate 0 uses the first twelve digits (the short id); a later
     * candidate uses the next window of digits, for when a link outside the engine's records already
     * has the earlier name.
     */
    public static VethPair forContainer(String containerId, int candidate) {
        if (candidate < 0 || candidate >= CANDIDATES) {
            throw new IllegalArgumentException("veth name candidate " + candidate + " is outside 0 to " + (CANDIDATES - 1));
        }
        int start = candidate * DIGITS;
        if (containerId.length() < start + DIGITS) {
            throw new IllegalArgumentException("container id '" + containerId + "' is too short for veth name candidate "
                    + candidate);
        }
        String digits = containerId.substring(start, start + DIGITS);
        return new VethPair("bbh" + digits, "bbc" + digits);
    }
}
