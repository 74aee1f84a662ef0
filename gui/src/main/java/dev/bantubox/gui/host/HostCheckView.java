package dev.bantubox.gui.host;

import dev.bantubox.engine.host.CheckResult;
import dev.bantubox.engine.host.CheckStatus;
import dev.bantubox.engine.host.HostReport;

import java.util.List;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The doctor's table in the window: what this machine can and cannot do for the lessons, one row per
 * host check with its status, what was found and the fix. It lies over lesson mode until closed.
 */
public final class HostCheckView extends VBox {
    private final Label summary = new Label();
    private final TableView<CheckResult> table = new TableView<>();

    public HostCheckView(Runnable onClose) {
        getStyleClass().add("host-check-view");
        setId("host-check-view");
        Label title = new Label("What this machine can do for the lessons");
        title.getStyleClass().add("host-check-title");
        summary.setId("host-check-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);

        table.setId("host-check-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().setAll(List.of(statusColumn(), textColumn("check", 0.16, result -> result.check().title()),
                textColumn("found", 0.42, CheckResult::sentence), textColumn("what to do", 0.34, CheckResult::fix)));
        for (TableColumn<CheckResult, ?> column : table.getColumns()) {
            column.prefWidthProperty().bind(table.widthProperty().multiply((Double) column.getUserData()));
        }
        table.setPlaceholder(new Label("Checking this machine …"));
        VBox.setVgrow(table, Priority.ALWAYS);

        Button close = new Button("Close");
        close.setId("host-check-close");
        close.setDefaultButton(true);
        close.setOnAction(event -> onClose.run());
        HBox buttons = new HBox(close);
        buttons.getStyleClass().add("host-check-buttons");

        getChildren().setAll(title, summary, table, buttons);
    }

    /** Shows that the checks run; the table stays empty until {@link #show(HostReport)}. */
    public void showChecking() {
        summary.setText("Checking this machine: root, kernel, cgroups, overlay, mounts, tools, image and disk …");
        table.getItems().clear();
    }

    public void show(HostReport report) {
        long failed = report.count(CheckStatus.FAIL);
        long warned = report.count(CheckStatus.WARNING);
        summary.setText(failed == 0 && warned == 0 ? "Every check is ok: every lesson can run here."
                : failed + " failed, " + warned + " with a warning. A lesson that needs a failed check says so at"
                + " its top. The same table: sudo ./bantubox doctor");
        table.getItems().setAll(report.results());
    }

    /** Shows why the checks themselves could not run. */
    public void showError(String message) {
        summary.setText("The host check failed: " + message);
        table.getItems().clear();
    }

    private static TableColumn<CheckResult, String> statusColumn() {
        TableColumn<CheckResult, String> column = textColumn("status", 0.08, result -> result.status().label());
        column.setCellFactory(ignored -> new TableCell<>() {
            @Override
            protected void updateItem(String label, boolean empty) {
                super.updateItem(label, empty);
                getStyleClass().removeAll("check-ok", "check-warning", "check-fail");
                setText(empty ? null : label);
                if (!empty && label != null) {
                    getStyleClass().add("check-" + label);
                }
            }
        });
        return column;
    }

    private static TableColumn<CheckResult, String> textColumn(String title, double widthShare,
                                                               java.util.function.Function<CheckResult, String> text) {
        TableColumn<CheckResult, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        column.setSortable(false);
        // Read by the constructor, which binds the column's width to this share of the table's width.
        column.setUserData(widthShare);
        column.setCellFactory(WrappingCell::new);
        return column;
    }

    /** A cell whose text wraps at the column's width, so a long finding or fix is read whole. */
    private static final class WrappingCell extends TableCell<CheckResult, String> {
        private final Text text = new Text();

        WrappingCell(TableColumn<CheckResult, String> column) {
            // One em less than the column leaves room for the cell's padding.
            text.wrappingWidthProperty().bind(column.widthProperty().subtract(Font.getDefault().getSize()));
            text.getStyleClass().add("host-check-text");
        }

        @Override
        protected void updateItem(String value, boolean empty) {
            super.updateItem(value, empty);
            text.setText(empty ? null : value);
            setGraphic(empty ? null : text);
        }
    }
}
