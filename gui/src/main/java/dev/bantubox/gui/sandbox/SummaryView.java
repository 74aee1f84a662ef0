package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.container.ContainerRecord;
import dev.bantubox.engine.host.ProcessIdentity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/**
 * The Summary tab: what the container was started with and where it is now, from its latest record.
 * Labels are made once per key and only their text changes, so the sample each second costs no
 * new nodes.
 */
public final class SummaryView extends GridPane {
    private final Map<String, Label> values = new LinkedHashMap<>();

    public SummaryView() {
        setId("summary-view");
        getStyleClass().add("summary-view");
        show(null);
    }

    /** Shows record, or a sentence when no container is selected. */
    public void show(ContainerRecord record) {
        Map<String, String> facts = record == null ? Map.of("", "Select a container in the table.") : facts(record);
        if (!facts.keySet().equals(values.keySet())) {
            getChildren().clear();
            values.clear();
            int row = 0;
            for (String key : facts.keySet()) {
                Label name = new Label(key);
                name.getStyleClass().add("summary-key");
                Label value = new Label();
                value.getStyleClass().add("summary-value");
                value.setWrapText(true);
                value.setId("summary-" + key.toLowerCase().replace(' ', '-'));
                add(name, 0, row);
                add(value, 1, row);
                values.put(key, value);
                row++;
            }
        }
        facts.forEach((key, text) -> values.get(key).setText(text));
    }

    /**
     * Says who relays the published ports. The relay is a socket in the process that started the
     * container, so a container from an earlier app or a CLI run has none once that process ended.
     */
    private static String relayNote(ContainerRecord record, boolean running) {
        ProcessIdentity launcher = record.launcher();
        if (!running || launcher == null) {
            return "";
        }
        if (launcher.pid() == ProcessHandle.current().pid()) {
            return " (relayed by this app)";
        }
        return launcher.isAlive() ? " (relayed by process " + launcher.pid() + ", which started the container)"
                : " (not relayed: the process that started the container has ended, and its relay with it;"
                + " create the container again to publish them)";
    }

    private static Map<String, String> facts(ContainerRecord record) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Id", record.id);
        facts.put("Name", record.name == null ? "(none)" : record.name);
        facts.put("Image", record.image);
        facts.put("Command", String.join(" ", record.command));
        facts.put("Status", record.status() + (record.exitNote == null ? "" : ": " + record.exitNote));
        String pid = record.pid + " (bantubox-shim " + record.shimPid + ")";
        // The sampler reconciled this record's state with the kernel; reading /proc again here would put
        // file reads on the FX thread at every sample.
        boolean running = record.state == ContainerRecord.State.RUNNING;
        facts.put("Host pid", record.pid <= 0 ? "not started" : running ? pid : pid + ", ended");
        facts.put("Toggles", String.join(", ", record.toggles));
        facts.put("Hostname", record.hostname == null ? "the host's (UTS_NS off)" : record.hostname);
        facts.put("Init", record.init ? "bantubox-init is PID 1" : "the command is PID 1");
        facts.put("Limits", record.limits == null ? "none" : record.limits.toString());
        facts.put("Network", network(record, running));
        facts.put("Created", record.created);
        facts.put("Started", record.started == null ? "" : record.started);
        facts.put("Finished", record.finished == null ? "" : record.finished);
        facts.put("Folder", record.directory == null ? "" : record.directory);
        return facts;
    }

    private static String network(ContainerRecord record, boolean running) {
        ContainerRecord.Network network = record.network;
        if (network == null) {
            return "not recorded";
        }
        List<String> parts = new ArrayList<>();
        parts.add(network.mode);
        if (network.address != null) {
            // The veth pair goes with the container's network namespace when the container ends.
            parts.add(network.address + " on " + network.bridge + (running ? " (host end " + network.hostInterface + ")"
                    : " (its veth pair was removed when it ended)"));
        }
        if (network.ports != null && !network.ports.isEmpty()) {
            parts.add("ports " + String.join(", ", network.ports) + relayNote(record, running));
        }
        if (network.notes != null) {
            parts.addAll(network.notes);
        }
        return String.join("; ", parts);
    }
}
