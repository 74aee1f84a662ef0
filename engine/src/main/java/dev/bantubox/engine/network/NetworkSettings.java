package dev.bantubox.engine.network;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the engine wires bridged containers: the bridge's name, its subnet, and the network namespace
 * that plays the host's part (holds the bridge, the host ends of the veth pairs, the NAT table and
 * the published-port listeners).
 *
 * @param bridge        the bridge's interface name
 * @param subnet        the containers' subnet; the bridge holds its first address
 * @param hostNamespace a network namespace name under /run/netns (as {@code ip netns add} makes it),
 *                      or null for the engine's own network namespace
 */
public record NetworkSettings(String bridge, Ipv4Subnet subnet, String hostNamespace) {
    public static final String DEFAULT_BRIDGE = "bantubox0";
    /**
     * Docker's default bridge uses 172.17.0.0/16 and its address pools the rest of 172.16.0.0/12 and
     * 192.168.0.0/16; Podman's uses 10.88.0.0/16. This one lies outside all of them.
     */
    public static final String DEFAULT_SUBNET = "10.203.0.0/24";
    public static final Path NAMESPACE_DIRECTORY = Path.of("/run/netns");

    /** Linux interface names have at most 15 bytes (IFNAMSIZ minus the NUL) and no '/', ':' or spaces. */
    private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");
    private static final Pattern NAMESPACE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public NetworkSettings {
        if (!INTERFACE_NAME.matcher(bridge).matches()) {
            throw new IllegalArgumentException("bridge name '" + bridge + "' is not a valid interface name: use at"
                    + " most 15 letters, digits, '_', '.' or '-'");
        }
        if (hostNamespace != null && (!NAMESPACE_NAME.matcher(hostNamespace).matches() || hostNamespace.startsWith("."))) {
            throw new IllegalArgumentException("network namespace '" + hostNamespace + "' is not a name under "
                    + NAMESPACE_DIRECTORY + ": give the name that 'ip netns list' shows");
        }
    }

    /** The defaults: bantubox0 on 10.203.0.0/24 in the engine's own network namespace. */
    public static NetworkSettings defaults() {
        return new NetworkSettings(DEFAULT_BRIDGE, Ipv4Subnet.parse(DEFAULT_SUBNET), null);
    }

    /**
     * Reads BANTUBOX_BRIDGE, BANTUBOX_SUBNET and BANTUBOX_NETNS from the environment; each one that is
     * unset or blank keeps its default.
     */
    public static NetworkSettings fromEnvironment() {
        String bridge = environment("BANTUBOX_BRIDGE", DEFAULT_BRIDGE);
        String subnet = environment("BANTUBOX_SUBNET", DEFAULT_SUBNET);
        String namespace = environment("BANTUBOX_NETNS", null);
        return new NetworkSettings(bridge, Ipv4Subnet.parse(subnet), namespace);
    }

    private static String environment(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** A copy that works in the given network namespace (a name under /run/netns). */
    public NetworkSettings inNamespace(String namespace) {
        return new NetworkSettings(bridge, subnet, namespace);
    }

    /** The namespace file to open for setns(2), or null for the engine's own namespace. */
    public Path hostNamespacePath() {
        return hostNamespace == null ? null : NAMESPACE_DIRECTORY.resolve(hostNamespace);
    }
}
