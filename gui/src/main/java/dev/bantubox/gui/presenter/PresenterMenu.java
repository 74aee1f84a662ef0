package dev.bantubox.gui.presenter;

import dev.bantubox.gui.theme.Theme;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;

/** The main window's Workshop menu: presenter mode, theme, reset and export. */
public final class PresenterMenu {
    private PresenterMenu() {
    }

    /** Creates the menu over mode; its items work with the projector open or closed. */
    public static Menu create(PresenterMode mode, javafx.beans.property.ObjectProperty<Theme> theme) {
        MenuItem present = new MenuItem("Presenter mode");
        present.setId("menu-presenter-mode");
        // The scene has one accelerator per key, so this and PresenterMode.install bind F5 to the same action.
        present.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        present.setOnAction(event -> mode.open());

        Menu themes = new Menu("Theme");
        ToggleGroup group = new ToggleGroup();
        for (Theme choice : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(choice.title());
            item.setToggleGroup(group);
            item.setSelected(theme.get() == choice);
            item.setOnAction(event -> theme.set(choice));
            theme.addListener((property, before, after) -> item.setSelected(after == choice));
            themes.getItems().add(item);
        }

        MenuItem reset = new MenuItem("Reset workshop");
        reset.setId("menu-reset-workshop");
        reset.setOnAction(event -> mode.resetWorkshop());
        MenuItem export = new MenuItem("Export diagram…");
        export.setId("menu-export-diagram");
        export.setOnAction(event -> mode.exportDiagramWithChooser());

        Menu menu = new Menu("Workshop");
        menu.setId("menu-workshop");
        menu.getItems().addAll(present, themes, reset, export);
        return menu;
    }
}
