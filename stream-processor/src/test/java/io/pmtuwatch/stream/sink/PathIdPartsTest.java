package io.pmtuwatch.stream.sink;

import io.pmtuwatch.schemas.IpVersion;
import io.pmtuwatch.schemas.PathIds;
import io.pmtuwatch.schemas.Transport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PathIdPartsTest {

    @Test
    void partsOfPathIdsBuiltByTheContractComeBack() {
        String id = PathIds.of("fra-1", "2001:db8::7", Transport.TCP, 443, IpVersion.IPV6);
        assertThat(PathIdParts.parse(id)).contains(new PathIdParts("fra-1", "2001:db8::7", "tcp", 443, "ipv6"));
        assertThat(PathIdParts.parse(PathIds.of("a", "192.0.2.7", Transport.UDP, 53, IpVersion.IPV4)).orElseThrow()
                .networkType()).isEqualTo("ipv4");
    }

    @Test
    void anythingElseIsNotAPathId() {
        assertThat(PathIdParts.parse("10.0.0.1>10.0.0.2")).isEmpty();
        assertThat(PathIdParts.parse("a|b|tcp|x|v4")).isEmpty();
        assertThat(PathIdParts.parse("a|b|tcp|1|v5")).isEmpty();
        assertThat(PathIdParts.parse(null)).isEmpty();
    }
}
