package dev.bantubox.gui.journal;

import dev.bantubox.engine.journal.JournalRecord;
import dev.bantubox.gui.lesson.LessonModel;

import java.util.Locale;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The syscall journal of the last run: each kernel step, who made it, its result and its duration. */
public final class JournalView extends VBox {
    private final Label summary = new Label();

    public JournalView(LessonModel model) {
        getStyleClass().add("journal-view");
        TableView<JournalRecord> table = new TableView<>(model.journal());
        table.setId("journal-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("The kernel steps of the next run appear here."));
        table.getColumns().add(column("by", 4, record -> record.side() == JournalRecord.Side.ENGINE ? "engine" : "child"));
        table.getColumns().add(column("ms", 5, record -> String.format(Locale.ROOT, "%.3f", record.durationMillis())));
        table.getColumns().add(column("result", 7, record -> record.failed() ? record.result() + " " + record.errno()
                : String.valueOf(record.result())));
        table.getColumns().add(column("call", 60, JournalRecord::call));
        table.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(JournalRecord record, boolean empty) {
                super.updateItem(record, empty);
                boolean failed = !empty && record != null && record.failed();
                // Each change of the style classes restyles the row, so an unchanged row keeps its classes.
                setStyleClass(this, "journal-failed", failed && isError(record));
                setStyleClass(this, "journal-tolerated", failed && !isError(record));
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        Label title = new Label("Syscall journal");
        title.getStyleClass().add("section-title");
        summary.setId("journal-summary");
        summary.getStyleClass().add("journal-summary");
        getChildren().setAll(title, summary, table);
        model.journal().addListener((ListChangeListener<JournalRecord>) change -> summarise(model));
        summarise(model);
    }

    private void summarise(LessonModel model) {
        if (model.journal().isEmpty()) {
            summary.setText("");
            return;
        }
        // wait-for-parent lasts as long as the engine works on the child, so a sum of durations would
        // count that time twice. The span from the first start to the last end is the launch's length.
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (JournalRecord record : model.journal()) {
            first = Math.min(first, record.startNanos());
            last = Math.max(last, record.startNanos() + record.durationNanos());
        }
        long failed = model.journal().stream().filter(JournalView::isError).count();
        summary.setText(String.format(Locale.ROOT, "%d steps in %.3f ms, from the first step's start to the last"
                + " one's end%s", model.journal().size(), (last - first) / 1_000_000.0,
                failed == 0 ? "" : "; " + failed + " failed"));
    }

    private static void setStyleClass(TableRow<JournalRecord> row, String styleClass, boolean present) {
        if (present && !row.getStyleClass().contains(styleClass)) {
            row.getStyleClass().add(styleClass);
        } else if (!present) {
            row.getStyleClass().remove(styleClass);
        }
    }

    /**
     * True for a step that failed. mkdir() with EEXIST is not one: the plan makes folders such as
     * /proc that most images already have, and the child goes on.
     */
    private static boolean isError(JournalRecord record) {
        return record.failed() && !(record.errno().equals("EEXIST") && record.call().startsWith("mkdir("));
    }

    private static TableColumn<JournalRecord, String> column(String title, double widthEm,
                                                             java.util.function.Function<JournalRecord, String> value) {
        TableColumn<JournalRecord, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setSortable(false);
        column.getStyleClass().add("journal-" + title);
        column.setPrefWidth(widthEm * 10);
        return column;
    }
}
