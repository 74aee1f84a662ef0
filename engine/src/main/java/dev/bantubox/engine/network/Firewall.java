package dev.bantubox.engine.network;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.network.CommandRunner.StepJournal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The firewall side of bridged networking, in the host-side network namespace: MASQUERADE for
 * containers that asked for NAT, through an nftables table of the engine's own, and a check of the
 * forwarding policy that other software set.
 *
 * <p>The engine never changes another table's chains. In nftables a packet passes only when every
 * base chain on a hook accepts it, so an accept rule in the engine's table could not undo another
 * table's drop policy anyway; the check reports such a policy so the learner can tell why packets stop.
 */
final class Firewall {
    static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");
    /** Present when br_netfilter is loaded; 1 sends bridged IPv4 through the ip family's hooks too. */
    static final Path BRIDGE_CALLS_IPTABLES = Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables");
    private static final String SOURCE_SET = "nat_sources";
    private static final String CHAIN = "postrouting";

    private final NetworkSettings settings;
    private final CommandRunner commands;
    private final String table;

    Firewall(NetworkSettings settings, CommandRunner commands) {
        this.settings = settings;
        this.commands = commands;
        // nft identifiers are letters, digits and '_', starting with a letter.
        String name = settings.bridge().replaceAll("[^A-Za-z0-9_]", "_");
        this.table = Character.isLetter(name.charAt(0)) ? name : "bridge_" + name;
    }

    /** Returns the name of the engine's nftables table, which is named after the bridge. */
    String table() {
        return table;
    }

    private HostCommand nft(String... arguments) {
        return HostCommand.of(HostTool.NFT, arguments).inNetNamespace(settings.hostNamespacePath());
    }

    /**
     * Makes the container at address leave the host with the host's address (MASQUERADE) when it
     * talks to anything outside the bridge. Creates the table on first use, and switches IPv4
     * forwarding on, which NAT needs; returns notes about what was changed.
     */
    synchronized List<String> addNatSource(String address, StepJournal journal) {
        commands.locate(HostTool.NFT);
        List<String> notes = new ArrayList<>();
        CommandResult listed = commands.run(nft("list", "table", "ip", table), journal);
        if (!listed.succeeded()) {
            String purpose = "create the NAT table " + table;
            commands.runChecked(nft("add", "table", "ip", table), journal, purpose);
            commands.runChecked(nft("add", "chain", "ip", table, CHAIN,
                    "{ type nat hook postrouting priority srcnat ; }"), journal, purpose);
            commands.runChecked(nft("add", "set", "ip", table, SOURCE_SET, "{ type ipv4_addr ; }"), journal, purpose);
            commands.runChecked(nft("add", "rule", "ip", table, CHAIN, "ip", "saddr", "@" + SOURCE_SET, "oifname", "!=",
                    "\"" + settings.bridge() + "\"", "masquerade"), journal, purpose);
        }
        commands.runChecked(nft("add", "element", "ip", table, SOURCE_SET, "{ " + address + " }"), journal,
                "add " + address + " to the NAT sources");
        if (!readSysctl(IP_FORWARD).equals("1")) {
            writeSysctl(IP_FORWARD, "1", journal);
            notes.add("IPv4 forwarding was off in " + namespaceLabel() + "; the engine switched it on"
                    + " (net.ipv4.ip_forward=1) because NAT needs it");
        }
        return notes;
    }

    /** Stops NAT for address; an address that is not in the set any more is fine. */
    synchronized void removeNatSource(String address, StepJournal journal) {
        commands.run(nft("delete", "element", "ip", table, SOURCE_SET, "{ " + address + " }"), journal);
    }

    /**
     * Finds forward-hook chains whose policy drops packets, when they matter: for NAT (routed
     * traffic), or for every bridged container when bridged IPv4 passes the ip hooks
     * (bridge-nf-call-iptables=1). Returns one note per finding; nothing is changed.
     */
    List<String> forwardingNotes(boolean nat, StepJournal journal) {
        boolean bridgedTrafficFiltered = readSysctl(BRIDGE_CALLS_IPTABLES).equals("1");
        if (!nat && !bridgedTrafficFiltered) {
            return List.of();
        }
        List<String> dropping = droppingForwardChains(journal);
        if (dropping.isEmpty()) {
            return List.of();
        }
        List<String> affected = new ArrayList<>();
        if (nat) {
            affected.add("packets this container sends beyond the bridge through NAT");
        }
        if (bridgedTrafficFiltered) {
            affected.add("traffic between containers on " + settings.bridge() + " (bridge-nf-call-iptables is 1)");
        }
        return List.of(String.join(" and ", dropping) + " in " + namespaceLabel() + " drops forwarded packets by"
                + " default (policy drop). " + capitalise(String.join(", and ", affected)) + " may be dropped there."
                + " The engine leaves that policy as it is; to let them pass, add rules there that accept traffic from"
                + " and to " + settings.bridge() + ".");
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Lists "chain NAME of table FAMILY NAME" for every forward-hook chain with policy drop. */
    private List<String> droppingForwardChains(StepJournal journal) {
        List<String> dropping = new ArrayList<>();
        if (commands.isInstalled(HostTool.NFT)) {
            CommandResult listed = commands.run(nft("-j", "list", "chains"), journal);
            if (listed.succeeded()) {
                for (JsonElement entry : JsonParser.parseString(listed.output()).getAsJsonObject().getAsJsonArray("nftables")) {
                    JsonObject chain = entry.getAsJsonObject().getAsJsonObject("chain");
                    if (chain != null && isDroppingForwardChain(chain)) {
                        dropping.add("chain " + chain.get("name").getAsString() + " of table "
                                + chain.get("family").getAsString() + " " + chain.get("table").getAsString());
                    }
                }
            }
        } else if (commands.isInstalled(HostTool.IPTABLES)) {
            HostCommand rules = HostCommand.of(HostTool.IPTABLES, "-S", "FORWARD")
                    .inNetNamespace(settings.hostNamespacePath());
            CommandResult listed = commands.run(rules, journal);
            if (listed.succeeded() && listed.output().lines().anyMatch(line -> line.trim().equals("-P FORWARD DROP"))) {
                dropping.add("the iptables FORWARD chain");
            }
        }
        return dropping;
    }

    private static boolean isDroppingForwardChain(JsonObject chain) {
        String family = text(chain, "family");
        return (family.equals("ip") || family.equals("inet"))
                && text(chain, "hook").equals("forward")
                && text(chain, "policy").toLowerCase(Locale.ROOT).equals("drop");
    }

    private static String text(JsonObject object, String key) {
        return object.has(key) ? object.get(key).getAsString() : "";
    }

    private String namespaceLabel() {
        return settings.hostNamespace() == null ? "the host's network namespace"
                : "the network namespace " + settings.hostNamespace();
    }

    /**
     * Reads a /proc/sys/net file of the host-side namespace. Those files belong to the namespace of
     * the thread that opens them. Returns "" when the file does not exist there.
     */
    private String readSysctl(Path file) {
        try {
            return NetworkNamespaceThread.call(settings.hostNamespacePath(),
                    () -> Files.exists(file) ? Files.readString(file, StandardCharsets.US_ASCII).trim() : "");
        } catch (Exception e) {
            throw new EngineException("cannot read " + file + " in " + namespaceLabel() + ": " + e.getMessage(), e);
        }
    }

    private void writeSysctl(Path file, String value, StepJournal journal) {
        long start = System.nanoTime();
        try {
            NetworkNamespaceThread.call(settings.hostNamespacePath(), () -> {
                Files.writeString(file, value + "\n", StandardCharsets.US_ASCII);
                return null;
            });
            journal.record("write(\"" + file + "\", \"" + value + "\")", value.length() + 1, "0", start);
        } catch (IOException e) {
            journal.record("write(\"" + file + "\", \"" + value + "\")", -1, "FAILED", start);
            throw new EngineException("cannot write " + value + " to " + file + " in " + namespaceLabel() + ": "
                    + e.getMessage(), e);
        } catch (Exception e) {
            throw new EngineException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
