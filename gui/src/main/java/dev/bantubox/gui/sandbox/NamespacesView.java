package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.gui.diagram.NamespaceDiagram;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Namespaces tab: the lesson window's namespace diagram for the selected container, the host being
 * this app's engine. Read on the reader thread when the container is selected, when it starts or
 * ends, and on Refresh.
 */
public final class NamespacesView extends VBox {
    private final Engine engine;
    private final SandboxWorkers workers;
    private final Label state = new Label();
    private final NamespaceDiagram diagram = new NamespaceDiagram();
    private ContainerRecord shown;

    public NamespacesView(Engine engine, SandboxWorkers workers) {
        this.engine = engine;
        this.workers = workers;
        setId("namespaces-view");
        getStyleClass().add("namespaces-view");
        Button refresh = new Button("Refresh");
        refresh.setId("namespaces-refresh");
        refresh.setOnAction(event -> show(shown));
        HBox bar = new HBox(refresh, state);
        bar.getStyleClass().add("detail-bar");
        ScrollPane scroll = new ScrollPane(diagram);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().setAll(bar, scroll);
        show(null);
    }

    /** Reads the namespaces of record's container now and draws them when they arrive. */
    public void show(ContainerRecord record) {
        shown = record;
        if (record == null) {
            diagram.clear("Select a container in the table.");
            state.setText("");
            return;
        }
        String id = record.id;
        state.setText("Reading /proc/" + record.pid + "/ns/ …");
        workers.read("read the namespaces of container " + record.shortId(),
                () -> ContainerNamespaces.snapshotOf(engine.inspect(id)),
                snapshot -> {
                    if (shown == null || !shown.id.equals(id)) {
                        return;
                    }
                    state.setText("");
                    if (snapshot == null) {
                        diagram.clear("Container " + record.shortId() + " is not running: its namespaces ended with"
                                + " its last process. Restart it to see new ones.");
                    } else {
                        diagram.show(snapshot);
                    }
                },
                message -> {
                    if (shown != null && shown.id.equals(id)) {
                        state.setText("");
                        diagram.clear(message);
                    }
                });
    }
}
