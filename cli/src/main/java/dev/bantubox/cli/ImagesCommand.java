package dev.bantubox.cli;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.image.Image;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code bantubox images}: the images on this machine. */
@Command(name = "images", mixinStandardHelpOptions = true,
        description = {"Lists the images on this machine. busybox and starter are made on first use.",
            "'bantubox image import' and 'bantubox image build' add more."})
final class ImagesCommand implements Callable<Integer> {
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    @Override
    public Integer call() {
        Engine engine = Engine.fromEnvironment();
        System.out.printf("%-20s %-16s  %s%n", "NAME", "CREATED", "SOURCE");
        for (Image image : engine.images().list()) {
            System.out.printf("%-20s %-16s  %s%n", image.name(), CREATED.format(image.created()), image.source());
        }
        return 0;
    }
}
