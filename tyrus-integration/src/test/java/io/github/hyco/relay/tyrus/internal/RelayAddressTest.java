package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RelayAddressTest {

    private static final URI AZURE = URI.create("wss://contoso.servicebus.windows.net");
    private static final URI LOCAL = URI.create("ws://127.0.0.1:9090");

    @Test
    void gatewayHostsOfTheSameServiceDomainAreTrusted() {
        assertThat(RelayAddress.isTrusted(URI.create(
                "wss://g17-prod-xx-001-sb.servicebus.windows.net:443/$hc/x?sb-hc-action=accept"), AZURE)).isTrue();
        assertThat(RelayAddress.isTrusted(URI.create("wss://contoso.servicebus.windows.net/$hc/x"), AZURE)).isTrue();
    }

    @Test
    void otherHostsAndSchemesAreNot() {
        assertThat(RelayAddress.isTrusted(URI.create("wss://evil.example.com/$hc/x"), AZURE)).isFalse();
        assertThat(RelayAddress.isTrusted(URI.create("wss://servicebus.windows.net.evil.com/$hc/x"), AZURE)).isFalse();
        assertThat(RelayAddress.isTrusted(URI.create("wss://xservicebus.windows.net/$hc/x"), AZURE)).isFalse();
        assertThat(RelayAddress.isTrusted(URI.create("ws://contoso.servicebus.windows.net/$hc/x"), AZURE)).isFalse();
        assertThat(RelayAddress.isTrusted(URI.create("wss://u@contoso.servicebus.windows.net/$hc/x"), AZURE)).isFalse();
    }

    @Test
    void anIpNamespaceTrustsOnlyItself() {
        assertThat(RelayAddress.isTrusted(URI.create("ws://127.0.0.1:9090/$hc/x"), LOCAL)).isTrue();
        assertThat(RelayAddress.isTrusted(URI.create("ws://127.0.0.2:9090/$hc/x"), LOCAL)).isFalse();
        assertThat(RelayAddress.isTrusted(URI.create("wss://127.0.0.1:9090/$hc/x"), LOCAL)).isFalse();
    }

    @Test
    void requestPathIsWhatFollowsHc() {
        assertThat(RelayAddress.pathAfterHc(URI.create("wss://h/$hc/chat/lobby?x=1"))).isEqualTo("/chat/lobby");
        assertThat(RelayAddress.pathAfterHc(URI.create("wss://h/$hc/a%2Fb"))).isEqualTo("/a%2Fb");
        assertThat(RelayAddress.decodedSegments("/a%2Fb/c%20d")).containsExactly("a/b", "c d");
    }

    @Test
    void relayParametersAreDroppedCaseInsensitively() {
        assertThat(RelayAddress.applicationQuery("tenant=7&sb-hc-action=accept&SB-HC-ID=abc&x=%26"))
                .isEqualTo("tenant=7&x=%26");
        assertThat(RelayAddress.applicationQuery("sb-hc-action=accept")).isNull();
        assertThat(RelayAddress.applicationQuery(null)).isNull();
    }

    @Test
    void parametersAreDecodedAndRepeatable() {
        assertThat(RelayAddress.parameters("a=1&a=2&b=x%26y&c=p+q&d"))
                .isEqualTo(Map.of("a", List.of("1", "2"), "b", List.of("x&y"), "c", List.of("p q"), "d", List.of("")));
    }
}
