package io.pmtuwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathIdsTest {

    @Test
    void joinsAgentAddressTransportPortAndIpVersion() {
        assertThat(PathIds.of("fra-1", "192.0.2.7", Transport.TCP, 443, IpVersion.IPV4))
                .isEqualTo("fra-1|192.0.2.7|tcp|443|v4");
        assertThat(PathIds.of("sensor-2", "2001:db8:40::17", Transport.UDP, 53, IpVersion.IPV6))
                .isEqualTo("sensor-2|2001:db8:40::17|udp|53|v6");
        assertThat(PathIds.of("fra-1", "198.51.100.1", Transport.ICMP, 0, IpVersion.IPV4))
                .isEqualTo("fra-1|198.51.100.1|icmp|0|v4");
    }

    @Test
    void aTargetGivesTheSameIdAsItsParts() {
        Target target = Target.newBuilder().setHost("dns.example.net").setAddress("2001:db8::53").setPort(53)
                .setIpVersion(IpVersion.IPV6).setTransport(Transport.UDP).build();

        assertThat(PathIds.of("ams-3", target)).isEqualTo("ams-3|2001:db8::53|udp|53|v6")
                .isEqualTo(PathIds.of("ams-3", "2001:db8::53", Transport.UDP, 53, IpVersion.IPV6));
    }

    @Test
    void theSameTargetInTwoNetworkNamespacesIsTwoPaths() {
        Target.Builder base = Target.newBuilder().setHost("10.0.3.2").setAddress("10.0.3.2").setPort(8080)
                .setIpVersion(IpVersion.IPV4).setTransport(Transport.TCP);

        String own = PathIds.of("fra-1", base.build());
        String blue = PathIds.of("fra-1", Target.newBuilder(base.build()).setNetns("blue").build());
        String red = PathIds.of("fra-1", Target.newBuilder(base.build()).setNetns("red").build());

        assertThat(own).isEqualTo("fra-1|10.0.3.2|tcp|8080|v4");
        assertThat(blue).isEqualTo("fra-1|10.0.3.2|tcp|8080|v4|ns=blue");
        assertThat(List.of(own, blue, red)).doesNotHaveDuplicates();
        assertThatThrownBy(() -> PathIds.of("fra-1", Target.newBuilder(base.build()).setNetns("a|b").build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void differentPathsGetDifferentIds() {
        String v4 = PathIds.of("fra-1", "192.0.2.7", Transport.TCP, 443, IpVersion.IPV4);

        assertThat(PathIds.of("fra-1", "192.0.2.7", Transport.UDP, 443, IpVersion.IPV4)).isNotEqualTo(v4);
        assertThat(PathIds.of("fra-1", "192.0.2.7", Transport.TCP, 80, IpVersion.IPV4)).isNotEqualTo(v4);
        assertThat(PathIds.of("fra-2", "192.0.2.7", Transport.TCP, 443, IpVersion.IPV4)).isNotEqualTo(v4);
    }

    @Test
    void rejectsTheSeparatorInsideAPart() {
        assertThatThrownBy(() -> PathIds.of("fra|1", "192.0.2.7", Transport.TCP, 443, IpVersion.IPV4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agent id")
                .hasMessageContaining("fra|1");
        assertThatThrownBy(() -> PathIds.of("fra-1", "192.0.2.7|80", Transport.TCP, 443, IpVersion.IPV4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("address");
    }

    @Test
    void rejectsMissingParts() {
        assertThatThrownBy(() -> PathIds.of(null, "192.0.2.7", Transport.TCP, 443, IpVersion.IPV4))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("agentId");
        assertThatThrownBy(() -> PathIds.of("fra-1", "192.0.2.7", Transport.TCP, 443, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("ipVersion");
    }
}
