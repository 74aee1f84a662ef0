package dev.bantubox.gui.presenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javafx.geometry.Rectangle2D;

import org.junit.jupiter.api.Test;

/** Which screen the projector window takes, for screens laid out as a desktop reports them. */
class ProjectorScreenTest {
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1920, 1080);
    private static final Rectangle2D PROJECTOR_RIGHT = new Rectangle2D(1920, 0, 1280, 720);
    private static final Rectangle2D PROJECTOR_LEFT = new Rectangle2D(-1280, 0, 1280, 720);

    @Test
    void secondScreenTakesProjector() {
        Rectangle2D window = new Rectangle2D(100, 100, 1400, 900);

        assertThat(PresenterMode.projectorScreenIndex(List.of(LAPTOP, PROJECTOR_RIGHT), window, 0)).isEqualTo(1);
    }

    @Test
    void screenLeftOfWindowTakesProjector() {
        Rectangle2D window = new Rectangle2D(100, 100, 1400, 900);

        assertThat(PresenterMode.projectorScreenIndex(List.of(PROJECTOR_LEFT, LAPTOP), window, 1)).isEqualTo(0);
    }

    @Test
    void windowOnProjectorLeavesLaptop() {
        Rectangle2D window = new Rectangle2D(2000, 50, 1000, 600);

        assertThat(PresenterMode.projectorScreenIndex(List.of(LAPTOP, PROJECTOR_RIGHT), window, 0)).isEqualTo(0);
    }

    @Test
    void oneScreenIsShared() {
        Rectangle2D window = new Rectangle2D(100, 100, 1400, 900);

        assertThat(PresenterMode.projectorScreenIndex(List.of(LAPTOP), window, 0)).isEqualTo(0);
    }

    @Test
    void windowAcrossBothScreensGetsFirst() {
        Rectangle2D window = new Rectangle2D(1500, 100, 1000, 500);

        assertThat(PresenterMode.projectorScreenIndex(List.of(LAPTOP, PROJECTOR_RIGHT), window, 0)).isEqualTo(0);
    }
}
