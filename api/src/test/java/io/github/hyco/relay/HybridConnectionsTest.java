// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HybridConnectionsTest {

    @Test
    void listenAndSendUris() {
        assertThat(HybridConnections.createRelayListenUri("contoso.servicebus.windows.net", "hyco"))
                .hasToString("wss://contoso.servicebus.windows.net/$hc/hyco?sb-hc-action=listen");
        assertThat(HybridConnections.createRelaySendUri("contoso.servicebus.windows.net", "hyco"))
                .hasToString("wss://contoso.servicebus.windows.net/$hc/hyco?sb-hc-action=connect");
    }

    @Test
    void tokenAndTrackingIdAreEncodedIntoTheQuery() {
        URI uri = HybridConnections.createRelaySendUri("contoso.servicebus.windows.net", "hyco",
                "SharedAccessSignature sr=a%2Fb&sig=c%2B%3D&se=1&skn=k", "id 1");

        assertThat(uri).hasToString("wss://contoso.servicebus.windows.net/$hc/hyco?sb-hc-action=connect"
                + "&sb-hc-token=SharedAccessSignature%20sr%3Da%252Fb%26sig%3Dc%252B%253D%26se%3D1%26skn%3Dk"
                + "&sb-hc-id=id%201");
        assertThat(uri.getQuery()).contains("sb-hc-token=SharedAccessSignature sr=a%2Fb&sig=c%2B%3D&se=1&skn=k");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "contoso.servicebus.windows.net|wss://contoso.servicebus.windows.net",
        "localhost:9090|wss://localhost:9090",
        "sb://contoso.servicebus.windows.net/|wss://contoso.servicebus.windows.net",
        "wss://ns.example:8443|wss://ns.example:8443",
        "https://ns.example|wss://ns.example",
        "ws://127.0.0.1:9090|ws://127.0.0.1:9090",
        "http://localhost:9090/|ws://localhost:9090",
        "[::1]:9090|wss://[::1]:9090"})
    void theNamespaceMaySelectPlainWebSocketsForALocalEmulator(String namespace, String base) {
        assertThat(HybridConnections.createRelayListenUri(namespace, "echo"))
                .hasToString(base + "/$hc/echo?sb-hc-action=listen");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "chat/lobby|chat/lobby",
        "/chat/lobby/|chat/lobby",
        "my hyco|my%20hyco",
        "100%|100%25",
        "a+b/c&d=e|a%2Bb/c%26d%3De",
        "café|caf%C3%A9"})
    void eachPathSegmentIsEncodedOnce(String path, String encoded) {
        URI uri = HybridConnections.createRelayListenUri("ns", path);

        assertThat(uri.getRawPath()).isEqualTo("/$hc/" + encoded);
        assertThat(uri.getPath()).isEqualTo("/$hc/" + path.replaceAll("^/|/$", ""));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> HybridConnections.createRelayListenUri(null, "p"))
                .isInstanceOf(NullPointerException.class).hasMessage("namespace must not be null");
        assertThatThrownBy(() -> HybridConnections.createRelayListenUri(" ", "p"))
                .hasMessage("namespace must not be blank, was ' '");
        assertThatThrownBy(() -> HybridConnections.createRelayListenUri("ftp://ns", "p"))
                .hasMessageContaining("the scheme is 'ftp'");
        assertThatThrownBy(() -> HybridConnections.createRelayListenUri("ns/extra", "p"))
                .hasMessage("namespace must be a host or host:port (like contoso.servicebus.windows.net), "
                        + "was 'ns/extra'");
        assertThatThrownBy(() -> HybridConnections.createRelaySendUri("ns", "hyco?x=1"))
                .hasMessage("path must not contain '?' or '#' (pass query parameters separately), was 'hyco?x=1'");
        assertThatThrownBy(() -> HybridConnections.createRelaySendUri("ns", "a#b"))
                .hasMessageContaining("'a#b'");
        assertThatThrownBy(() -> HybridConnections.createRelaySendUri("ns", "a//b"))
                .hasMessage("path must not have empty segments, was 'a//b'");
        assertThatThrownBy(() -> HybridConnections.createRelaySendUri("ns", ""))
                .hasMessage("path must not be blank, was ''");
        assertThatThrownBy(() -> HybridConnections.createRelaySendUri("ns", "p", " ", null))
                .hasMessage("token must not be blank");
        assertThatThrownBy(() -> HybridConnections.createRelayToken("sb://ns/p", "k", "key", Duration.ZERO))
                .hasMessage("validity must be positive, was PT0S");
        assertThatThrownBy(() -> HybridConnections.createRelayToken("sb://ns/p", "k", "key",
                Duration.ofSeconds(-5)))
                .hasMessage("validity must be positive, was PT-5S");
        assertThatThrownBy(() -> HybridConnections.createRelayToken("relative/path", "k", "key"))
                .hasMessageContaining("'relative/path'");
        assertThatThrownBy(() -> HybridConnections.appendRelayToken(URI.create("relative"), "k", "key"))
                .hasMessage("uri must be absolute (scheme://host/...), was 'relative'");
    }

    @Test
    void createRelayTokenIsValidForAnHourByDefault() {
        SharedAccessSignature sas = SharedAccessSignature.parse(HybridConnections.createRelayToken(
                "wss://ns/$hc/hyco?sb-hc-action=listen", "policy", "key"));

        assertThat(sas.expiresAt()).isCloseTo(Instant.now().plus(Duration.ofHours(1)),
                within(5, ChronoUnit.SECONDS));
        assertThat(sas.resource()).isEqualTo("http://ns/hyco");
        assertThat(sas.isSignedWith("key")).isTrue();
    }

    @Test
    void appendRelayTokenStartsOrExtendsTheQuery() {
        URI withQuery = HybridConnections.appendRelayToken(
                URI.create("wss://ns/$hc/hyco?sb-hc-action=listen"), "r", "k", Duration.ofMinutes(5));
        URI withoutQuery = HybridConnections.appendRelayToken(URI.create("wss://ns/$hc/hyco"), "r", "k");

        assertThat(withQuery.getRawQuery()).startsWith("sb-hc-action=listen&sb-hc-token=SharedAccessSignature%20sr%3D");
        assertThat(withoutQuery.getRawQuery()).startsWith("sb-hc-token=SharedAccessSignature%20sr%3D");
        assertThat(withoutQuery.toString()).doesNotContain("null");
        SharedAccessSignature sas = SharedAccessSignature.parse(
                withQuery.getQuery().substring(withQuery.getQuery().indexOf("sb-hc-token=") + 12));
        assertThat(sas.resource()).isEqualTo("http://ns/hyco");
        assertThat(sas.isSignedWith("k")).isTrue();
    }

    @Test
    void appendRelayTokenReplacesATokenAlreadyThere() {
        URI once = HybridConnections.appendRelayToken(URI.create("wss://ns/$hc/hyco?a=1"), "r", "k");
        URI twice = HybridConnections.appendRelayToken(once, "r", "k2");

        assertThat(twice.getRawQuery().split("sb-hc-token=", -1)).hasSize(2);
        assertThat(twice.getRawQuery()).startsWith("a=1&sb-hc-token=");
        String token = twice.getQuery().substring(twice.getQuery().indexOf("sb-hc-token=") + 12);
        assertThat(SharedAccessSignature.parse(token).isSignedWith("k2")).isTrue();
    }

    @Test
    void appendRelayTokenMatchesTheHycoWsVectorAtTheSameSecond() {
        // protocol.md §5.3: the token is encodeURIComponent-ed once more into the query.
        String token = SharedAccessSignature.create("wss://contoso.servicebus.windows.net:443/$hc/hyco?sb-hc-action=listen",
                "r", "k", Instant.ofEpochSecond(1700000000)).token();
        URI uri = HybridConnections.createRelayListenUri("contoso.servicebus.windows.net:443", "hyco", token, null);

        assertThat(uri).hasToString("wss://contoso.servicebus.windows.net:443/$hc/hyco?sb-hc-action=listen"
                + "&sb-hc-token=SharedAccessSignature%20sr%3Dhttp%253A%252F%252Fcontoso.servicebus.windows.net"
                + "%253A443%252Fhyco%26sig%3DnsGhZ5v0AgQOQRDuh6GJP4DQmOqGgCNAPMKFkELuniI%253D%26se%3D1700000000%26skn%3Dr");
    }
}
