package dev.bantubox.engine.host;

import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that depend on the kernel and the engine's credentials: root, the kernel release, and the
 * sysctls that allow or restrict unprivileged user namespaces. Each takes the values it judges, so
 * tests can give it any host's values.
 */
final class KernelChecks {
    /** The bit of CAP_SYS_ADMIN in the CapEff mask (linux/capability.h), which clone() and mount() need. */
    static final int CAP_SYS_ADMIN = 21;
    static final String MAX_USER_NAMESPACES = "user.max_user_namespaces";
    static final String UNPRIVILEGED_USERNS_CLONE = "kernel.unprivileged_userns_clone";
    static final String APPARMOR_RESTRICT_USERNS = "kernel.apparmor_restrict_unprivileged_userns";

    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    private KernelChecks() {
    }

    /**
     * Judges the engine's credentials.
     *
     * @param euid              the effective user id
     * @param effectiveCapabilities the CapEff mask from /proc/self/status, if it could be read
     */
    static CheckResult privileges(int euid, OptionalLong effectiveCapabilities) {
        HostCheck check = HostCheck.PRIVILEGES;
        if (euid != 0) {
            // TODO: once the engine can launch in a user namespace of its own, a learner who is not root
            // but may create user namespaces gets a warning here instead of a failure.
            return CheckResult.fail(check, "running as uid " + euid + ", not root, so creating namespaces and"
                    + " mounts fails with EPERM", "run bantubox with sudo");
        }
        if (effectiveCapabilities.isPresent() && (effectiveCapabilities.getAsLong() & (1L << CAP_SYS_ADMIN)) == 0) {
            return CheckResult.fail(check, "running as root but without CAP_SYS_ADMIN (CapEff "
                    + Long.toHexString(effectiveCapabilities.getAsLong()) + "), as inside an unprivileged"
                    + " container, so clone() with namespace flags and mount() fail with EPERM",
                    "run BantuBox on the host, or in a container started with --privileged");
        }
        return CheckResult.ok(check, "running as root with CAP_SYS_ADMIN, which creating namespaces and mounts"
                + " needs");
    }

    /** Judges the kernel release, as uname -r prints it, by the features BantuBox uses. */
    static CheckResult kernel(String release) {
        HostCheck check = HostCheck.KERNEL;
        Matcher matcher = RELEASE.matcher(release.trim());
        if (!matcher.matches()) {
            return CheckResult.warning(check, "the kernel release '" + release.trim() + "' is not in the usual"
                    + " MAJOR.MINOR form, so its features cannot be judged by version",
                    "make sure the kernel is Linux 4.6 or newer");
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        String name = "Linux " + release.trim();
        if (olderThan(major, minor, 3, 18)) {
            return CheckResult.fail(check, name + " is older than 3.18, which brought overlayfs",
                    "use a machine with Linux 4.6 or newer");
        }
        if (olderThan(major, minor, 4, 6)) {
            return CheckResult.warning(check, name + " has overlayfs but is older than 4.6, which brought cgroup"
                    + " namespaces (cgroup v2 came in 4.5), so a container sees the host's cgroup paths",
                    "use a machine with Linux 4.6 or newer for every lesson");
        }
        return CheckResult.ok(check, name + " is new enough for every kernel feature BantuBox uses (overlayfs"
                + " from 3.18, cgroup v2 from 4.5, cgroup namespaces from 4.6)");
    }

    /**
     * Judges whether a process that is not root may create a user namespace.
     *
     * @param sysctls          the values of the sysctls this check reads, by dotted name; a missing key
     *                         means the kernel does not have that setting
     * @param kernelHasUserNamespaces true when /proc/self/ns/user exists (CONFIG_USER_NS)
     */
    static CheckResult userNamespaces(Map<String, String> sysctls, boolean kernelHasUserNamespaces) {
        // Only warnings: the engine launches as root and does not ask for CLONE_NEWUSER, so none of
        // these settings stops a run; they matter to a learner who tries `unshare -U` as a normal user.
        HostCheck check = HostCheck.USER_NAMESPACES;
        if (!kernelHasUserNamespaces) {
            return CheckResult.warning(check, "this kernel has no user namespaces (/proc/self/ns/user is"
                    + " missing, so CONFIG_USER_NS is off)", "use a kernel built with CONFIG_USER_NS=y");
        }
        String maximum = sysctls.get(MAX_USER_NAMESPACES);
        if ("0".equals(maximum)) {
            return CheckResult.warning(check, MAX_USER_NAMESPACES + " is 0, so no process can create a user"
                    + " namespace", "sudo sysctl " + MAX_USER_NAMESPACES + "=15000");
        }
        if ("0".equals(sysctls.get(UNPRIVILEGED_USERNS_CLONE))) {
            return CheckResult.warning(check, UNPRIVILEGED_USERNS_CLONE + " is 0, so only root can create user"
                    + " namespaces", "sudo sysctl " + UNPRIVILEGED_USERNS_CLONE + "=1");
        }
        if ("1".equals(sysctls.get(APPARMOR_RESTRICT_USERNS))) {
            return CheckResult.warning(check, "AppArmor restricts unprivileged user namespaces ("
                    + APPARMOR_RESTRICT_USERNS + " is 1, the default of Ubuntu 24.04): a process that is not root"
                    + " gets one without capabilities, so it cannot mount inside it",
                    "sudo sysctl " + APPARMOR_RESTRICT_USERNS + "=0 allows them until the next boot");
        }
        return CheckResult.ok(check, "processes that are not root may create user namespaces ("
                + MAX_USER_NAMESPACES + " is " + (maximum == null ? "not set" : maximum) + ")");
    }

    private static boolean olderThan(int major, int minor, int wantedMajor, int wantedMinor) {
        return major < wantedMajor || major == wantedMajor && minor < wantedMinor;
    }
}
