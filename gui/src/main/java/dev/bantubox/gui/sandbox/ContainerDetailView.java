package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.container.ContainerRecord;

import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The tabs about the selected container: Summary, Logs, Terminal, Inspect, Namespaces and Stats, and
 * Compare for two containers. Inspect and Namespaces read /proc, so they are read when their tab is
 * shown, not at every selection.
 */
public final class ContainerDetailView extends TabPane {
    private final SummaryView summary = new SummaryView();
    private final LogView logs;
    private final TerminalPane terminal;
    private final InspectView inspect;
    private final NamespacesView namespaces;
    private final StatsView stats = new StatsView();
    private final CompareView compare;
    private final Tab terminalTab;
    private final Tab inspectTab;
    private final Tab namespacesTab;
    private final Tab statsTab;
    private final ChangeListener<ContainerRecord> recordChanged = (property, before, after) -> recordChanged(before, after);
    private ContainerRow shown;

    public ContainerDetailView(SandboxModel model, TerminalPane terminal) {
        this.terminal = terminal;
        this.logs = new LogView(model.engine(), model.workers());
        this.inspect = new InspectView(model.engine(), model.workers());
        this.namespaces = new NamespacesView(model.engine(), model.workers());
        this.compare = new CompareView(model.engine(), model.workers(), model.rows());
        setId("container-details");
        getStyleClass().add("container-details");
        setTabClosingPolicy(TabClosingPolicy.UNAVAILABLE);

        ScrollPane summaryScroll = new ScrollPane(summary);
        summaryScroll.setFitToWidth(true);
        terminalTab = tab("Terminal", "tab-terminal", terminal.view());
        inspectTab = tab("Inspect", "tab-inspect", inspect);
        namespacesTab = tab("Namespaces", "tab-namespaces", namespaces);
        statsTab = tab("Stats", "tab-stats", stats);
        getTabs().setAll(tab("Summary", "tab-summary", summaryScroll), tab("Logs", "tab-logs", logs), terminalTab,
                inspectTab, namespacesTab, statsTab, tab("Compare", "tab-compare", compare));

        getSelectionModel().selectedItemProperty().addListener((property, before, after) -> tabShown(after));
        model.selectedProperty().addListener((property, before, after) -> select(after));
        model.shellRequestProperty().addListener((property, before, after) -> {
            if (after != null) {
                getSelectionModel().select(terminalTab);
                terminal.openShell(after.record());
            }
        });
    }

    private static Tab tab(String title, String id, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        return tab;
    }

    /** Returns the Terminal tab, which "exec a shell" selects. */
    public Tab terminalTab() {
        return terminalTab;
    }

    /** Returns the Terminal tab's pane. */
    public TerminalPane terminalPane() {
        return terminal;
    }

    public CompareView compareView() {
        return compare;
    }

    public LogView logView() {
        return logs;
    }

    private void select(ContainerRow row) {
        if (shown != null) {
            shown.recordProperty().removeListener(recordChanged);
        }
        shown = row;
        ContainerRecord record = row == null ? null : row.record();
        summary.show(record);
        logs.show(record);
        stats.show(row);
        compare.offer(row);
        if (row != null) {
            row.recordProperty().addListener(recordChanged);
        }
        readShownTab();
    }

    /** Follows each sample: the summary always, the log and the namespaces when the container starts or ends. */
    private void recordChanged(ContainerRecord before, ContainerRecord after) {
        summary.show(after);
        boolean startedOrEnded = before == null || before.state != after.state || before.pid != after.pid;
        if (!startedOrEnded) {
            return;
        }
        stats.show(shown);
        if (before != null && before.state != ContainerRecord.State.RUNNING
                && after.state == ContainerRecord.State.RUNNING) {
            // A restart: its output goes on in the same log, which a finished follow no longer reads.
            logs.show(after);
        }
        if (getSelectionModel().getSelectedItem() == namespacesTab) {
            namespaces.show(after);
        }
    }

    private void tabShown(Tab tab) {
        stats.setShown(tab == statsTab);
        readShownTab();
    }

    private void readShownTab() {
        Tab tab = getSelectionModel().getSelectedItem();
        ContainerRecord record = shown == null ? null : shown.record();
        if (tab == inspectTab) {
            inspect.show(record);
        } else if (tab == namespacesTab) {
            namespaces.show(record);
        }
    }

    /** Ends the log follow and any shell; called when the window closes. */
    public void close() {
        logs.stop();
        terminal.close();
    }
}
