package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.container.ContainerRecord;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * The Terminal tab until the app has a pseudo-terminal and a terminal widget. It states that, and gives
 * the command that opens the same shell from a terminal.
 */
// TODO: replace with a pane on Engine.openTerminal and the terminal widget once both are in the app.
public final class TerminalPlaceholder implements TerminalPane {
    private final Label sentence = new Label();
    private final TextField command = new TextField();
    private final VBox view = new VBox(sentence, command);

    public TerminalPlaceholder() {
        view.setId("terminal-placeholder");
        view.getStyleClass().add("terminal-placeholder");
        sentence.setWrapText(true);
        command.setId("terminal-command");
        command.setEditable(false);
        command.getStyleClass().add("terminal-command");
        show(null);
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void openShell(ContainerRecord record) {
        show(record);
    }

    @Override
    public void close() {
    }

    private void show(ContainerRecord record) {
        String target = "CONTAINER";
        if (record != null) {
            target = record.name != null ? record.name : record.shortId();
        }
        sentence.setText("The terminal in this window arrives with the pseudo-terminal support, which this build"
                + " does not have yet. Until then, open a shell in the container from a terminal, with this command"
                + " (it shares that terminal with bantubox):");
        command.setText("sudo ./bantubox exec -it " + target + " sh");
    }
}
