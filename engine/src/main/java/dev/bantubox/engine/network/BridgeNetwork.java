package dev.bantubox.engine.network;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.network.CommandRunner.StepJournal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The host side of bridged networking, done with iproute2's {@code ip}: the bridge, each container's
 * veth pair, and the container end's name, address and route.
 *
 * <p>The container side is configured by the engine, not by the child: the child runs only the
 * syscalls of its plan and cannot run a program before its own command, so the engine enters the
 * child's network namespace with {@code nsenter --net=/proc/PID/ns/net ip ...} while the child
 * waits. {@code ip -n} would need a name under /run/netns, which would outlive a crashed engine.
 *
 * <p>Links this engine made carry an alias ({@code ip link set ... alias}) that names the engine's
 * home folder. A link with the engine's names but without that alias belongs to someone else and is
 * never changed or deleted.
 */
final class BridgeNetwork {
    private final NetworkSettings settings;
    private final String ownerAlias;
    private final CommandRunner commands;

    BridgeNetwork(NetworkSettings settings, Path engineHome, CommandRunner commands) {
        this.settings = settings;
        this.ownerAlias = "bantubox " + engineHome;
        this.commands = commands;
    }

    NetworkSettings settings() {
        return settings;
    }

    /** Returns the alias on every link this engine home made. */
    String ownerAlias() {
        return ownerAlias;
    }

    /** Builds an ip command that runs in the host-side network namespace. */
    HostCommand ip(String... arguments) {
        List<String> words = new ArrayList<>();
        if (settings.hostNamespace() != null) {
            words.add("-n");
            words.add(settings.hostNamespace());
        }
        words.addAll(List.of(arguments));
        return new HostCommand(null, HostTool.IP, words);
    }

    /** Builds an ip command that runs inside the network namespace of process pid. */
    static HostCommand ipInside(int pid, String... arguments) {
        return HostCommand.of(HostTool.IP, arguments).inNetNamespace(Path.of("/proc", String.valueOf(pid), "ns", "net"));
    }

    /**
     * Creates the bridge with the subnet's gateway address on first need, or checks that the one
     * there is this engine's and is up.
     */
    synchronized void ensureBridge(StepJournal journal) {
        String bridge = settings.bridge();
        String gateway = settings.subnet().withPrefix(settings.subnet().gateway());
        Optional<LinkState> existing = link(bridge, journal);
        if (existing.isEmpty()) {
            checkSubnetIsFree(journal);
            CommandResult added = commands.run(ip("link", "add", bridge, "type", "bridge"), journal);
            if (!added.succeeded()) {
                // Another engine may have created it a moment ago; the checks below decide.
                existing = link(bridge, journal);
                if (existing.isEmpty()) {
                    throw new EngineException("cannot create the bridge " + bridge + ": '" + added.call() + "' failed: "
                            + added.error());
                }
            } else {
                commands.runChecked(ip("link", "set", "dev", bridge, "alias", ownerAlias), journal,
                        "mark the bridge " + bridge + " as made by this engine");
                existing = Optional.of(new LinkState(bridge, "bridge", ownerAlias, "", false, List.of()));
            }
        }
        LinkState state = existing.get();
        if (!state.kind().equals("bridge") || !state.alias().equals(ownerAlias)) {
            throw new EngineException("a link named " + bridge + " exists, but this engine did not make it (type '"
                    + state.kind() + "', alias '" + state.alias() + "'): set BANTUBOX_BRIDGE to another name, or remove"
                    + " the link with 'ip link del " + bridge + "' if it is a leftover");
        }
        for (String address : state.addresses()) {
            if (!address.equals(gateway)) {
                throw new EngineException("the bridge " + bridge + " has the address " + address + ", not " + gateway
                        + " of the configured subnet " + settings.subnet() + ": set BANTUBOX_SUBNET to the bridge's"
                        + " subnet, or delete the bridge with 'ip link del " + bridge + "' while no container runs");
            }
        }
        if (state.addresses().isEmpty()) {
            commands.runChecked(ip("addr", "add", gateway, "dev", bridge), journal,
                    "give the bridge " + bridge + " the gateway address " + gateway);
        }
        if (!state.up()) {
            commands.runChecked(ip("link", "set", "dev", bridge, "up"), journal, "bring the bridge " + bridge + " up");
        }
    }

    /** Rejects a subnet that another link's address already overlaps: the routes would clash. */
    private void checkSubnetIsFree(StepJournal journal) {
        CommandResult all = commands.runChecked(ip("-j", "addr", "show"), journal, "list the host's addresses");
        for (LinkState link : LinkState.parseAll(all.output())) {
            for (String address : link.addresses()) {
                String[] parts = address.split("/");
                int network = Ipv4Subnet.parseAddress(parts[0]);
                int prefix = Integer.parseInt(parts[1]);
                if (settings.subnet().overlaps(network, prefix)) {
                    throw new EngineException("the container subnet " + settings.subnet() + " overlaps the address "
                            + address + " of " + link.name() + ": set BANTUBOX_SUBNET to a free private subnet");
                }
            }
        }
    }

    /** Describes one link, or empty when there is no link of that name. */
    Optional<LinkState> link(String name, StepJournal journal) {
        CommandResult shown = commands.run(ip("-d", "-j", "addr", "show", "dev", name), journal);
        if (!shown.succeeded()) {
            if (CommandRunner.errnoName(shown.error()).equals("ENODEV")) {
                return Optional.empty();
            }
            throw new EngineException("cannot inspect the link " + name + ": '" + shown.call() + "' failed: "
                    + shown.error());
        }
        List<LinkState> links = LinkState.parseAll(shown.output());
        return links.isEmpty() ? Optional.empty() : Optional.of(links.get(0));
    }

    /** Lists the links attached to the bridge. */
    List<String> bridgePorts() {
        CommandResult shown = commands.run(ip("-j", "link", "show", "master", settings.bridge()), StepJournal.NONE);
        if (!shown.succeeded()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (LinkState link : LinkState.parseAll(shown.output())) {
            names.add(link.name());
        }
        return names;
    }

    /**
     * Creates the container's veth pair with the first free name candidate. A link with a candidate's name is deleted when this engine made it and no live
     * lease names it, because it is a leftover of a crashed run. Any other link with that name makes
     * the next candidate used, so a name collision never stops the container.
     *
     * @param inUse      names of links that live leases of other containers hold
     * @param beforeUse  called with each candidate before its links exist, to record the names in the
     *                   lease, so a crash right after creating them still leaves them traceable
     */
    VethPair createPair(String containerId, Set<String> inUse, Consumer<VethPair> beforeUse,
                        StepJournal journal) {
        for (int candidate = 0; candidate < VethPair.CANDIDATES; candidate++) {
            VethPair pair = VethPair.forContainer(containerId, candidate);
            if (inUse.contains(pair.hostEnd()) || inUse.contains(pair.peer())) {
                continue;
            }
            beforeUse.accept(pair);
            if (tryCreate(pair, journal) || removeLeftovers(pair, journal) && tryCreate(pair, journal)) {
                return pair;
            }
        }
        throw new EngineException("cannot create a veth pair for container " + containerId.substring(0, 12) + ": links"
                + " named after every part of its id exist and were not made by this engine; list them with 'ip link'");
    }

    /** Marks the pair's host end as this engine's, attaches it to the bridge and brings it up. */
    void attachToBridge(VethPair pair, StepJournal journal) {
        commands.runChecked(ip("link", "set", "dev", pair.hostEnd(), "alias", ownerAlias, "master", settings.bridge(),
                "up"), journal, "attach " + pair.hostEnd() + " to the bridge " + settings.bridge());
    }

    private boolean tryCreate(VethPair pair, StepJournal journal) {
        CommandResult added = commands.run(ip("link", "add", pair.hostEnd(), "type", "veth", "peer", "name", pair.peer()),
                journal);
        if (added.succeeded()) {
            return true;
        }
        if (!CommandRunner.errnoName(added.error()).equals("EEXIST")) {
            throw new EngineException("cannot create the veth pair " + pair.hostEnd() + "/" + pair.peer() + ": '"
                    + added.call() + "' failed: " + added.error() + " (does this kernel have veth support?)");
        }
        return false;
    }

    /**
     * Deletes the links named in pair when they are leftovers of this engine, and returns true when
     * both names are free afterwards.
     */
    private boolean removeLeftovers(VethPair pair, StepJournal journal) {
        for (String name : List.of(pair.hostEnd(), pair.peer())) {
            Optional<LinkState> link = link(name, journal);
            if (link.isEmpty()) {
                continue;
            }
            if (!isOurs(link.get(), journal)) {
                return false;
            }
            deleteLink(name, journal);
        }
        return true;
    }

    /** True for a veth this engine made: its alias, or its peer's alias, names this engine's home. */
    private boolean isOurs(LinkState link, StepJournal journal) {
        if (!link.kind().equals("veth")) {
            return false;
        }
        if (link.alias().equals(ownerAlias)) {
            return true;
        }
        if (link.peer().isEmpty()) {
            return false;
        }
        return link(link.peer(), journal).map(peer -> peer.alias().equals(ownerAlias)).orElse(false);
    }

    /**
     * Moves the pair's peer into the network namespace of pid and makes it the container's eth0 with
     * its address and a default route through the bridge.
     */
    void connectContainer(VethPair pair, int pid, String address, StepJournal journal) {
        String pidText = String.valueOf(pid);
        // The address may have belonged to a removed container. The bridge would keep sending to that
        // container's MAC address until its neighbour entry times out, for 10 s or more, so it is forgotten now.
        commands.runChecked(ip("neigh", "flush", "to", address, "dev", settings.bridge()), journal,
                "forget the bridge's neighbour entry for " + address);
        commands.runChecked(ip("link", "set", "dev", pair.peer(), "netns", pidText), journal,
                "move " + pair.peer() + " into the network namespace of process " + pid);
        commands.runChecked(ipInside(pid, "link", "set", "dev", pair.peer(), "name", "eth0"), journal,
                "rename " + pair.peer() + " to eth0 inside the container");
        commands.runChecked(ipInside(pid, "addr", "add", settings.subnet().withPrefix(address), "dev", "eth0"), journal,
                "give eth0 the address " + address);
        commands.runChecked(ipInside(pid, "link", "set", "dev", "eth0", "up"), journal, "bring eth0 up");
        commands.runChecked(ipInside(pid, "route", "add", "default", "via", settings.subnet().gateway()), journal,
                "add the default route via " + settings.subnet().gateway());
    }

    /** Deletes a veth (and with it its peer); a link that is already gone is fine. */
    void deleteLink(String name, StepJournal journal) {
        CommandResult deleted = commands.run(ip("link", "del", "dev", name), journal);
        if (!deleted.succeeded() && !CommandRunner.errnoName(deleted.error()).equals("ENODEV")) {
            throw new EngineException("cannot delete the link " + name + ": '" + deleted.call() + "' failed: "
                    + deleted.error());
        }
    }

    /** Deletes a link named in a stale lease, when it is a veth this engine made. */
    void deleteLeftover(String name) {
        Optional<LinkState> link = link(name, StepJournal.NONE);
        if (link.isPresent() && isOurs(link.get(), StepJournal.NONE)) {
            deleteLink(name, StepJournal.NONE);
        }
    }
}
