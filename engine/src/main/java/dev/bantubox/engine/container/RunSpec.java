package dev.bantubox.engine.container;

import dev.bantubox.engine.cgroup.CgroupLimits;
import dev.bantubox.engine.image.ImageStore;
import dev.bantubox.engine.network.NetworkMode;
import dev.bantubox.engine.network.PublishedPort;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A container request: an image, a command, the isolation toggles and the container's settings. It is
 * built with {@link #builder()} and immutable once built.
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
    private final NetworkMode network;
    /** The mode as given to the builder (null for the default), so toBuilder() keeps the default open. */
    private final NetworkMode requestedNetwork;
    private final List<PublishedPort> ports;
    private final boolean nat;
    private final CgroupLimits limits;
    private final boolean init;
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

    private RunSpec(Builder builder, ToggleSet toggles, NetworkMode network) {
        this.image = builder.image;
        this.command = List.copyOf(builder.command);
        this.toggles = toggles;
        this.hostname = builder.hostname;
        this.name = builder.name;
        this.environment = List.copyOf(builder.environment);
        this.workingDirectory = builder.workingDirectory;
        this.removeOnExit = builder.removeOnExit;
        this.network = network;
        this.requestedNetwork = builder.network;
        this.ports = List.copyOf(builder.ports);
        this.nat = builder.nat;
        this.limits = builder.limits;
        this.init = builder.init;
        this.addedFiles = List.copyOf(builder.addedFiles);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns a fully isolated run of command in the default image, removed when it ends. */
    public static RunSpec of(String... command) {
        return builder().command(command).removeOnExit(true).build();
    }

    /** The spec a container was started with, as its record keeps it. */
    static RunSpec fromRecord(ContainerRecord record) {
        Set<Toggle> toggles = EnumSet.noneOf(Toggle.class);
        for (String toggle : record.toggles) {
            toggles.add(Toggle.valueOf(toggle));
        }
        return builder().image(record.image).command(record.command).toggles(ToggleSet.of(toggles))
                .hostname(record.hostname).name(record.name)
                .environment(record.environment == null ? List.of() : record.environment)
                .workingDirectory(record.workingDirectory).removeOnExit(record.removeOnExit).init(record.init).build();
    }

    /**
     * Returns the spec to start an exited container again with: what fromRecord keeps, plus the limits, the
     * network mode, the published ports and NAT. Files added at the first start are in the container's
     * writable layer already, so the spec has none.
     */
    static RunSpec forRestart(ContainerRecord record) {
        Builder builder = fromRecord(record).toBuilder().limits(record.limits);
        if (record.network != null && record.network.mode != null) {
            builder.network(NetworkMode.parse(record.network.mode)).nat(record.network.nat);
            List<PublishedPort> ports = new ArrayList<>();
            for (String port : record.network.ports == null ? List.<String>of() : record.network.ports) {
                ports.add(PublishedPort.parse(port));
            }
            builder.ports(ports);
        }
        return builder.build();
    }

    /** Returns a builder that starts from this spec's values. */
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
        builder.network = requestedNetwork;
        builder.ports = new ArrayList<>(ports);
        builder.nat = nat;
        builder.limits = limits;
        builder.init = init;
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

    /** How the container is connected: BRIDGE or NONE with NET_NS on, HOST with it off. */
    public NetworkMode network() {
        return network;
    }

    /** Container ports published on the host (bridge only). */
    public List<PublishedPort> ports() {
        return ports;
    }

    /** True when the container reaches beyond the bridge through NAT (bridge only). */
    public boolean nat() {
        return nat;
    }

    /** The CPU, memory and process limits of the container's cgroups. */
    public CgroupLimits limits() {
        return limits;
    }

    /** True to run bantubox-init as the first process, with the command as its child (--init). */
    public boolean init() {
        return init;
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
        private NetworkMode network;
        private List<PublishedPort> ports = new ArrayList<>();
        private boolean nat;
        private CgroupLimits limits = CgroupLimits.none();
        private boolean init;
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


        public Builder init(boolean value) {
            init = value;
            return this;
        }

        public Builder limits(CgroupLimits value) {
            limits = value == null ? CgroupLimits.none() : value;
            return this;
        }

        /** none, bridge or host; null (the default) means bridge with NET_NS on and host with it off. */
        public Builder network(NetworkMode value) {
            network = value;
            return this;
        }

        public Builder ports(List<PublishedPort> value) {
            ports = new ArrayList<>(value);
            return this;
        }

        public Builder nat(boolean value) {
            nat = value;
            return this;
        }

        /**
         * Builds the spec. HOST switches NET_NS off, since sharing the host's network is what NET_NS off
         * means; throws IllegalArgumentException for a network setting that cannot work.
         */
        public RunSpec build() {
            ToggleSet effectiveToggles = toggles;
            NetworkMode effectiveNetwork = network;
            if (network == null) {
                effectiveNetwork = toggles.has(Toggle.NET_NS) ? NetworkMode.BRIDGE : NetworkMode.HOST;
            } else if (network == NetworkMode.HOST) {
                effectiveToggles = toggles.with(Toggle.NET_NS, false);
            } else if (!toggles.has(Toggle.NET_NS)) {
                throw new IllegalArgumentException("--network " + network.optionName() + " needs NET_NS: without"
                        + " its own network namespace the container shares the host's network; switch NET_NS on or"
                        + " use --network host");
            }
            if (effectiveNetwork != NetworkMode.BRIDGE && !ports.isEmpty()) {
                throw new IllegalArgumentException("publishing ports needs --network bridge: with --network "
                        + effectiveNetwork.optionName() + " there is no container address to relay to");
            }
            if (effectiveNetwork != NetworkMode.BRIDGE && nat) {
                throw new IllegalArgumentException("NAT needs --network bridge: with --network "
                        + effectiveNetwork.optionName() + " no traffic passes the bridge");
            }
            return new RunSpec(this, effectiveToggles, effectiveNetwork);
        }
    }
}
