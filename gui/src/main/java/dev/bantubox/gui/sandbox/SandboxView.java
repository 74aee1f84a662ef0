package dev.bantubox.gui.sandbox;

import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The sandbox window's content: the create form on the left, the container table with its actions in
 * the centre, and the selected container's tabs below it.
 */
public final class SandboxView extends BorderPane {
    /** The signals the Kill menu offers, by name and number (signal(7), x86 and arm numbering). */
    private static final List<Signal> SIGNALS = List.of(new Signal("SIGKILL", 9), new Signal("SIGTERM", 15),
            new Signal("SIGINT", 2), new Signal("SIGHUP", 1), new Signal("SIGUSR1", 10), new Signal("SIGUSR2", 12));

    private final SandboxModel model;
    private final ContainerDetailView details;
    private final BooleanProperty selectedRunning = new SimpleBooleanProperty();

    private record Signal(String name, int number) {
    }

    public SandboxView(SandboxModel model, TerminalPane terminal) {
        this.model = model;
        setId("sandbox-view");
        getStyleClass().add("sandbox-view");
        details = new ContainerDetailView(model, terminal);

        CreateFormView formView = new CreateFormView(model.form(), model.imageNames(), model::create);
        ScrollPane form = new ScrollPane(formView);
        form.setFitToWidth(true);
        form.getStyleClass().add("create-form-scroll");
        VBox.setVgrow(form, Priority.ALWAYS);
        setLeft(new VBox(form, formView.createRow()));

        Label message = new Label();
        message.setId("sandbox-message");
        message.getStyleClass().add("sandbox-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        ContainerTable table = new ContainerTable(model);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox containers = new VBox(actions(), message, table);
        SplitPane centre = new SplitPane(containers, details);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.45);
        setCenter(centre);
        followSelectedRunning();
    }

    public ContainerDetailView details() {
        return details;
    }

    private ToolBar actions() {
        Button stop = action("Stop", "action-stop", "SIGTERM, then SIGKILL after " + SandboxModel.STOP_GRACE.toSeconds()
                + " s", () -> model.stop(model.selectedProperty().get()));
        MenuButton kill = new MenuButton("Kill");
        kill.setId("action-kill");
        kill.setTooltip(new Tooltip("Send a signal to the container's first process"));
        for (Signal signal : SIGNALS) {
            MenuItem item = new MenuItem(signal.name() + " (" + signal.number() + ")");
            item.setId("action-kill-" + signal.number());
            item.setOnAction(event -> model.kill(model.selectedProperty().get(), signal.number()));
            kill.getItems().add(item);
        }
        Button restart = action("Restart", "action-restart", "Stop it if it runs, then start it again: same id, name"
                + " and writable layer, new processes and namespaces", () -> model.restart(model.selectedProperty().get()));
        Button remove = action("Remove", "action-remove", "Delete the container with its writable layer and log;"
                + " a running one is killed first", () -> model.remove(model.selectedProperty().get()));
        Button shell = action("Open a shell", "action-shell", "Run sh in the container, in the Terminal tab",
                () -> model.openShell(model.selectedProperty().get()));
        Button removeAll = action("Remove all …", "action-remove-all", "Remove every container, for the end of a"
                + " workshop", this::confirmRemoveAll);

        stop.disableProperty().bind(selectedRunning.not());
        kill.disableProperty().bind(selectedRunning.not());
        shell.disableProperty().bind(selectedRunning.not());
        restart.disableProperty().bind(model.selectedProperty().isNull());
        remove.disableProperty().bind(model.selectedProperty().isNull());
        removeAll.disableProperty().bind(Bindings.isEmpty(model.rows()));
        Pane gap = new Pane();
        HBox.setHgrow(gap, Priority.ALWAYS);
        ToolBar bar = new ToolBar(stop, kill, restart, remove, shell, gap, removeAll);
        bar.setId("sandbox-actions");
        return bar;
    }

    private static Button action(String title, String id, String tip, Runnable work) {
        Button button = new Button(title);
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(event -> work.run());
        return button;
    }

    /** Keeps selectedRunning equal to the selected row's running flag. */
    private void followSelectedRunning() {
        ChangeListener<Boolean> running = (property, before, after) -> selectedRunning.set(after);
        model.selectedProperty().addListener((property, before, after) -> {
            if (before != null) {
                before.runningProperty().removeListener(running);
            }
            selectedRunning.set(after != null && after.runningProperty().get());
            if (after != null) {
                after.runningProperty().addListener(running);
            }
        });
    }

    /** Asks before removing every container, naming how many and how many of them run. */
    private void confirmRemoveAll() {
        int count = model.rows().size();
        long running = model.rows().stream().filter(row -> row.runningProperty().get()).count();
        ButtonType confirm = new ButtonType("Remove all " + count, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", confirm, ButtonType.CANCEL);
        alert.initOwner(getScene().getWindow());
        alert.setTitle("Remove all containers");
        alert.setHeaderText("Remove all " + count + " containers?");
        alert.setContentText((running > 0 ? running + " of them are running, so they are killed first. " : "")
                + "Each container's folder, writable layer and log are deleted.");
        alert.getDialogPane().setId("remove-all-dialog");
        Button confirmButton = (Button) alert.getDialogPane().lookupButton(confirm);
        confirmButton.setId("remove-all-confirm");
        // Deleting every container cannot be undone, so Enter must not do it: Cancel is the default.
        confirmButton.setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        alert.setOnHidden(event -> {
            if (alert.getResult() == confirm) {
                model.removeAll();
            }
        });
        alert.show();
    }
}
