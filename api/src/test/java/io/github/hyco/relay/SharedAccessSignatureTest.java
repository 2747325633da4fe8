// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The vectors of protocol.md §5.3 and the rules of reading and checking tokens. */
class SharedAccessSignatureTest {

    private static final String PORTAL_KEY = "kC5PvHd0aZsQbbF0uGOyxW1dI2JUx8GQ3b5bKF3Vx+4=";
    private static final Instant SE_1700000000 = Instant.ofEpochSecond(1700000000);

    @Test
    void vector1_listenUriWithExplicitPortAndQuery() {
        SharedAccessSignature sas = SharedAccessSignature.create(
                "wss://contoso.servicebus.windows.net:443/$hc/hyco?sb-hc-action=connect",
                "RootManageSharedAccessKey", PORTAL_KEY, SE_1700000000);

        assertThat(sas.resource()).isEqualTo("http://contoso.servicebus.windows.net:443/hyco");
        assertThat(sas.token()).isEqualTo("SharedAccessSignature "
                + "sr=http%3A%2F%2Fcontoso.servicebus.windows.net%3A443%2Fhyco"
                + "&sig=MjC%2FIQToIYjkL3N3sIw6ggeZvt5bQrz4QbAokhPjYYQ%3D"
                + "&se=1700000000&skn=RootManageSharedAccessKey");
    }

    @Test
    void vector2_namespaceRootGetsASlash() {
        SharedAccessSignature sas = SharedAccessSignature.create("http://contoso.servicebus.windows.net",
                "RootManageSharedAccessKey", PORTAL_KEY, SE_1700000000);

        assertThat(sas.resource()).isEqualTo("http://contoso.servicebus.windows.net/");
        assertThat(sas.token()).isEqualTo("SharedAccessSignature "
                + "sr=http%3A%2F%2Fcontoso.servicebus.windows.net%2F"
                + "&sig=bFr%2BPjJFqjcg0L6WbBFM5RdRADoZMLH9yJElDSC9Ouw%3D"
                + "&se=1700000000&skn=RootManageSharedAccessKey");
    }

    @Test
    void vector3_httpsWithQueryAndFragment() {
        SharedAccessSignature sas = SharedAccessSignature.create(
                "https://contoso.servicebus.windows.net/hyco/sub?foo=bar#frag", "send-rule", "secret",
                Instant.ofEpochSecond(1893456000));

        assertThat(sas.resource()).isEqualTo("http://contoso.servicebus.windows.net/hyco/sub");
        assertThat(sas.token()).isEqualTo("SharedAccessSignature "
                + "sr=http%3A%2F%2Fcontoso.servicebus.windows.net%2Fhyco%2Fsub"
                + "&sig=vnfqceipxOqxQoK3MhZ27vifpOx3SHBAVq%2F3rWNRI3M%3D"
                + "&se=1893456000&skn=send-rule");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "wss://contoso.servicebus.windows.net/$hc/my hyco",
        "wss://contoso.servicebus.windows.net/$hc/my%20hyco"})
    void vector4_aSpaceInThePathIsEncodedOnceNotTwice(String uri) {
        SharedAccessSignature sas = SharedAccessSignature.create(uri, "listen", "k",
                Instant.ofEpochSecond(1600000000));

        // hyco-ws writes my%2520hyco here, a resource the service cannot match to "my hyco".
        assertThat(sas.token()).startsWith(
                "SharedAccessSignature sr=http%3A%2F%2Fcontoso.servicebus.windows.net%2Fmy%20hyco&sig=");
        assertThat(sas.resource()).isEqualTo("http://contoso.servicebus.windows.net/my hyco");
        assertThat(SharedAccessSignature.parse(sas.token()).isSignedWith("k")).isTrue();
    }

    @Test
    void hostIsLowerCasedAndOnlyTheFirstHcSegmentIsRemoved() {
        SharedAccessSignature sas = SharedAccessSignature.create(
                "WSS://Contoso.ServiceBus.Windows.NET/$hc/Hyco/$hc/x", "k", "v", SE_1700000000);

        assertThat(sas.resource()).isEqualTo("http://contoso.servicebus.windows.net/Hyco/$hc/x");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // .NET style audience (trailing slash, no port)
        "SharedAccessSignature sr=http%3A%2F%2Fcontoso.servicebus.windows.net%2Fhyco%2F&sig=SOdo0DmKSMxVgOUFUVw7OjgiECb0LdDn0MpfoNDNl8o%3D&se=1700000000&skn=RootManageSharedAccessKey"
                + "|http://contoso.servicebus.windows.net/hyco/",
        // Java SDK listener style audience (sb scheme)
        "SharedAccessSignature sr=sb%3A%2F%2Fcontoso.servicebus.windows.net%2Fhyco&sig=IW9M%2B6GTNioUR4htEYn4Gk%2FST1lutf%2FNydI19ipUtG4%3D&se=1700000000&skn=RootManageSharedAccessKey"
                + "|sb://contoso.servicebus.windows.net/hyco"})
    void parsesAndVerifiesTheTokensOfTheOtherSdks(String token, String resource) {
        SharedAccessSignature sas = SharedAccessSignature.parse(token);

        assertThat(sas.resource()).isEqualTo(resource);
        assertThat(sas.keyName()).isEqualTo("RootManageSharedAccessKey");
        assertThat(sas.expiresAt()).isEqualTo(SE_1700000000);
        assertThat(sas.isSignedWith(PORTAL_KEY)).isTrue();
        assertThat(sas.isSignedWith(PORTAL_KEY.replace('k', 'K'))).isFalse();
        assertThat(sas.token()).isEqualTo(token);
    }

    @Test
    void roundTripCreateParseVerify() {
        SharedAccessSignature created = SharedAccessSignature.create(
                "wss://ns.example:9090/$hc/a/b?x=1", "policy ü", "clé secrète", SE_1700000000);

        SharedAccessSignature parsed = SharedAccessSignature.parse(created.token());

        assertThat(parsed).isEqualTo(created);
        assertThat(parsed.resource()).isEqualTo("http://ns.example:9090/a/b");
        assertThat(parsed.keyName()).isEqualTo("policy ü");
        assertThat(parsed.expiresAt()).isEqualTo(SE_1700000000);
        assertThat(parsed.isSignedWith("clé secrète")).isTrue();
        assertThat(parsed.isSignedWith("cle secrete")).isFalse();
    }

    @Test
    void aTamperedExpiryOrResourceNoLongerVerifies() {
        String token = SharedAccessSignature.create("sb://ns/hc", "k", "key", SE_1700000000).token();

        assertThat(SharedAccessSignature.parse(token.replace("se=1700000000", "se=1800000000"))
                .isSignedWith("key")).isFalse();
        assertThat(SharedAccessSignature.parse(token.replace("%2Fhc", "%2Fhd"))
                .isSignedWith("key")).isFalse();
    }

    @Test
    void expiresAtTheSecondOfSe() {
        SharedAccessSignature sas = SharedAccessSignature.create("sb://ns/hc", "k", "key",
                Instant.ofEpochSecond(1700000000, 999_000_000));

        assertThat(sas.expiresAt()).isEqualTo(SE_1700000000);
        assertThat(sas.isExpired(Clock.fixed(SE_1700000000.minusSeconds(1), ZoneOffset.UTC))).isFalse();
        assertThat(sas.isExpired(Clock.fixed(SE_1700000000, ZoneOffset.UTC))).isTrue();
        assertThat(sas.isExpired(Clock.fixed(SE_1700000000.plusSeconds(1), ZoneOffset.UTC))).isTrue();
    }

    @Test
    void toStringMasksTheSignature() {
        SharedAccessSignature sas = SharedAccessSignature.create("sb://ns/hc", "policy", "key",
                SE_1700000000);
        String signature = sas.token().replaceAll(".*&sig=([^&]+)&.*", "$1");

        assertThat(sas.toString())
                .contains("http://ns/hc", "policy", "2023-11-14T22:13:20Z", "sig=***")
                .doesNotContain(signature);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Bearer abc.def.ghi|must start with 'SharedAccessSignature '",
        "SharedAccessSignature sig=abc%3D&se=1&skn=k|missing the field 'sr'",
        "SharedAccessSignature sr=x&se=1&skn=k|missing the field 'sig'",
        "SharedAccessSignature sr=x&sig=abc%3D&skn=k|missing the field 'se'",
        "SharedAccessSignature sr=x&sig=abc%3D&se=1|missing the field 'skn'",
        "SharedAccessSignature sr=x&sig=abc%3D&se=soon&skn=k|'se' must be whole seconds since the epoch, was 'soon'",
        "SharedAccessSignature sr=x&sig=!!notbase64!!&se=1&skn=k|'sig' is not valid base64",
        "SharedAccessSignature sr=x%G1&sig=abc%3D&se=1&skn=k|'sr' has a malformed percent escape",
        "SharedAccessSignature sr=x&sr=y&sig=abc%3D&se=1&skn=k|the field 'sr' twice",
        "SharedAccessSignature sr=x&&sig=abc%3D&se=1&skn=k|a field without a name or '='"})
    void malformedTokensSayWhichPartIsWrong(String token, String message) {
        assertThatThrownBy(() -> SharedAccessSignature.parse(token))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("abc%3D");
    }

    @Test
    void createChecksItsArgumentsWithoutPrintingTheKey() {
        assertThatThrownBy(() -> SharedAccessSignature.create("not a uri", "k", "key", SE_1700000000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uri must be absolute (scheme://host/...), was 'not a uri'");
        assertThatThrownBy(() -> SharedAccessSignature.create("sb://ns/hc", " ", "key", SE_1700000000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyName must not be blank, was ' '");
        assertThatThrownBy(() -> SharedAccessSignature.create("sb://ns/hc", "k".repeat(257), "key",
                SE_1700000000))
                .hasMessageStartingWith("keyName must be at most 256 characters, was 257");
        assertThatThrownBy(() -> SharedAccessSignature.create("sb://ns/hc", "k", "s".repeat(257),
                SE_1700000000))
                .hasMessage("key must be at most 256 characters, was 257");
        assertThatThrownBy(() -> SharedAccessSignature.create("sb://ns/hc", "k", null, SE_1700000000))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("key must not be null");
        assertThatThrownBy(() -> SharedAccessSignature.create("sb://ns/hc", "k", "key", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("expiresAt must not be null");
        assertThatThrownBy(() -> SharedAccessSignature.create("sb:///hc", "k", "key", SE_1700000000))
                .hasMessage("uri has no host: 'sb:///hc'");
    }
}
