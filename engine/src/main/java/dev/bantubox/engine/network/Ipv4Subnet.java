package dev.bantubox.engine.network;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 subnet such as {@code 10.203.0.0/24}: the bridge takes the first host address as the
 * containers' gateway, and containers get the addresses after it.
 *
 * @param network      the network address as an unsigned 32-bit number in an int
 * @param prefixLength the number of network bits
 */
public record Ipv4Subnet(int network, int prefixLength) {
    /** Larger subnets are refused: a /8 route would hide most of a private range from the host. */
    public static final int MIN_PREFIX_LENGTH = 16;
    /** A /30 has two host addresses: one for the gateway and one container. */
    public static final int MAX_PREFIX_LENGTH = 30;

    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public Ipv4Subnet {
        if (prefixLength < MIN_PREFIX_LENGTH || prefixLength > MAX_PREFIX_LENGTH) {
            throw new IllegalArgumentException("subnet prefix /" + prefixLength + " is outside /" + MIN_PREFIX_LENGTH
                    + " to /" + MAX_PREFIX_LENGTH + "; choose for example 10.203.0.0/24");
        }
        if ((network & ~mask(prefixLength)) != 0) {
            throw new IllegalArgumentException("subnet " + formatAddress(network) + "/" + prefixLength
                    + " has host bits set; its network address is " + formatAddress(network & mask(prefixLength)));
        }
    }

    /** Parses {@code A.B.C.D/N}; throws IllegalArgumentException that names the bad part. */
    public static Ipv4Subnet parse(String text) {
        Matcher matcher = CIDR.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("subnet '" + text + "' is not in A.B.C.D/N form, for example 10.203.0.0/24");
        }
        return new Ipv4Subnet(parseAddress(text.trim().substring(0, text.trim().indexOf('/'))),
                Integer.parseInt(matcher.group(5)));
    }

    /** Parses a dotted IPv4 address into an int. */
    public static int parseAddress(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
        }
        int address = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address", e);
            }
            if (octet < 0 || octet > 255 || part.length() > 3) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address: " + part + " is not 0 to 255");
            }
            address = (address << 8) | octet;
        }
        return address;
    }

    public static String formatAddress(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    private static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** The gateway: the first host address, which the bridge holds. */
    public String gateway() {
        return formatAddress(network + 1);
    }

    /** How many addresses containers can get: all but network, gateway and broadcast. */
    public int containerAddressCount() {
        return (1 << (32 - prefixLength)) - 3;
    }

    /** The container address with the given index, 0 being the one right after the gateway. */
    public String containerAddress(int index) {
        if (index < 0 || index >= containerAddressCount()) {
            throw new IndexOutOfBoundsException("container address index " + index + " is outside " + this);
        }
        return formatAddress(network + 2 + index);
    }

    /** True when address (dotted) lies inside this subnet. */
    public boolean contains(String address) {
        return (parseAddress(address) & mask(prefixLength)) == network;
    }

    /** True when the two subnets share any address. */
    public boolean overlaps(int otherNetwork, int otherPrefixLength) {
        int shorter = mask(Math.min(prefixLength, otherPrefixLength));
        return (network & shorter) == (otherNetwork & shorter);
    }

    /** The address with this subnet's prefix length, as ip takes it: {@code 10.203.0.2/24}. */
    public String withPrefix(String address) {
        return address + "/" + prefixLength;
    }

    @Override
    public String toString() {
        return formatAddress(network) + "/" + prefixLength;
    }
}
