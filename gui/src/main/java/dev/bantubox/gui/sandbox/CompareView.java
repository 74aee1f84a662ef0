package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.inspect.NamespaceSnapshot;

import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Compare tab: two containers picked from the table, their namespaces side by side. Both are read
 * on the reader thread when Compare is pressed.
 */
public final class CompareView extends VBox {
    private final Engine engine;
    private final SandboxWorkers workers;
    private final ComboBox<ContainerRow> first = new ComboBox<>();
    private final ComboBox<ContainerRow> second = new ComboBox<>();
    private final Label state = new Label();
    private final NamespaceComparison comparison = new NamespaceComparison();
    /** Counts the comparisons started, so that only the newest one is drawn. */
    private int requests;

    /** Both containers' namespaces and the engine's, read together. */
    private record Pair(NamespaceSnapshot first, NamespaceSnapshot second, NamespaceSnapshot host) {
    }

    public CompareView(Engine engine, SandboxWorkers workers, ObservableList<ContainerRow> rows) {
        this.engine = engine;
        this.workers = workers;
        setId("compare-view");
        getStyleClass().add("compare-view");
        first.setId("compare-first");
        second.setId("compare-second");
        first.setItems(rows);
        second.setItems(rows);
        first.setPromptText("first container");
        second.setPromptText("second container");
        Button compare = new Button("Compare");
        compare.setId("compare-button");
        compare.disableProperty().bind(first.valueProperty().isNull().or(second.valueProperty().isNull()));
        compare.setOnAction(event -> compare());
        HBox bar = new HBox(first, second, compare, state);
        bar.getStyleClass().add("detail-bar");
        ScrollPane scroll = new ScrollPane(comparison);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().setAll(bar, scroll);
    }

    /** Picks the first container, such as the one selected in the table, when none is picked yet. */
    public void offer(ContainerRow row) {
        if (row != null && first.getValue() == null) {
            first.setValue(row);
        }
    }

    /** Picks both containers and compares them. */
    public void compare(ContainerRow firstRow, ContainerRow secondRow) {
        first.setValue(firstRow);
        second.setValue(secondRow);
        compare();
    }

    private void compare() {
        ContainerRow a = first.getValue();
        ContainerRow b = second.getValue();
        if (a == null || b == null) {
            return;
        }
        int request = ++requests;
        String firstId = a.id();
        String secondId = b.id();
        String firstTitle = a.nameProperty().get();
        String secondTitle = b.nameProperty().get();
        state.setText("Reading both containers' /proc/PID/ns/ …");
        workers.read("compare containers " + firstTitle + " and " + secondTitle,
                () -> new Pair(ContainerNamespaces.of(engine.inspect(firstId)),
                        ContainerNamespaces.of(engine.inspect(secondId)), NamespaceSnapshot.ofEngine()),
                pair -> {
                    if (request != requests) {
                        return;
                    }
                    state.setText("");
                    if (pair.first() == null || pair.second() == null) {
                        String stopped = pair.first() == null ? firstTitle : secondTitle;
                        comparison.clear(stopped + " is not running, so it has no namespaces to compare: its"
                                + " namespaces ended with its last process.");
                    } else {
                        comparison.show(firstTitle, pair.first(), secondTitle, pair.second(), pair.host());
                    }
                },
                message -> {
                    if (request == requests) {
                        state.setText("");
                        comparison.clear(message);
                    }
                });
    }
}
