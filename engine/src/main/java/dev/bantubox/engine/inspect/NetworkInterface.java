package dev.bantubox.engine.inspect;

import java.util.List;

/**
 * A network link inside a network namespace.
 *
 * @param name      the link name, for example lo or eth0
 * @param state     UP, DOWN or UNKNOWN, as ip(8) prints it
 * @param addresses addresses with prefix length, for example 127.0.0.1/8
 */
public record NetworkInterface(String name, String state, List<String> addresses) {
    public NetworkInterface {
        addresses = List.copyOf(addresses);
    }
}
