package dev.bantubox.gui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rendering settings the launcher sets before JavaFX starts. */
class RenderSettingsTest {
    private String before;

    @BeforeEach
    void clearSetting() {
        before = System.clearProperty(RenderSettings.REGION_CACHING);
    }

    @AfterEach
    void restoreSetting() {
        if (before == null) {
            System.clearProperty(RenderSettings.REGION_CACHING);
        } else {
            System.setProperty(RenderSettings.REGION_CACHING, before);
        }
    }

    @Test
    void applyTurnsRegionCacheOff() {
        RenderSettings.apply();

        assertThat(System.getProperty(RenderSettings.REGION_CACHING)).isEqualTo("true");
    }

    @Test
    void applyKeepsCommandLineValue() {
        System.setProperty(RenderSettings.REGION_CACHING, "false");

        RenderSettings.apply();

        assertThat(System.getProperty(RenderSettings.REGION_CACHING)).isEqualTo("false");
    }
}
