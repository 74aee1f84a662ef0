package dev.bantubox.gui.lesson;

import dev.bantubox.engine.plan.Toggle;

import java.util.EnumMap;
import java.util.Map;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import org.controlsfx.control.ToggleSwitch;

/**
 * One switch per isolation toggle, bound to the model. The toggles the open lesson adds carry the
 * style class own-toggle; a combination the kernel cannot run shows its reason below the switches.
 */
public final class ToggleBar extends VBox {
    private final Map<Toggle, ToggleSwitch> switches = new EnumMap<>(Toggle.class);

    public ToggleBar(LessonModel model) {
        getStyleClass().add("toggle-bar");
        FlowPane row = new FlowPane();
        row.getStyleClass().add("toggle-row");
        for (Toggle toggle : Toggle.values()) {
            ToggleSwitch toggleSwitch = new ToggleSwitch(toggle.optionName());
            toggleSwitch.setId("toggle-" + toggle.optionName());
            toggleSwitch.getStyleClass().add("lesson-toggle");
            toggleSwitch.setTooltip(new Tooltip(toggle.purpose()));
            toggleSwitch.selectedProperty().bindBidirectional(model.toggleProperty(toggle));
            switches.put(toggle, toggleSwitch);
            row.getChildren().add(toggleSwitch);
        }
        Label problem = new Label();
        problem.getStyleClass().add("toggle-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(model.toggleProblemProperty());
        problem.visibleProperty().bind(model.toggleProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        getChildren().setAll(row, problem);
        // Toggles take effect at the next run. Ignoring clicks during a run, instead of disabling the
        // switches, spares restyling all of them twice per run.
        row.mouseTransparentProperty().bind(model.runningProperty());

        model.lessonProperty().addListener((property, before, after) -> {
            for (Map.Entry<Toggle, ToggleSwitch> entry : switches.entrySet()) {
                entry.getValue().getStyleClass().remove("own-toggle");
                if (after != null && after.ownToggleSet().contains(entry.getKey())) {
                    entry.getValue().getStyleClass().add("own-toggle");
                }
            }
        });
    }
}
