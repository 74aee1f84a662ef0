package dev.bantubox.engine.network;

/**
 * A container port reachable on the host, as {@code -p [HOSTADDRESS:]HOSTPORT:PORT} names it. Only TCP
 * is published; the engine relays each connection in user space.
 *
 * @param hostAddress   the IPv4 address the engine listens on; 127.0.0.1 unless given
 * @param hostPort      the port the engine listens on
 * @param containerPort the port inside the container
 */
public record PublishedPort(String hostAddress, int hostPort, int containerPort) {
    public static final String DEFAULT_HOST_ADDRESS = "127.0.0.1";

    public PublishedPort {
        Ipv4Subnet.parseAddress(hostAddress);
        checkPort(hostPort, "host port");
        checkPort(containerPort, "container port");
    }

    /** Parses {@code HOSTPORT:PORT}, {@code HOSTADDRESS:HOSTPORT:PORT}, either with an optional {@code /tcp}. */
    public static PublishedPort parse(String text) {
        String body = text.trim();
        int slash = body.indexOf('/');
        if (slash >= 0) {
            String protocol = body.substring(slash + 1);
            if (!protocol.equals("tcp")) {
                throw new IllegalArgumentException("cannot publish '" + text + "': only tcp ports can be published");
            }
            body = body.substring(0, slash);
        }
        String[] parts = body.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("port '" + text + "' is not HOSTPORT:PORT or HOSTADDRESS:HOSTPORT:PORT,"
                    + " for example 8080:80");
        }
        String address = parts.length == 3 ? parts[0] : DEFAULT_HOST_ADDRESS;
        return new PublishedPort(address, parseNumber(parts[parts.length - 2], text),
                parseNumber(parts[parts.length - 1], text));
    }

    private static int parseNumber(String part, String text) {
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + text + "': '" + part + "' is not a number", e);
        }
    }

    private static void checkPort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " " + port + " is outside 1 to 65535");
        }
    }

    @Override
    public String toString() {
        return hostAddress + ":" + hostPort + ":" + containerPort + "/tcp";
    }
}
