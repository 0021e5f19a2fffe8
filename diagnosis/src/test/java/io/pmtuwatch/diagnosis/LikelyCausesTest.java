package io.pmtuwatch.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LikelyCausesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1492 | PPPoE",
        "1480 | IPIP, 6in4 or SIT",
        "1476 | GRE tunnel (likely)",
        "1472 | GRE tunnel with key",
        "1468 | GRE tunnel with key and sequence",
        "1460 | IPv4-in-IPv6",
        "1450 | VXLAN over IPv4",
        "1440 | WireGuard over IPv4",
        "1430 | VXLAN over IPv6",
        "1420 | WireGuard over IPv6",
        "1438 | IPsec ESP",
        "1400 | IPsec ESP",
        "1280 | IPv6 minimum MTU",
    })
    void namesTheEncapsulationATypicalMtuComesFrom(int mtu, String cause) {
        assertThat(LikelyCauses.forMtu(mtu)).contains(cause);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1430 | VXLAN over IPv6 | IPsec ESP",
        "1420 | WireGuard over IPv6 | IPsec ESP",
    })
    void collidingValuesListEveryCandidate(int mtu, String first, String second) {
        assertThat(LikelyCauses.forMtu(mtu)).contains(first, second);
    }

    @ParameterizedTest
    @ValueSource(ints = {1500, 1492, 1480, 1476, 1472, 1468, 1460, 1450, 1440, 1430, 1420, 1410, 1400, 1280})
    void neverClaimsCertainty(int mtu) {
        assertThat(LikelyCauses.forMtu(mtu)).contains("likely").doesNotContain(" is ");
    }

    @ParameterizedTest
    @ValueSource(ints = {1439, 1399, 1300, 1000, 576})
    void valuesOutsideTheTableAreUnknownEncapsulation(int mtu) {
        assertThat(LikelyCauses.forMtu(mtu)).isEqualTo("reduced MTU (unknown encapsulation)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "9000 | 8950 | VXLAN over IPv4 on a 9000-byte underlay",
        "9000 | 8920 | WireGuard over IPv6 on a 9000-byte underlay",
        "9000 | 8976 | GRE tunnel on a 9000-byte underlay",
    })
    void onAJumboUnderlayTheOverheadIsMatched(int from, int to, String cause) {
        assertThat(LikelyCauses.forDrop(from, to)).contains(cause).contains("likely");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1500 | 1450 | VXLAN over IPv4 (likely)",
        "9000 | 1500 | standard Ethernet MTU",
        "1500 | 1399 | reduced MTU (unknown encapsulation)",
        "9000 | 8999 | reduced MTU (unknown encapsulation)",
    })
    void theValueTableComesFirst(int from, int to, String cause) {
        assertThat(LikelyCauses.forDrop(from, to)).contains(cause);
    }
}
