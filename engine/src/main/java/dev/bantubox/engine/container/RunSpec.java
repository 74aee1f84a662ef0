package dev.bantubox.engine.container;

import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.plan.ToggleSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the learner asked for: an image, a command, the isolation toggles and the container's settings.
 * Built with {@link #builder()}; immutable once built.
 */
public final class RunSpec {
    private final String image;
    private final List<String> command;
    private final ToggleSet toggles;
    private final String hostname;
    private final String name;
    private final List<String> environment;
    private final String workingDirectory;
    private final boolean removeOnExit;
    private final List<AddedFile> addedFiles;

    /**
     * A host file the engine copies into the container's root filesystem before the command starts.
     *
     * @param source        the file on the host
     * @param containerPath the absolute path inside the container
     */
    public record AddedFile(Path source, String containerPath) {
        public AddedFile {
            if (!containerPath.startsWith("/") || List.of(containerPath.split("/")).contains("..")) {
                throw new IllegalArgumentException("'" + containerPath + "' is not an absolute path inside the"
                        + " container without '..'; give one such as /usr/local/bin/tool");
            }
        }
    }

    private RunSpec(Builder builder) {
        this.image = builder.image;
        this.command = List.copyOf(builder.command);
        this.toggles = builder.toggles;
        this.hostname = builder.hostname;
        this.name = builder.name;
        this.environment = List.copyOf(builder.environment);
        this.workingDirectory = builder.workingDirectory;
        this.removeOnExit = builder.removeOnExit;
        this.addedFiles = List.copyOf(builder.addedFiles);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fully isolated run of command in the default image, removed when it ends. */
    public static RunSpec of(String... command) {
        return builder().command(command).removeOnExit(true).build();
    }

    /** A builder that starts from this spec's values. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.image = image;
        builder.command = new ArrayList<>(command);
        builder.toggles = toggles;
        builder.hostname = hostname;
        builder.name = name;
        builder.environment = new ArrayList<>(environment);
        builder.workingDirectory = workingDirectory;
        builder.removeOnExit = removeOnExit;
        builder.addedFiles = new ArrayList<>(addedFiles);
        return builder;
    }

    /** The image name. */
    public String image() {
        return image;
    }

    /** The command and its arguments. */
    public List<String> command() {
        return command;
    }

    public ToggleSet toggles() {
        return toggles;
    }

    /** The hostname inside (UTS_NS only); null means the container's short id. */
    public String hostname() {
        return hostname;
    }

    /** A name for the container, or null. */
    public String name() {
        return name;
    }

    /** Extra KEY=VALUE entries for the command's environment. */
    public List<String> environment() {
        return environment;
    }

    /** The directory to start in, inside the container, or null. */
    public String workingDirectory() {
        return workingDirectory;
    }

    /** True to remove the container when its command ends (--rm). */
    public boolean removeOnExit() {
        return removeOnExit;
    }

    /** Host files copied into the root filesystem before the command starts (needs CHROOT or PIVOT_ROOT). */
    public List<AddedFile> addedFiles() {
        return addedFiles;
    }

    /** Collects a spec's values; every setting has a default but the command. */
    public static final class Builder {
        private String image = ImageStore.DEFAULT_IMAGE;
        private List<String> command = new ArrayList<>();
        private ToggleSet toggles = ToggleSet.full();
        private String hostname;
        private String name;
        private List<String> environment = new ArrayList<>();
        private String workingDirectory;
        private boolean removeOnExit;
        private List<AddedFile> addedFiles = new ArrayList<>();

        private Builder() {
        }

        public Builder image(String value) {
            image = value;
            return this;
        }

        public Builder command(String... value) {
            command = new ArrayList<>(List.of(value));
            return this;
        }

        public Builder command(List<String> value) {
            command = new ArrayList<>(value);
            return this;
        }

        public Builder toggles(ToggleSet value) {
            toggles = value;
            return this;
        }

        public Builder hostname(String value) {
            hostname = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder environment(List<String> value) {
            environment = new ArrayList<>(value);
            return this;
        }

        public Builder workingDirectory(String value) {
            workingDirectory = value;
            return this;
        }

        public Builder removeOnExit(boolean value) {
            removeOnExit = value;
            return this;
        }

        /** Copies source into the container at containerPath before the command starts. */
        public Builder addFile(Path source, String containerPath) {
            addedFiles.add(new AddedFile(source, containerPath));
            return this;
        }

        public RunSpec build() {
            return new RunSpec(this);
        }
    }
}
