package dev.bantubox.gui.sandbox;

import dev.bantubox.engine.cgroup.ByteSize;
import dev.bantubox.engine.cgroup.CgroupLimits;
import dev.bantubox.engine.container.ContainerName;
import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.image.ImageName;
import dev.bantubox.engine.lesson.CommandSplitter;
import dev.bantubox.engine.network.NetworkMode;
import dev.bantubox.engine.network.PublishedPort;
import dev.bantubox.engine.plan.LaunchPlanner;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The create form's values as typed, checked field by field with the engine's own parsers and rules,
 * so that each problem can be shown on the field it belongs to. Blank optional fields mean "not set".
 *
 * @param image      the image name
 * @param command    the command line, split as a POSIX shell splits quotes
 * @param name       the container name, or blank
 * @param hostname   the hostname inside, or blank for the short id
 * @param toggles    the toggles switched on
 * @param cpus       the CPU limit in cores, or blank
 * @param memory     the memory limit such as 64m, or blank
 * @param pidsLimit  the process limit, or blank
 * @param network    the network mode
 * @param ports      published ports such as {@code 8080:80}, separated by spaces or commas, or blank
 * @param init       true to run bantubox-init as the first process
 * @param namesInUse the names of the containers that exist now
 */
public record CreateRequest(String image, String command, String name, String hostname, Set<Toggle> toggles,
                            String cpus, String memory, String pidsLimit, NetworkMode network, String ports,
                            boolean init, Set<String> namesInUse) {

    /** The form's fields, each of which can carry one problem. */
    public enum Field { IMAGE, COMMAND, NAME, HOSTNAME, TOGGLES, CPUS, MEMORY, PIDS_LIMIT, NETWORK, PORTS }

    /**
     * The outcome of a check: the problem of each invalid field, and the spec when there is none.
     *
     * @param problems one sentence per invalid field
     * @param spec     the container request, or null while any field is invalid
     */
    public record Check(Map<Field, String> problems, RunSpec spec) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public CreateRequest {
        toggles = toggles.isEmpty() ? EnumSet.noneOf(Toggle.class) : EnumSet.copyOf(toggles);
        namesInUse = Set.copyOf(namesInUse);
    }

    /** Checks every field and builds the spec of a container that runs in the background. */
    public Check check() {
        Map<Field, String> problems = new EnumMap<>(Field.class);
        String imageName = image == null ? "" : image.trim();
        problem(problems, Field.IMAGE, () -> ImageName.check(imageName));
        List<String> arguments = problem(problems, Field.COMMAND, () -> CommandSplitter.split(command == null ? "" : command));
        String containerName = blankToNull(name);
        if (containerName != null) {
            String nameProblem = ContainerName.problem(containerName);
            if (nameProblem == null && namesInUse.contains(containerName)) {
                nameProblem = "the name '" + containerName + "' is already used by another container: remove that"
                        + " one or choose another name";
            }
            putIfPresent(problems, Field.NAME, nameProblem);
        }
        List<String> toggleProblems = ToggleSet.problemsWith(toggles);
        if (!toggleProblems.isEmpty()) {
            problems.put(Field.TOGGLES, String.join(" ", toggleProblems));
        }
        String host = blankToNull(hostname);
        if (host != null) {
            putIfPresent(problems, Field.HOSTNAME, LaunchPlanner.hostnameProblem(host, utsChoice()));
        }
        CgroupLimits limits = limits(problems);
        List<PublishedPort> published = problem(problems, Field.PORTS, this::publishedPorts);

        RunSpec spec = null;
        if (!problems.containsKey(Field.TOGGLES)) {
            spec = networkedSpec(problems, published);
        }
        if (!problems.isEmpty()) {
            return new Check(Collections.unmodifiableMap(problems), null);
        }
        return new Check(Map.of(), spec.toBuilder().image(imageName).command(arguments).name(containerName)
                .hostname(host).limits(limits).init(init).build());
    }

    /**
     * Builds the spec's network part, where the builder's rules live: first without ports, so a problem
     * of the mode and the toggles lands on the network field, then with them.
     */
    private RunSpec networkedSpec(Map<Field, String> problems, List<PublishedPort> published) {
        ToggleSet toggleSet = ToggleSet.of(toggles);
        RunSpec.Builder builder = RunSpec.builder().toggles(toggleSet).network(network).command("placeholder");
        RunSpec spec = problem(problems, Field.NETWORK, builder::build);
        if (spec == null || published == null || published.isEmpty()) {
            return spec;
        }
        return problem(problems, Field.PORTS, () -> builder.ports(published).build());
    }

    private CgroupLimits limits(Map<Field, String> problems) {
        Double cores = problem(problems, Field.CPUS, () -> parseCpus(blankToNull(cpus)));
        Long bytes = problem(problems, Field.MEMORY, () -> parseMemory(blankToNull(memory)));
        Long processes = problem(problems, Field.PIDS_LIMIT, () -> parsePidsLimit(blankToNull(pidsLimit)));
        if (problems.containsKey(Field.CPUS) || problems.containsKey(Field.MEMORY) || problems.containsKey(Field.PIDS_LIMIT)) {
            return null;
        }
        return new CgroupLimits(cores, null, bytes, null, processes);
    }

    private static Double parseCpus(String text) {
        if (text == null) {
            return null;
        }
        double cores;
        try {
            cores = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number of cores: give one such as 0.5", e);
        }
        // The limits' own check gives the range and its reason.
        return new CgroupLimits(cores, null, null, null, null).cpus();
    }

    private static Long parseMemory(String text) {
        if (text == null) {
            return null;
        }
        return new CgroupLimits(null, null, ByteSize.parse(text), null, null).memoryBytes();
    }

    private static Long parsePidsLimit(String text) {
        if (text == null) {
            return null;
        }
        long limit;
        try {
            limit = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of processes: give one such"
                    + " as 64", e);
        }
        return new CgroupLimits(null, null, null, null, limit).pidsLimit();
    }

    private List<PublishedPort> publishedPorts() {
        List<PublishedPort> published = new ArrayList<>();
        String list = ports == null ? "" : ports.trim();
        for (String port : list.split("[\\s,]+")) {
            if (!port.isEmpty()) {
                published.add(PublishedPort.parse(port));
            }
        }
        return published;
    }

    /**
     * Returns a set with only UTS_NS as chosen. The hostname rule reads nothing else, and this set is
     * valid even while the chosen toggles break a rule of their own.
     */
    private ToggleSet utsChoice() {
        return toggles.contains(Toggle.UTS_NS) ? ToggleSet.of(EnumSet.of(Toggle.UTS_NS)) : ToggleSet.none();
    }

    private interface Parse<T> {
        T parse();
    }

    /** Runs parse and returns its value; an IllegalArgumentException becomes field's problem and null. */
    private static <T> T problem(Map<Field, String> problems, Field field, Parse<T> parse) {
        try {
            return parse.parse();
        } catch (IllegalArgumentException invalid) {
            problems.put(field, sentence(invalid.getMessage()));
            return null;
        }
    }

    private static void putIfPresent(Map<Field, String> problems, Field field, String problem) {
        if (problem != null) {
            problems.put(field, sentence(problem));
        }
    }

    /** Starts the engine's lower-case message with a capital and ends it with a full stop. */
    static String sentence(String message) {
        String text = message.strip();
        if (text.isEmpty()) {
            return text;
        }
        String capital = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return capital.endsWith(".") ? capital : capital + ".";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
