package dev.bantubox.cli;

import dev.bantubox.engine.Engine;
import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.image.Image;
import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.image.ImportResult;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bantubox image import|build|rm}: add images to the store and take them out again. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Imports, builds and removes images. 'bantubox images' lists them.",
        subcommands = {ImageCommand.Import.class, ImageCommand.Build.class, ImageCommand.Remove.class})
final class ImageCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {
                "Imports FILE as image NAME. FILE is a tar archive of a root filesystem (.tar, .tar.gz, .tar.xz,"
                    + " .tar.bz2), such as 'tar -C DIR -cf FILE .' packs, or an OCI image layout: a folder or its tar,"
                    + " as 'skopeo copy docker://... oci:DIR:TAG' or umoci write it.",
                "Entries that would land outside the image are rejected, and device nodes are left out."})
    static final class Import implements Callable<Integer> {
        @Option(names = "--tag", paramLabel = "TAG",
                description = "the image to import from an OCI layout that contains several (its ref name)")
        String tag;

        @Parameters(index = "0", paramLabel = "NAME", description = "the new image's name, such as debian-12")
        String name;

        @Parameters(index = "1", paramLabel = "FILE", description = "the archive or OCI layout to import")
        Path source;

        @Override
        public Integer call() {
            ImportResult result = Engine.fromEnvironment().images().importImage(name, source, tag);
            System.out.println("imported " + result.image().name() + " from " + result.image().source());
            System.out.println(result.report().summary());
            return 0;
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {
                "Builds an image from a recipe under images/ and adds it to the store.",
                "debian and ubuntu run 'debootstrap --variant=minbase' (root needed, packages downloaded from the"
                    + " mirror); ubuntu also needs the ubuntu-keyring package. busybox and starter are also made"
                    + " on first use."})
    static final class Build implements Callable<Integer> {
        @Option(names = "--name", paramLabel = "NAME", description = "the image's name (default: the recipe's name)")
        String name;

        @Option(names = "--suite", paramLabel = "SUITE",
                description = "the release to bootstrap, such as bookworm or jammy (debian, ubuntu)")
        String suite;

        @Option(names = "--mirror", paramLabel = "URL", description = "the package mirror to download from (debian, ubuntu)")
        String mirror;

        @Parameters(index = "0", paramLabel = "RECIPE", description = "one of: busybox, starter, debian, ubuntu")
        String recipe;

        @Override
        public Integer call() {
            String imageName = name == null ? recipe : name;
            ImageStore images = Engine.fromEnvironment().images();
            if (images.find(imageName).isPresent()) {
                throw new EngineException("image '" + imageName + "' exists already; remove it with 'bantubox image rm "
                        + imageName + "' to build it again, or give another --name");
            }
            Map<String, String> settings = new HashMap<>();
            if (suite != null) {
                settings.put("BANTUBOX_SUITE", suite);
            }
            if (mirror != null) {
                settings.put("BANTUBOX_MIRROR", mirror);
            }
            Image image = images.build(recipe, imageName, settings, line -> System.err.println("  " + line));
            System.out.println("built " + image.name() + " from " + image.source());
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = "Removes images from the store; an image that a running container uses stays until it stops.")
    static final class Remove implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "NAME", description = "the images to remove")
        List<String> names;

        @Override
        public Integer call() {
            Engine engine = Engine.fromEnvironment();
            for (String imageName : names) {
                engine.removeImage(imageName);
                System.out.println(imageName);
            }
            return 0;
        }
    }
}
