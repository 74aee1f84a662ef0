package dev.bantubox.gui.sandbox;

import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Callback;

/**
 * The sandbox's container table: name, image, status, CPU %, memory with a sparkline of the last
 * minute, and processes. The selection drives the detail tabs.
 */
public final class ContainerTable extends TableView<ContainerRow> {
    /** One minute of memory samples in each row's sparkline. */
    static final int SPARKLINE_SLOTS = 60;

    public ContainerTable(SandboxModel model) {
        super(model.rows());
        setId("container-table");
        getStyleClass().add("container-table");
        setPlaceholder(new Label("No containers yet: create one with the form on the left."));
        getColumns().add(textColumn("Name", "column-name", ContainerRow::nameProperty));
        getColumns().add(textColumn("Image", "column-image", ContainerRow::imageProperty));
        getColumns().add(textColumn("Status", "column-status", ContainerRow::statusProperty));
        getColumns().add(textColumn("CPU %", "column-cpu", ContainerRow::cpuProperty));
        getColumns().add(memoryColumn());
        getColumns().add(textColumn("PIDs", "column-pids", ContainerRow::pidsProperty));
        // Columns share the width in proportion to these, so the memory sparkline keeps room in a narrow window.
        double[] shares = {14, 9, 12, 7, 26, 6};
        for (int i = 0; i < shares.length; i++) {
            getColumns().get(i).setPrefWidth(shares[i] * 10);
        }
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);

        getSelectionModel().selectedItemProperty().addListener((property, before, after) -> {
            if (before != null && after != null && !getItems().contains(before)) {
                // The table moved the selection to a neighbour because the selected row was removed. Following
                // it would let a second press of Remove delete that neighbour, so nothing is selected instead.
                Platform.runLater(() -> model.selectedProperty().set(null));
                return;
            }
            if (after != null) {
                model.selectedProperty().set(after);
            }
        });
        model.selectedProperty().addListener((property, before, after) -> {
            if (after == null) {
                getSelectionModel().clearSelection();
            } else if (getSelectionModel().getSelectedItem() != after) {
                getSelectionModel().select(after);
            }
        });
    }

    private static TableColumn<ContainerRow, String> textColumn(String title, String id,
                                                               Callback<ContainerRow, ReadOnlyStringProperty> property) {
        TableColumn<ContainerRow, String> column = new TableColumn<>(title);
        column.setId(id);
        column.setCellValueFactory(cell -> property.call(cell.getValue()));
        return column;
    }

    private static TableColumn<ContainerRow, ContainerRow> memoryColumn() {
        TableColumn<ContainerRow, ContainerRow> column = new TableColumn<>("Memory");
        column.setId("column-memory");
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(ignored -> new MemoryCell());
        column.setSortable(false);
        return column;
    }

    /** The memory figure and its sparkline; it follows whichever row the table gives it. */
    private static final class MemoryCell extends TableCell<ContainerRow, ContainerRow> {
        private final Label figure = new Label();
        private final Sparkline sparkline = new Sparkline(SPARKLINE_SLOTS);
        private final HBox content = new HBox(figure, sparkline);
        private final InvalidationListener redraw = ignored -> draw();
        private ContainerRow shown;

        MemoryCell() {
            content.getStyleClass().add("memory-cell");
            // The figure keeps its width; the sparkline takes what is left of the column.
            figure.setMinWidth(Region.USE_PREF_SIZE);
            HBox.setHgrow(sparkline, Priority.ALWAYS);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(ContainerRow row, boolean empty) {
            super.updateItem(row, empty);
            if (shown != null) {
                shown.historyVersionProperty().removeListener(redraw);
                shown.runningProperty().removeListener(redraw);
                figure.textProperty().unbind();
            }
            shown = empty ? null : row;
            if (shown == null) {
                setGraphic(null);
                return;
            }
            figure.textProperty().bind(shown.memoryProperty());
            shown.historyVersionProperty().addListener(redraw);
            shown.runningProperty().addListener(redraw);
            setGraphic(content);
            draw();
        }

        private void draw() {
            if (shown == null || !shown.runningProperty().get()) {
                sparkline.clear();
                return;
            }
            // Scaled to the minute's largest value, so a small container's trend shows; the figure gives the limit.
            UsageHistory history = shown.history();
            double max = history.max(UsageHistory.Series.MEMORY_BYTES, SPARKLINE_SLOTS) * 1.2;
            sparkline.show(history, UsageHistory.Series.MEMORY_BYTES, max);
        }
    }
}
