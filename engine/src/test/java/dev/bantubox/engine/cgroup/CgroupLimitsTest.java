package dev.bantubox.engine.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Limit values and sizes as the command line gives them. */
class CgroupLimitsTest {

    @Test
    void sizesUseBinaryUnits() {
        assertThat(ByteSize.parse("32m")).isEqualTo(32L << 20);
        assertThat(ByteSize.parse("64MiB")).isEqualTo(64L << 20);
        assertThat(ByteSize.parse("1g")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse("1.5k")).isEqualTo(1536);
        assertThat(ByteSize.parse("4096")).isEqualTo(4096);
        assertThat(ByteSize.parse("100b")).isEqualTo(100);
    }

    @Test
    void invalidSizeIsRejected() {
        assertThatThrownBy(() -> ByteSize.parse("lots")).hasMessageContaining("invalid size 'lots'");
        assertThatThrownBy(() -> ByteSize.parse("-5m")).hasMessageContaining("invalid size '-5m'");
    }

    @Test
    void sizesFormatWithOneDecimal() {
        assertThat(ByteSize.format(512)).isEqualTo("512 B");
        assertThat(ByteSize.format(33_554_432)).isEqualTo("32.0 MiB");
    }

    @Test
    void cpuQuotaIsShareOfPeriod() {
        assertThat(CgroupLimits.none().withCpus(0.2).cpuQuotaMicros()).isEqualTo(20_000);
        assertThat(CgroupLimits.none().withCpus(1.5).cpuQuotaMicros()).isEqualTo(150_000);
    }

    @Test
    void outOfRangeValuesAreRejected() {
        assertThatThrownBy(() -> CgroupLimits.none().withCpus(0.001)).hasMessageContaining("invalid CPU limit");
        assertThatThrownBy(() -> CgroupLimits.none().withCpuShares(1)).hasMessageContaining("invalid CPU shares 1");
        assertThatThrownBy(() -> CgroupLimits.none().withMemory(1L << 20)).hasMessageContaining("too small");
        assertThatThrownBy(() -> CgroupLimits.none().withMemory(64L << 20, 32L << 20))
                .hasMessageContaining("is below the memory limit");
        assertThatThrownBy(() -> new CgroupLimits(null, null, null, 64L << 20, null))
                .hasMessageContaining("needs a memory limit");
        assertThatThrownBy(() -> CgroupLimits.none().withPidsLimit(0L)).hasMessageContaining("invalid process limit 0");
    }

    @Test
    void noneIsEmpty() {
        assertThat(CgroupLimits.none().isEmpty()).isTrue();
        assertThat(CgroupLimits.none().withPidsLimit(4L).isEmpty()).isFalse();
        assertThat(CgroupLimits.none()).hasToString("no limits");
    }
}
