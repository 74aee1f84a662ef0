package dev.bantubox.gui.presenter;

import dev.bantubox.gui.theme.Theme;
import dev.bantubox.gui.theme.ThemeManager;

import javafx.beans.property.ObjectProperty;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The main window's Workshop menu: presenter mode, theme, text size, reset and export. */
public final class PresenterMenu {
    private PresenterMenu() {
    }

    /**
     * Creates the menu over mode; its items work with the projector open or closed. The text size
     * items scale the app's own windows through appTheme, for a projector that mirrors the screen.
     */
    public static Menu create(PresenterMode mode, ThemeManager appTheme) {
        ObjectProperty<Theme> theme = appTheme.themeProperty();
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

        Menu textSize = new Menu("Text size");
        textSize.setId("menu-text-size");
        textSize.getItems().addAll(
                scaleItem("Larger", new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN),
                        () -> appTheme.setScale(appTheme.scaleProperty().get() + PresenterMode.SCALE_STEP)),
                scaleItem("Smaller", new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN),
                        () -> appTheme.setScale(appTheme.scaleProperty().get() - PresenterMode.SCALE_STEP)),
                scaleItem("100 %", new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN),
                        () -> appTheme.setScale(ThemeManager.MIN_SCALE)));

        MenuItem reset = new MenuItem("Reset workshop");
        reset.setId("menu-reset-workshop");
        reset.setOnAction(event -> mode.resetWorkshop());
        MenuItem export = new MenuItem("Export diagram…");
        export.setId("menu-export-diagram");
        export.setOnAction(event -> mode.exportDiagramWithChooser());

        Menu menu = new Menu("Workshop");
        menu.setId("menu-workshop");
        menu.getItems().addAll(present, themes, textSize, reset, export);
        return menu;
    }

    private static MenuItem scaleItem(String title, KeyCombination key, Runnable action) {
        MenuItem item = new MenuItem(title);
        item.setAccelerator(key);
        item.setOnAction(event -> action.run());
        return item;
    }
}
