package dev.bantubox.gui.diagram;

import dev.bantubox.engine.inspect.ContainerSnapshot;
import dev.bantubox.engine.inspect.NetworkInterface;

import javafx.scene.layout.VBox;

/** The network links of the container's network namespace with their state and addresses. */
public final class NetworkDiagram extends VBox {
    public NetworkDiagram() {
        getStyleClass().addAll("diagram", "network-diagram");
        clear("Run an experiment to see its network links.");
    }

    public void clear(String sentence) {
        getChildren().setAll(DiagramLabels.note(sentence));
    }

    public void show(ContainerSnapshot snapshot) {
        if (snapshot.missed() != null) {
            clear("No links to show: " + snapshot.missed() + ".");
            return;
        }
        boolean shared = snapshot.container().shares(snapshot.host(), "net");
        getChildren().setAll(DiagramLabels.header(shared
                ? "The host's network namespace (shared): every host link is visible"
                : "The container's own network namespace"));
        for (NetworkInterface link : snapshot.interfaces()) {
            String addresses = link.addresses().isEmpty() ? "no address" : String.join("  ", link.addresses());
            getChildren().add(DiagramLabels.box(link.name() + "   " + link.state() + "\n" + addresses, "network-link"));
        }
    }
}
