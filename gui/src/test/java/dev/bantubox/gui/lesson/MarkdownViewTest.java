package dev.bantubox.gui.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

class MarkdownViewTest {
    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void headingParagraphAndInlineStyles() {
        MarkdownView view = render("# Title\n\nA *new* **mount** with `mount()`.\n");

        assertThat(view.getChildren()).hasSize(2);
        TextFlow heading = (TextFlow) view.getChildren().get(0);
        assertThat(textOf(heading)).isEqualTo("Title");
        assertThat(heading.getChildren().get(0).getStyleClass()).contains("md-h1");

        TextFlow paragraph = (TextFlow) view.getChildren().get(1);
        assertThat(textOf(paragraph)).isEqualTo("A new mount with mount().");
        assertThat(styleOf(paragraph, "new")).contains("md-em");
        assertThat(styleOf(paragraph, "mount")).contains("md-strong");
        assertThat(styleOf(paragraph, "mount()")).contains("md-inline-code");
    }

    @Test
    void orderedListKeepsItsStartNumber() {
        MarkdownView view = render("3. clone\n4. execve\n");

        Parent list = (Parent) view.getChildren().get(0);
        List<String> markers = list.lookupAll(".md-list-marker").stream().map(node -> ((Label) node).getText())
                .collect(Collectors.toList());
        assertThat(markers).containsExactly("3.", "4.");
    }

    @Test
    void tableAndCodeBlock() {
        MarkdownView view = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nmount(NULL, \"/\")\n```\n");

        GridPane table = (GridPane) view.getChildren().get(0);
        assertThat(table.getChildren()).hasSize(4);
        assertThat(table.getChildren().get(0).getStyleClass()).contains("md-table-header");
        TextFlow code = (TextFlow) view.getChildren().get(1);
        assertThat(code.getStyleClass()).contains("md-code");
        assertThat(textOf(code)).isEqualTo("mount(NULL, \"/\")");
    }

    private static MarkdownView render(String markdown) {
        MarkdownView view = new MarkdownView();
        view.show(markdown);
        return view;
    }

    private static String textOf(TextFlow flow) {
        StringBuilder text = new StringBuilder();
        for (Node node : flow.getChildren()) {
            text.append(((Text) node).getText());
        }
        return text.toString();
    }

    private static List<String> styleOf(TextFlow flow, String literal) {
        for (Node node : flow.getChildren()) {
            if (((Text) node).getText().equals(literal)) {
                return node.getStyleClass();
            }
        }
        throw new AssertionError("no text node '" + literal + "' in " + textOf(flow));
    }
}
