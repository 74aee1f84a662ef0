package dev.bantubox.engine.network;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.container.LaunchContext;
import dev.bantubox.engine.container.LaunchHook;
import dev.bantubox.engine.host.HostFacts;
import dev.bantubox.engine.kernel.LaunchedChild;
import dev.bantubox.engine.network.CommandRunner.StepJournal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connects each container as its network mode requests. Before clone(): an address lease, the /etc files
 * and the published ports' listeners. While the child waits: the bridge, the veth pair, eth0 inside
 * with its address and default route, NAT, and the firewall check, each command in the journal. When
 * the container has ended: everything it had is removed again, and its address is free.
 */
public final class NetworkHook implements LaunchHook {
    private static final Logger LOG = Logger.getLogger(NetworkHook.class.getName());

    private final NetworkSettings settings;
    private final AddressLeases leases;
    private final BridgeNetwork bridge;
    private final Firewall firewall;
    private final Map<String, Attachment> attachments = new ConcurrentHashMap<>();

    /** The lease, links, NAT entry and port relays of one running container. */
    private static final class Attachment {
        AddressLeases.Lease lease;
        VethPair pair;
        boolean nat;
        final List<PortProxy> proxies = new ArrayList<>();
    }

    /**
     * @param engineHome the engine's home folder: leases are kept below it, and links this engine
     *                   makes carry its path in their alias
     */
    public NetworkHook(Path engineHome, NetworkSettings settings) {
        this.settings = settings;
        CommandRunner commands = new CommandRunner();
        this.leases = new AddressLeases(engineHome.resolve("network").resolve(settings.bridge()).resolve("leases"),
                settings.subnet());
        this.bridge = new BridgeNetwork(settings, engineHome, commands);
        this.firewall = new Firewall(settings, commands);
    }

    public NetworkSettings settings() {
        return settings;
    }

    /** Returns the address leases this hook hands out. */
    public AddressLeases leases() {
        return leases;
    }

    /** Lists the links now attached to the bridge. */
    public List<String> bridgePorts() {
        return bridge.bridgePorts();
    }

    /** Returns the alias that marks links made by this engine home. */
    public String ownerAlias() {
        return bridge.ownerAlias();
    }

    @Override
    public void beforeClone(LaunchContext context) {
        ContainerRecord record = context.record();
        NetworkMode mode = context.spec().network();
        ContainerRecord.Network network = new ContainerRecord.Network();
        network.mode = mode.optionName();
        network.notes = new ArrayList<>();
        record.network = network;
        Attachment attachment = new Attachment();
        attachments.put(record.id, attachment);

        String address = null;
        if (mode == NetworkMode.BRIDGE) {
            removeStaleLeases();
            attachment.lease = leases.allocate(record.id);
            address = attachment.lease.address;
            network.bridge = settings.bridge();
            network.address = settings.subnet().withPrefix(address);
            network.gateway = settings.subnet().gateway();
            network.nat = context.spec().nat();
            network.ports = new ArrayList<>();
            for (PublishedPort port : context.spec().ports()) {
                attachment.proxies.add(PortProxy.bind(port, settings.hostNamespacePath(), record.shortId()));
                network.ports.add(port.toString());
            }
        }
        writeEtcFiles(context, mode, address);
    }

    @Override
    public void beforeGo(LaunchContext context, LaunchedChild child) {
        ContainerRecord record = context.record();
        Attachment attachment = attachments.get(record.id);
        if (attachment == null || attachment.lease == null) {
            return;
        }
        StepJournal journal = child::recordEngineStep;
        AddressLeases.Lease lease = attachment.lease;
        bridge.ensureBridge(journal);
        attachment.pair = bridge.createPair(record.id, namesOfOtherLeases(record.id), pair -> {
            lease.hostInterface = pair.hostEnd();
            lease.peerInterface = pair.peer();
            leases.update(lease);
        }, journal);
        bridge.attachToBridge(attachment.pair, journal);
        lease.containerPid = child.pid();
        lease.containerNetNamespace = HostFacts.namespaceLink(child.pid(), "net");
        leases.update(lease);
        record.network.hostInterface = attachment.pair.hostEnd();

        bridge.connectContainer(attachment.pair, child.pid(), lease.address, journal);
        if (context.spec().nat()) {
            lease.nat = true;
            leases.update(lease);
            attachment.nat = true;
            report(record, firewall.addNatSource(lease.address, journal));
        }
        report(record, firewall.forwardingNotes(context.spec().nat(), journal));
        for (PortProxy proxy : attachment.proxies) {
            proxy.start(lease.address);
        }
    }

    @Override
    public void afterExit(LaunchContext context) {
        Attachment attachment = attachments.remove(context.record().id);
        if (attachment == null) {
            releaseLeaseOf(context.record().id);
            return;
        }
        for (PortProxy proxy : attachment.proxies) {
            proxy.close();
        }
        AddressLeases.Lease lease = attachment.lease;
        if (lease == null) {
            return;
        }
        try {
            if (attachment.nat) {
                firewall.removeNatSource(lease.address, StepJournal.NONE);
            }
            if (attachment.pair != null) {
                // Deleting one end of a veth pair deletes both, wherever the peer is.
                bridge.deleteLink(attachment.pair.hostEnd(), StepJournal.NONE);
            }
        } finally {
            leases.release(lease.address);
        }
    }

    private void writeEtcFiles(LaunchContext context, NetworkMode mode, String address) {
        ContainerRecord record = context.record();
        try {
            Optional<Path> etc = EtcFiles.writableEtc(context.root());
            if (etc.isEmpty()) {
                return;
            }
            String hostname = record.hostname != null ? record.hostname : HostFacts.hostname();
            report(record, EtcFiles.write(etc.get(), hostname, mode, address));
        } catch (IOException e) {
            throw new EngineException("cannot write /etc/hosts, /etc/hostname and /etc/resolv.conf for container "
                    + record.shortId() + ": " + e.getMessage(), e);
        }
    }

    private void report(ContainerRecord record, List<String> notes) {
        for (String note : notes) {
            LOG.warning("container " + record.shortId() + ": " + note);
            record.network.notes.add(note);
        }
    }

    /** Link names that other containers' leases hold; this container must not take them. */
    private Set<String> namesOfOtherLeases(String containerId) {
        Set<String> names = new HashSet<>();
        for (AddressLeases.Lease other : leases.list()) {
            if (!containerId.equals(other.containerId)) {
                if (other.hostInterface != null) {
                    names.add(other.hostInterface);
                }
                if (other.peerInterface != null) {
                    names.add(other.peerInterface);
                }
            }
        }
        return names;
    }

    /**
     * Frees the leases of crashed runs: the engine that made the lease has ended without releasing it,
     * and its container has ended too. Their veth pairs are deleted when this engine made them.
     */
    /**
     * Releases the lease of a container that another engine process started (a detached run whose
     * CLI has exited), with its links and NAT entry, once this engine records the container's end.
     */
    private void releaseLeaseOf(String containerId) {
        for (AddressLeases.Lease lease : leases.list()) {
            if (!containerId.equals(lease.containerId)) {
                continue;
            }
            try {
                if (lease.nat) {
                    firewall.removeNatSource(lease.address, StepJournal.NONE);
                }
                if (lease.hostInterface != null) {
                    bridge.deleteLeftover(lease.hostInterface);
                }
            } finally {
                leases.release(lease.address);
            }
        }
    }

    public void removeStaleLeases() {
        for (AddressLeases.Lease lease : leases.list()) {
            if (!isStale(lease)) {
                continue;
            }
            LOG.info("removing the leftovers of container " + shortId(lease.containerId) + " (address "
                    + lease.address + "), whose engine ended without cleaning up");
            try {
                if (lease.nat) {
                    firewall.removeNatSource(lease.address, StepJournal.NONE);
                }
                if (lease.hostInterface != null) {
                    bridge.deleteLeftover(lease.hostInterface);
                }
                if (lease.peerInterface != null) {
                    bridge.deleteLeftover(lease.peerInterface);
                }
                leases.release(lease.address);
            } catch (RuntimeException failure) {
                LOG.log(Level.WARNING, "cannot remove the leftovers of container " + shortId(lease.containerId) + ": "
                        + failure.getMessage(), failure);
            }
        }
    }

    /**
     * A lease is stale when the engine process that made it is gone (so nobody will release it) and
     * its container's first process is gone too (so nobody uses the address).
     */
    static boolean isStale(AddressLeases.Lease lease) {
        Optional<ProcessHandle> engine = ProcessHandle.of(lease.enginePid);
        boolean engineAlive = engine.isPresent() && (lease.engineStarted == null || lease.engineStarted.isEmpty()
                || engine.get().info().startInstant().map(Object::toString).orElse("").equals(lease.engineStarted));
        if (engineAlive) {
            return false;
        }
        if (lease.containerPid <= 0 || lease.containerNetNamespace == null) {
            return true;
        }
        try {
            // A reused pid has another network namespace, so the pair (pid, namespace) identifies the container.
            return !HostFacts.namespaceLink(lease.containerPid, "net").equals(lease.containerNetNamespace);
        } catch (RuntimeException gone) {
            return true;
        }
    }

    private static String shortId(String id) {
        return id == null ? "?" : id.substring(0, Math.min(12, id.length()));
    }
}
