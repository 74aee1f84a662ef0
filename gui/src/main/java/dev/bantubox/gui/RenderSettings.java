package dev.bantubox.gui;

/**
 * The JavaFX rendering settings the app sets before the toolkit starts. A setting given on the
 * command line ({@code -Dprism.disableRegionCaching=false}) wins.
 */
public final class RenderSettings {
    static final String REGION_CACHING = "prism.disableRegionCaching";

    private RenderSettings() {
    }

    /**
     * Turns off Prism's cache of region backgrounds. Prism draws a region whose background has more
     * than one fill, as most Modena controls have (a border colour under an inset fill), from a small
     * cached image stretched in nine slices. The software pipeline, which JavaFX falls back to without a
     * usable GPU (under Xvfb and in many virtual machines), stretches those images pixel by pixel. In
     * the lesson benchmark that was 85 % of the render thread's samples, and the FX thread waited for
     * it at its next pulse. Without the cache each fill is drawn directly, as one rectangle.
     */
    public static void apply() {
        // NOTE: measured on the software pipeline only, not on a GPU pipeline.
        if (System.getProperty(REGION_CACHING) == null) {
            System.setProperty(REGION_CACHING, "true");
        }
    }
}
