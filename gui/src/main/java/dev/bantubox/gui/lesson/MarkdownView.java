package dev.bantubox.gui.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Renders a lesson's Markdown into JavaFX text nodes: headings, paragraphs, lists, code blocks, block
 * quotes and tables. Styles come from CSS classes (md-h1, md-code, ...), sized in em.
 */
public final class MarkdownView extends VBox {
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    /** Parsed texts by their Markdown source. The parser is thread-safe, and the FX thread only reads the trees. */
    private static final Map<String, org.commonmark.node.Node> PARSED = new ConcurrentHashMap<>();

    public MarkdownView() {
        getStyleClass().add("markdown");
    }

    /**
     * Parses markdownTexts on a background thread, so that showing one later only builds its nodes on
     * the FX thread. A text shown before its turn is parsed on the spot.
     */
    public static void parseAhead(List<String> markdownTexts) {
        Thread parser = new Thread(() -> markdownTexts.forEach(MarkdownView::parsed), "lesson-markdown-parser");
        parser.setDaemon(true);
        parser.start();
    }

    /** Replaces the shown text with markdown. */
    public void show(String markdown) {
        getChildren().setAll(blocks(parsed(markdown)));
    }

    private static org.commonmark.node.Node parsed(String markdown) {
        return PARSED.computeIfAbsent(markdown, PARSER::parse);
    }

    private List<Node> blocks(org.commonmark.node.Node parent) {
        List<Node> nodes = new ArrayList<>();
        for (org.commonmark.node.Node block = parent.getFirstChild(); block != null; block = block.getNext()) {
            Node rendered = block(block);
            if (rendered != null) {
                nodes.add(rendered);
            }
        }
        return nodes;
    }

    private Node block(org.commonmark.node.Node block) {
        if (block instanceof Heading heading) {
            TextFlow flow = inlines(heading, "md-h" + Math.min(heading.getLevel(), 3));
            flow.getStyleClass().add("md-heading");
            return flow;
        }
        if (block instanceof Paragraph paragraph) {
            return inlines(paragraph, "md-text");
        }
        if (block instanceof BulletList || block instanceof OrderedList) {
            return list(block);
        }
        if (block instanceof FencedCodeBlock fenced) {
            return codeBlock(fenced.getLiteral());
        }
        if (block instanceof IndentedCodeBlock indented) {
            return codeBlock(indented.getLiteral());
        }
        if (block instanceof BlockQuote quote) {
            VBox box = new VBox();
            box.getStyleClass().add("md-quote");
            box.getChildren().setAll(blocks(quote));
            return box;
        }
        if (block instanceof TableBlock table) {
            return table(table);
        }
        if (block instanceof ThematicBreak) {
            return new Separator();
        }
        return null;
    }

    private Node list(org.commonmark.node.Node list) {
        VBox box = new VBox();
        box.getStyleClass().add("md-list");
        int number = 1;
        if (list instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null) {
            number = ordered.getMarkerStartNumber();
        }
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            Label marker = new Label(list instanceof OrderedList ? number++ + "." : "•");
            marker.getStyleClass().add("md-list-marker");
            VBox content = new VBox();
            content.getStyleClass().add("md-list-content");
            content.getChildren().setAll(blocks(item));
            HBox.setHgrow(content, Priority.ALWAYS);
            HBox row = new HBox(marker, content);
            row.getStyleClass().add("md-list-item");
            box.getChildren().add(row);
        }
        return box;
    }

    private Node codeBlock(String code) {
        Text text = new Text(code.stripTrailing());
        text.getStyleClass().addAll("md-code-text");
        TextFlow flow = new TextFlow(text);
        flow.getStyleClass().add("md-code");
        return flow;
    }

    private Node table(TableBlock table) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        int row = 0;
        for (org.commonmark.node.Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (org.commonmark.node.Node tableRow = section.getFirstChild(); tableRow != null; tableRow = tableRow.getNext()) {
                if (!(tableRow instanceof TableRow)) {
                    continue;
                }
                int column = 0;
                for (org.commonmark.node.Node cell = tableRow.getFirstChild(); cell != null; cell = cell.getNext()) {
                    TextFlow flow = inlines(cell, "md-text");
                    flow.getStyleClass().add(cell instanceof TableCell tableCell && tableCell.isHeader()
                            ? "md-table-header" : "md-table-cell");
                    grid.add(flow, column++, row);
                }
                row++;
            }
        }
        return grid;
    }

    /** Renders the inline children of node (text, emphasis, code, links) into one TextFlow. */
    private TextFlow inlines(org.commonmark.node.Node node, String textClass) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add("md-flow");
        addInlines(flow, node, textClass, List.of());
        return flow;
    }

    private void addInlines(TextFlow flow, org.commonmark.node.Node parent, String textClass, List<String> extraClasses) {
        for (org.commonmark.node.Node inline = parent.getFirstChild(); inline != null; inline = inline.getNext()) {
            if (inline instanceof org.commonmark.node.Text text) {
                flow.getChildren().add(text(text.getLiteral(), textClass, extraClasses));
            } else if (inline instanceof Code code) {
                flow.getChildren().add(text(code.getLiteral(), "md-inline-code", extraClasses));
            } else if (inline instanceof Emphasis) {
                addInlines(flow, inline, textClass, with(extraClasses, "md-em"));
            } else if (inline instanceof StrongEmphasis) {
                addInlines(flow, inline, textClass, with(extraClasses, "md-strong"));
            } else if (inline instanceof Link) {
                addInlines(flow, inline, textClass, with(extraClasses, "md-link"));
            } else if (inline instanceof SoftLineBreak) {
                flow.getChildren().add(text(" ", textClass, extraClasses));
            } else if (inline instanceof HardLineBreak) {
                flow.getChildren().add(text("\n", textClass, extraClasses));
            } else {
                addInlines(flow, inline, textClass, extraClasses);
            }
        }
    }

    private static Text text(String literal, String textClass, List<String> extraClasses) {
        Text text = new Text(literal);
        text.getStyleClass().add(textClass);
        text.getStyleClass().addAll(extraClasses);
        return text;
    }

    private static List<String> with(List<String> classes, String extra) {
        List<String> combined = new ArrayList<>(classes);
        combined.add(extra);
        return combined;
    }
}
