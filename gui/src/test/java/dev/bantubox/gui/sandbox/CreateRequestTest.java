package dev.bantubox.gui.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bantubox.engine.container.RunSpec;
import dev.bantubox.engine.network.NetworkMode;
import dev.bantubox.engine.plan.Toggle;
import dev.bantubox.engine.plan.ToggleSet;
import dev.bantubox.gui.sandbox.CreateRequest.Field;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The create form's checks, field by field, with the engine's own parsers and rules. */
class CreateRequestTest {
    private static final Set<Toggle> FULL = ToggleSet.full().enabled();

    @Test
    void validValuesBuildSpec() {
        CreateRequest.Check check = request("busybox", "sh -c 'echo hi; sleep 9'", "web", "box-1", FULL, "0.5", "64m",
                "32", NetworkMode.BRIDGE, "8080:80, 127.0.0.1:8443:443").check();

        assertThat(check.problems()).isEmpty();
        RunSpec spec = check.spec();
        assertThat(spec.command()).containsExactly("sh", "-c", "echo hi; sleep 9");
        assertThat(spec.name()).isEqualTo("web");
        assertThat(spec.hostname()).isEqualTo("box-1");
        assertThat(spec.limits().cpus()).isEqualTo(0.5);
        assertThat(spec.limits().memoryBytes()).isEqualTo(64L << 20);
        assertThat(spec.limits().pidsLimit()).isEqualTo(32L);
        assertThat(spec.ports()).hasSize(2);
        assertThat(spec.init()).isTrue();
        assertThat(spec.removeOnExit()).isFalse();
    }

    @Test
    void blankOptionalFieldsStayUnset() {
        RunSpec spec = request("busybox", "true", " ", "", FULL, "", "", "", NetworkMode.NONE, "").check().spec();

        assertThat(spec.name()).isNull();
        assertThat(spec.hostname()).isNull();
        assertThat(spec.limits().isEmpty()).isTrue();
        assertThat(spec.network()).isEqualTo(NetworkMode.NONE);
    }

    @Test
    void eachInvalidFieldGetsItsOwnProblem() {
        Set<Toggle> chrootAndPivot = EnumSet.copyOf(FULL);
        chrootAndPivot.add(Toggle.CHROOT);

        CreateRequest.Check check = request("Bad/Image", "", "-web", "a_b", chrootAndPivot, "x", "lots", "0",
                NetworkMode.BRIDGE, "80").check();

        assertThat(check.spec()).isNull();
        assertThat(check.problems().get(Field.IMAGE)).contains("may not contain '/'");
        assertThat(check.problems().get(Field.COMMAND)).startsWith("The command is empty");
        assertThat(check.problems().get(Field.NAME)).contains("'-web' is invalid");
        assertThat(check.problems().get(Field.HOSTNAME)).contains("may contain only letters");
        assertThat(check.problems().get(Field.TOGGLES)).contains("CHROOT and PIVOT_ROOT");
        assertThat(check.problems().get(Field.CPUS)).contains("'x' is not a number of cores");
        assertThat(check.problems().get(Field.MEMORY)).startsWith("Invalid size 'lots'");
        assertThat(check.problems().get(Field.PIDS_LIMIT)).contains("at least 1");
        assertThat(check.problems().get(Field.PORTS)).contains("HOSTPORT:PORT");
        assertThat(check.problems()).doesNotContainKey(Field.NETWORK);
    }

    @Test
    void limitRangesComeFromEngine() {
        CreateRequest.Check check = request("busybox", "true", "", "", FULL, "0.001", "1m", "5", NetworkMode.NONE, "")
                .check();

        assertThat(check.problems().get(Field.CPUS)).contains("at least 0.01");
        assertThat(check.problems().get(Field.MEMORY)).contains("too small");
        assertThat(check.problems()).doesNotContainKey(Field.PIDS_LIMIT);
    }

    @Test
    void hostnameNeedsUtsNamespace() {
        Set<Toggle> noUts = EnumSet.copyOf(FULL);
        noUts.remove(Toggle.UTS_NS);

        CreateRequest.Check check = request("busybox", "true", "", "box", noUts, "", "", "", NetworkMode.NONE, "")
                .check();

        assertThat(check.problems().get(Field.HOSTNAME)).startsWith("A hostname needs UTS_NS");
    }

    @Test
    void networkRulesLandOnTheirField() {
        Set<Toggle> noNet = EnumSet.copyOf(FULL);
        noNet.remove(Toggle.NET_NS);

        CreateRequest.Check bridgeWithoutNamespace = request("busybox", "true", "", "", noNet, "", "", "",
                NetworkMode.BRIDGE, "").check();
        CreateRequest.Check portsWithoutBridge = request("busybox", "true", "", "", FULL, "", "", "",
                NetworkMode.NONE, "8080:80").check();

        assertThat(bridgeWithoutNamespace.problems().get(Field.NETWORK)).contains("needs NET_NS");
        assertThat(portsWithoutBridge.problems().get(Field.PORTS)).startsWith("Publishing ports needs --network bridge");
        assertThat(portsWithoutBridge.problems()).doesNotContainKey(Field.NETWORK);
    }

    @Test
    void nameInUseIsRejected() {
        CreateRequest request = new CreateRequest("busybox", "true", "web", "", FULL, "", "", "", NetworkMode.NONE, "",
                false, Set.of("web"));

        assertThat(request.check().problems().get(Field.NAME)).contains("already used");
    }

    private static CreateRequest request(String image, String command, String name, String hostname, Set<Toggle> toggles,
                                         String cpus, String memory, String pidsLimit, NetworkMode network, String ports) {
        return new CreateRequest(image, command, name, hostname, toggles, cpus, memory, pidsLimit, network, ports, true,
                Set.of());
    }
}
