package dev.bantubox.engine.image;

/**
 * An image that an import added to the store.
 *
 * @param image  the image as the store now lists it
 * @param report what was unpacked, and what was left out, such as device nodes
 */
public record ImportResult(Image image, ExtractionReport report) {
}
