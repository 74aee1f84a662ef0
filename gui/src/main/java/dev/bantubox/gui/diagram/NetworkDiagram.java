package dev.bantubox.gui.diagram;

import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.inspect.ContainerSnapshot;
import dev.bantubox.engine.inspect.NetworkInterface;

import java.util.List;

import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The container's network: the links of its network namespace as the inspection listed them. For a
 * bridged container it adds the veth pair and the engine's bridge, from the container's record.
 */
public final class NetworkDiagram extends VBox {
    public NetworkDiagram() {
        getStyleClass().addAll("diagram", "network-diagram");
        clear("Run an experiment to see its network links.");
    }

    public void clear(String sentence) {
        getChildren().setAll(DiagramLabels.note(sentence));
    }

    /**
     * Draws snapshot's links. record, when not null, adds the veth pair and the bridge of a bridged run,
     * which the record gives even when the command ended before its links could be listed. peer, when
     * not null, adds the experiment's second container with its veth pair on the same bridge.
     */
    public void show(ContainerSnapshot snapshot, ContainerRecord record, ContainerRecord peer) {
        boolean shared = snapshot.container().shares(snapshot.host(), "net");
        if (shared || record == null) {
            showLinksOnly(snapshot, shared);
            return;
        }

        ContainerRecord.Network network = record.network;
        boolean bridged = network != null && "bridge".equals(network.mode) && network.address != null;
        VBox inside = new VBox(DiagramLabels.header("Container: its own network namespace"));
        inside.getStyleClass().addAll("net-side", "net-container-side");
        inside.setId("net-container-side");
        if (snapshot.missed() == null) {
            inside.getChildren().addAll(links(snapshot.interfaces(), bridged ? network.address : null));
        } else {
            inside.getChildren().add(DiagramLabels.note("Links not listed: " + snapshot.missed() + "."));
            if (bridged) {
                Label end = DiagramLabels.box("container end of the veth pair, from the engine's record\n"
                        + network.address, "net-veth-container");
                end.setId("net-veth-container");
                inside.getChildren().add(end);
            }
        }

        if (!bridged) {
            getChildren().setAll(inside, DiagramLabels.note("No veth pair: this run has loopback only, so nothing"
                    + " outside the namespace can reach it."));
            return;
        }

        VBox host = new VBox(DiagramLabels.header("Host: the engine's network namespace"));
        host.getStyleClass().addAll("net-side", "net-host-side");
        host.setId("net-host-side");
        Label hostEnd = DiagramLabels.box(network.hostInterface + "   host end of the veth pair, no address",
                "net-veth-host");
        hostEnd.setId("net-veth-host");
        Label bridge = DiagramLabels.box(network.bridge + "   bridge\ngateway " + network.gateway
                + (network.nat ? "   NAT to the host's other links" : ""), "net-bridge");
        bridge.setId("net-bridge");
        host.getChildren().addAll(hostEnd, wire("plugged into the bridge"), bridge);
        getChildren().setAll(inside, wire("veth pair: a cable, whatever enters one end leaves the other"), host);
        ContainerRecord.Network peerNetwork = peer == null ? null : peer.network;
        if (peerNetwork != null && peerNetwork.address != null) {
            addPeer(host, peer.shortId(), peerNetwork);
        }
        if (network.notes != null) {
            for (String note : network.notes) {
                getChildren().add(DiagramLabels.note(note));
            }
        }
    }

    /** Adds the peer's host end below the bridge and the peer's namespace below the host. */
    private void addPeer(VBox host, String shortId, ContainerRecord.Network peerNetwork) {
        Label peerHostEnd = DiagramLabels.box(peerNetwork.hostInterface + "   host end of the peer's veth pair",
                "net-veth-host");
        peerHostEnd.setId("net-peer-host");
        host.getChildren().addAll(wire("the peer's pair is plugged into the same bridge"), peerHostEnd);
        VBox peerSide = new VBox(DiagramLabels.header("Peer container " + shortId + ": its own network namespace"));
        peerSide.getStyleClass().addAll("net-side", "net-container-side");
        Label peerEnd = DiagramLabels.box("container end of the peer's veth pair, from the engine's record\n"
                + peerNetwork.address, "net-veth-container");
        peerEnd.setId("net-peer-container");
        peerSide.getChildren().add(peerEnd);
        getChildren().addAll(wire("the peer's veth pair"), peerSide);
    }

    private void showLinksOnly(ContainerSnapshot snapshot, boolean shared) {
        if (snapshot.missed() != null) {
            clear("No links to show: " + snapshot.missed() + ".");
            return;
        }
        getChildren().setAll(DiagramLabels.header(shared
                ? "The host's network namespace (shared): every host link is visible"
                : "The container's own network namespace"));
        getChildren().addAll(links(snapshot.interfaces(), null));
    }

    /** Builds a box per link; the link with bridgedAddress is marked as the container's end of the veth pair. */
    private static List<Label> links(List<NetworkInterface> interfaces, String bridgedAddress) {
        return interfaces.stream().map(link -> {
            String addresses = link.addresses().isEmpty() ? "no address" : String.join("  ", link.addresses());
            boolean vethEnd = bridgedAddress != null && link.addresses().contains(bridgedAddress);
            Label box = DiagramLabels.box(link.name() + "   " + link.state() + (vethEnd ? "   container end of the veth"
                    + " pair" : "") + "\n" + addresses, vethEnd ? "net-veth-container" : "network-link");
            box.setId(vethEnd ? "net-veth-container" : "net-link-" + link.name());
            return box;
        }).toList();
    }

    /** Builds a vertical line between two boxes, labelled with what connects them. */
    private static HBox wire(String what) {
        Region line = new Region();
        line.getStyleClass().add("net-wire");
        HBox wire = new HBox(line, DiagramLabels.note(what));
        wire.getStyleClass().add("net-wire-row");
        return wire;
    }
}
