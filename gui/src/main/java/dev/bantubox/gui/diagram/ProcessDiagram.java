package dev.bantubox.gui.diagram;

import dev.bantubox.engine.inspect.ContainerSnapshot;
import dev.bantubox.engine.inspect.ProcessEntry;

import java.util.stream.Collectors;

import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;

/** The container's processes with their pid inside and on the host, from NSpid in /proc/PID/status. */
public final class ProcessDiagram extends GridPane {
    public ProcessDiagram() {
        getStyleClass().addAll("diagram", "process-diagram");
        for (double percent : new double[] {40, 30, 30}) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(percent);
            column.setFillWidth(true);
            getColumnConstraints().add(column);
        }
        clear("Run an experiment to see its processes.");
    }

    public void clear(String sentence) {
        getChildren().clear();
        add(DiagramLabels.note(sentence), 0, 0, 3, 1);
    }

    public void show(ContainerSnapshot snapshot) {
        if (snapshot.missed() != null) {
            clear("No processes to show: " + snapshot.missed() + ".");
            return;
        }
        getChildren().clear();
        add(DiagramLabels.header("process"), 0, 0);
        add(DiagramLabels.header("pid inside"), 1, 0);
        add(DiagramLabels.header("pid on the host"), 2, 0);
        int row = 1;
        for (ProcessEntry process : snapshot.processes()) {
            add(DiagramLabels.box(process.command(), "process-name"), 0, row);
            add(DiagramLabels.box(String.valueOf(process.containerPid()), "process-inside"), 1, row);
            add(DiagramLabels.box(String.valueOf(process.hostPid()), "process-host"), 2, row);
            row++;
        }
        String levels = snapshot.processes().isEmpty() ? "" : snapshot.processes().get(0).namespacePids().stream()
                .map(String::valueOf).collect(Collectors.joining(" → "));
        add(DiagramLabels.note("NSpid of the first process, outermost namespace first: " + levels + "."), 0, row, 3, 1);
    }
}
