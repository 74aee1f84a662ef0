package dev.bantubox.gui.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.container.ContainerRecord;

import java.util.Map;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Inspect tab: what {@code bantubox inspect} prints for the container, as a tree. The inspection
 * reads /proc, so it is made on the reader thread, and again on Refresh.
 */
public final class InspectView extends VBox {
    private final Engine engine;
    private final SandboxWorkers workers;
    private final Label state = new Label();
    private final TreeView<String> tree = new TreeView<>();
    private ContainerRecord shown;

    public InspectView(Engine engine, SandboxWorkers workers) {
        this.engine = engine;
        this.workers = workers;
        setId("inspect-view");
        getStyleClass().add("inspect-view");
        tree.setId("inspect-tree");
        tree.setShowRoot(false);
        VBox.setVgrow(tree, Priority.ALWAYS);
        Button refresh = new Button("Refresh");
        refresh.setId("inspect-refresh");
        refresh.setOnAction(event -> show(shown));
        HBox bar = new HBox(refresh, state);
        bar.getStyleClass().add("detail-bar");
        getChildren().setAll(bar, tree);
        show(null);
    }

    /** Inspects record's container now and shows the result when it arrives. */
    public void show(ContainerRecord record) {
        shown = record;
        if (record == null) {
            tree.setRoot(null);
            state.setText("Select a container in the table.");
            return;
        }
        state.setText("Inspecting …");
        String id = record.id;
        workers.read("inspect container " + record.shortId(), () -> treeOf(engine.inspect(id).toJson()),
                root -> {
                    if (shown != null && shown.id.equals(id)) {
                        tree.setRoot(root);
                        state.setText("As 'bantubox inspect " + record.shortId() + "' prints it.");
                    }
                },
                message -> {
                    if (shown != null && shown.id.equals(id)) {
                        tree.setRoot(null);
                        state.setText(message);
                    }
                });
    }

    /** Builds the tree off the FX thread: TreeItems belong to no scene until the view shows them. */
    static TreeItem<String> treeOf(String json) {
        TreeItem<String> root = item("inspection", JsonParser.parseString(json));
        root.setExpanded(true);
        for (TreeItem<String> child : root.getChildren()) {
            child.setExpanded(true);
        }
        return root;
    }

    private static TreeItem<String> item(String key, JsonElement value) {
        if (value.isJsonObject()) {
            JsonObject object = value.getAsJsonObject();
            TreeItem<String> item = new TreeItem<>(key);
            for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
                item.getChildren().add(item(entry.getKey(), entry.getValue()));
            }
            return item;
        }
        if (value.isJsonArray()) {
            JsonArray array = value.getAsJsonArray();
            TreeItem<String> item = new TreeItem<>(key + " [" + array.size() + "]");
            for (int i = 0; i < array.size(); i++) {
                item.getChildren().add(item(String.valueOf(i), array.get(i)));
            }
            return item;
        }
        return new TreeItem<>(key + ": " + (value.isJsonNull() ? "null" : value.getAsString()));
    }
}
