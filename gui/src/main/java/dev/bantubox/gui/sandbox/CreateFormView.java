package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.network.NetworkMode;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.gui.sandbox.CreateRequest.Field;

import java.util.Locale;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.controlsfx.control.ToggleSwitch;

/**
 * The create form: image, command, name, hostname, the isolation toggles, limits, network and
 * published ports. A field whose value the engine would reject carries the style class field-invalid
 * and shows the reason below it, and Create stays disabled until every field is valid. The engine's
 * own error, when a create fails, is shown under the button, and the values stay as typed.
 */
public final class CreateFormView extends VBox {
    private static final String INVALID = "field-invalid";

    private final CreateFormModel form;
    private final Node createRow;

    public CreateFormView(CreateFormModel form, ObservableList<String> imageNames, Runnable create) {
        this.form = form;
        setId("create-form");
        getStyleClass().add("create-form");

        Label title = new Label("New container");
        title.getStyleClass().add("section-title");
        ComboBox<String> image = new ComboBox<>(imageNames);
        image.setEditable(true);
        image.setId("form-image");
        image.setMaxWidth(Double.MAX_VALUE);
        // The editor's text is the value as typed; a pick from the list sets it too.
        image.getEditor().textProperty().bindBidirectional(form.text(Field.IMAGE));
        getChildren().add(title);
        addField("Image", image, Field.IMAGE, "An image from this machine's store; busybox and starter are made on"
                + " first use.");
        addField("Command", text(Field.COMMAND, "form-command", "sleep 3600"), Field.COMMAND,
                "Split as a shell splits quotes; use sh -c '…' for pipes and variables.");
        addField("Name", text(Field.NAME, "form-name", "optional, such as web"), Field.NAME, null);
        addField("Hostname", text(Field.HOSTNAME, "form-hostname", "optional: the short id"), Field.HOSTNAME,
                "Needs UTS_NS.");
        addField("Isolation", toggles(), Field.TOGGLES, null);
        addField("CPUs", text(Field.CPUS, "form-cpus", "cores, such as 0.5"), Field.CPUS, null);
        addField("Memory", text(Field.MEMORY, "form-memory", "such as 64m"), Field.MEMORY, null);
        addField("Process limit", text(Field.PIDS_LIMIT, "form-pids-limit", "such as 64"), Field.PIDS_LIMIT, null);
        addField("Network", network(), Field.NETWORK, null);
        addField("Published ports", text(Field.PORTS, "form-ports", "HOSTPORT:PORT, such as 8080:80"), Field.PORTS,
                "TCP, relayed by this app on 127.0.0.1 unless an address is given, for as long as BantuBox runs.");

        CheckBox init = new CheckBox("Run bantubox-init as PID 1");
        init.setId("form-init");
        init.selectedProperty().bindBidirectional(form.initProperty());
        init.setTooltip(new Tooltip("An init passes SIGTERM on to the command, so Stop ends it at once; a"
                + " command as PID 1 without a handler ignores SIGTERM and is killed after "
                + SandboxModel.STOP_GRACE.toSeconds() + " s."));
        getChildren().add(init);
        createRow = createRow(create);
    }

    /**
     * Returns the Create button with its progress and error, which the window places below the scrolling
     * fields, so it stays in view however many fields show a problem.
     */
    public Node createRow() {
        return createRow;
    }

    private Node createRow(Runnable create) {
        Button button = new Button("Create");
        button.setId("form-create");
        button.setDefaultButton(true);
        button.disableProperty().bind(form.validProperty().not().or(form.creatingProperty()));
        button.setOnAction(event -> create.run());
        ProgressIndicator progress = new ProgressIndicator();
        progress.getStyleClass().add("form-progress");
        progress.visibleProperty().bind(form.creatingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label error = new Label();
        error.setId("form-error");
        error.getStyleClass().add("form-error");
        error.setWrapText(true);
        error.textProperty().bind(form.errorProperty());
        error.visibleProperty().bind(form.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox row = new VBox(new HBox(button, progress), error);
        row.getStyleClass().add("create-row");
        return row;
    }

    private TextField text(Field field, String id, String prompt) {
        TextField text = new TextField();
        text.setId(id);
        text.setPromptText(prompt);
        text.textProperty().bindBidirectional(form.text(field));
        return text;
    }

    private Node toggles() {
        FlowPane switches = new FlowPane();
        switches.getStyleClass().add("form-toggles");
        for (Toggle toggle : Toggle.values()) {
            ToggleSwitch toggleSwitch = new ToggleSwitch(toggle.optionName());
            toggleSwitch.setId("form-toggle-" + toggle.optionName());
            toggleSwitch.setTooltip(new Tooltip(toggle.purpose()));
            toggleSwitch.selectedProperty().bindBidirectional(form.toggle(toggle));
            if (toggle == Toggle.NET_NS) {
                toggleSwitch.disableProperty().bind(form.networkProperty().isEqualTo(NetworkMode.HOST));
            }
            switches.getChildren().add(toggleSwitch);
        }
        return switches;
    }

    private Node network() {
        ChoiceBox<NetworkMode> mode = new ChoiceBox<>();
        mode.setId("form-network");
        mode.getItems().setAll(NetworkMode.values());
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(NetworkMode value) {
                return value == null ? "" : switch (value) {
                    case NONE -> "none: loopback only";
                    case BRIDGE -> "bridge: a veth pair on the host bridge";
                    case HOST -> "host: the host's network (NET_NS off)";
                };
            }

            @Override
            public NetworkMode fromString(String text) {
                return NetworkMode.parse(text.split(":")[0].trim().toLowerCase(Locale.ROOT));
            }
        });
        mode.valueProperty().bindBidirectional(form.networkProperty());
        return mode;
    }

    /** Adds a labelled field with its problem below it; hint, when given, is shown while there is none. */
    private void addField(String title, Node input, Field field, String hint) {
        Label label = new Label(title);
        label.getStyleClass().add("form-label");
        label.setLabelFor(input);
        Label problem = new Label();
        problem.setId("problem-" + field.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        ReadOnlyStringProperty reason = form.problemProperty(field);
        problem.textProperty().bind(reason);
        problem.visibleProperty().bind(reason.isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        markInvalid(input, !reason.get().isEmpty());
        reason.addListener((property, before, after) -> markInvalid(input, !after.isEmpty()));
        VBox block = new VBox(label, input, problem);
        block.getStyleClass().add("form-field");
        if (hint != null) {
            Label hintLabel = new Label(hint);
            hintLabel.getStyleClass().add("field-hint");
            hintLabel.setWrapText(true);
            hintLabel.visibleProperty().bind(reason.isEmpty());
            hintLabel.managedProperty().bind(hintLabel.visibleProperty());
            block.getChildren().add(hintLabel);
        }
        getChildren().add(block);
    }

    private static void markInvalid(Node input, boolean invalid) {
        if (invalid && !input.getStyleClass().contains(INVALID)) {
            input.getStyleClass().add(INVALID);
        } else if (!invalid) {
            input.getStyleClass().remove(INVALID);
        }
    }
}
