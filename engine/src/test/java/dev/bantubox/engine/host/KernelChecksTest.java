package dev.bantubox.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Root, kernel release and user namespace settings, judged from the values a host would show. */
class KernelChecksTest {
    private static final long FULL_CAPABILITIES = 0x1ffffffffffL;

    @Test
    void rootWithCapabilitiesIsOk() {
        assertThat(KernelChecks.privileges(0, OptionalLong.of(FULL_CAPABILITIES)).status()).isEqualTo(CheckStatus.OK);
    }

    @Test
    void rootWithoutSysAdminFails() {
        long withoutSysAdmin = FULL_CAPABILITIES & ~(1L << KernelChecks.CAP_SYS_ADMIN);

        CheckResult result = KernelChecks.privileges(0, OptionalLong.of(withoutSysAdmin));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.sentence()).contains("without CAP_SYS_ADMIN");
    }

    @Test
    void userOtherThanRootFails() {
        CheckResult result = KernelChecks.privileges(1000, OptionalLong.of(0));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.sentence()).contains("uid 1000");
        assertThat(result.fix()).isEqualTo("run bantubox with sudo");
    }

    @ParameterizedTest
    @CsvSource({
        "3.10.0-1160.el7.x86_64, FAIL",
        "4.4.0-210-generic, WARNING",
        "4.6.0, OK",
        "6.8.0-45-generic, OK",
        "5.15.153.1-microsoft-standard-WSL2, OK",
        "custom, WARNING",
    })
    void kernelReleaseIsJudgedByVersion(String release, CheckStatus expected) {
        assertThat(KernelChecks.kernel(release).status()).as(release).isEqualTo(expected);
    }

    @Test
    void userNamespacesAllowedAreOk() {
        CheckResult result = KernelChecks.userNamespaces(Map.of(KernelChecks.MAX_USER_NAMESPACES, "63230"), true);

        assertThat(result.status()).isEqualTo(CheckStatus.OK);
        assertThat(result.sentence()).contains("63230");
    }

    @Test
    void apparmorRestrictionWarnsWithTheSysctl() {
        CheckResult result = KernelChecks.userNamespaces(Map.of(KernelChecks.MAX_USER_NAMESPACES, "63230",
                KernelChecks.APPARMOR_RESTRICT_USERNS, "1"), true);

        assertThat(result.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(result.sentence()).contains("AppArmor");
        assertThat(result.fix()).contains("kernel.apparmor_restrict_unprivileged_userns=0");
    }

    @Test
    void debianCloneSwitchOffWarns() {
        CheckResult result = KernelChecks.userNamespaces(Map.of(KernelChecks.UNPRIVILEGED_USERNS_CLONE, "0"), true);

        assertThat(result.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(result.fix()).contains("kernel.unprivileged_userns_clone=1");
    }

    @Test
    void zeroMaximumWarns() {
        CheckResult result = KernelChecks.userNamespaces(Map.of(KernelChecks.MAX_USER_NAMESPACES, "0"), true);

        assertThat(result.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(result.sentence()).contains("is 0");
    }

    @Test
    void kernelWithoutUserNamespacesWarns() {
        assertThat(KernelChecks.userNamespaces(Map.of(), false).sentence()).contains("CONFIG_USER_NS");
    }
}
