// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelayConnectionStringTest {

    private static final String KEY = "kC5PvHd0aZsQbbF0uGOyxW1dI2JUx8GQ3b5bKF3Vx+4=";
    private static final String SAS = SharedAccessSignature.create("http://contoso.servicebus.windows.net/",
            "RootManageSharedAccessKey", KEY, Instant.ofEpochSecond(1893456000)).token();

    @Test
    void portalFormWithKeyAndEntityPath() {
        RelayConnectionString cs = RelayConnectionString.parse("Endpoint=sb://contoso.servicebus.windows.net/;"
                + "SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + KEY + ";EntityPath=hyco");

        assertThat(cs.endpoint()).hasToString("sb://contoso.servicebus.windows.net/");
        assertThat(cs.namespace()).isEqualTo("contoso.servicebus.windows.net");
        assertThat(cs.webSocketNamespace()).isEqualTo("wss://contoso.servicebus.windows.net");
        assertThat(cs.entityPath()).contains("hyco");
        assertThat(cs.sharedAccessKeyName()).contains("RootManageSharedAccessKey");
        assertThat(cs.sharedAccessKey()).contains(KEY);
        assertThat(cs.sharedAccessSignature()).isEmpty();
        assertThat(cs.operationTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(cs.useDevelopmentEmulator()).isFalse();
    }

    @Test
    void signatureFormWithoutEntityPath() {
        RelayConnectionString cs = RelayConnectionString.parse(
                "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessSignature=" + SAS);

        assertThat(cs.sharedAccessSignature()).contains(SAS);
        assertThat(cs.sharedAccessKeyName()).isEmpty();
        assertThat(cs.entityPath()).isEmpty();
    }

    @Test
    void keysAreCaseInsensitiveAndEmptyPartsAndSpacesAreIgnored() {
        RelayConnectionString cs = RelayConnectionString.parse(" endpoint = sb://Contoso.ServiceBus.Windows.Net ;;"
                + "SHAREDACCESSKEYNAME=policy; sharedaccesskey=" + KEY + ";entitypath=a/b;");

        assertThat(cs.endpoint()).hasToString("sb://contoso.servicebus.windows.net/");
        assertThat(cs.sharedAccessKeyName()).contains("policy");
        assertThat(cs.sharedAccessKey()).contains(KEY);
        assertThat(cs.entityPath()).contains("a/b");
    }

    @Test
    void onlyTheFirstEqualsSignSplitsAPart() {
        RelayConnectionString cs = RelayConnectionString.parse(
                "Endpoint=sb://ns/;SharedAccessKeyName=p;SharedAccessKey=abc==");

        assertThat(cs.sharedAccessKey()).contains("abc==");
    }

    @ParameterizedTest
    @CsvSource({"60,PT1M", "1,PT1S", "00:01:00,PT1M", "01:02:03,PT1H2M3S", "1.00:00:30,PT24H30S",
        "00:00:01.5,PT1.5S"})
    void operationTimeoutInSecondsOrTimeSpan(String text, Duration expected) {
        RelayConnectionString cs = RelayConnectionString.parse("Endpoint=sb://ns/;OperationTimeout=" + text);

        assertThat(cs.operationTimeout()).isEqualTo(expected);
    }

    @Test
    void developmentEmulatorMeansPlainWebSockets() {
        RelayConnectionString cs = RelayConnectionString.parse(
                "Endpoint=sb://127.0.0.1:9090;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true");

        assertThat(cs.namespace()).isEqualTo("127.0.0.1:9090");
        assertThat(cs.webSocketNamespace()).isEqualTo("ws://127.0.0.1:9090");
        assertThat(HybridConnections.createRelayListenUri(cs.webSocketNamespace(), "echo"))
                .hasToString("ws://127.0.0.1:9090/$hc/echo?sb-hc-action=listen");
    }

    @Test
    void toStringMasksSecretsAndToConnectionStringRoundTrips() {
        String text = "Endpoint=sb://ns.example:9090/;SharedAccessKeyName=p;SharedAccessKey=" + KEY
                + ";EntityPath=hyco;OperationTimeout=30;UseDevelopmentEmulator=true";
        RelayConnectionString cs = RelayConnectionString.parse(text);
        RelayConnectionString withSas = RelayConnectionString.parse("Endpoint=sb://ns/;SharedAccessSignature=" + SAS);

        assertThat(cs.toConnectionString()).isEqualTo(text);
        assertThat(RelayConnectionString.parse(cs.toConnectionString())).isEqualTo(cs);
        assertThat(cs.toString()).contains("SharedAccessKey=***").doesNotContain(KEY);
        assertThat(withSas.toString()).isEqualTo("Endpoint=sb://ns/;SharedAccessSignature=***");
        assertThat(RelayConnectionString.parse(withSas.toConnectionString())).isEqualTo(withSas);
    }

    @Test
    void builderAppliesTheSameRules() {
        RelayConnectionString cs = RelayConnectionString.builder()
                .endpoint("localhost:9090")
                .entityPath("echo")
                .sharedAccessKey("p", KEY)
                .useDevelopmentEmulator(true)
                .build();

        assertThat(cs.toConnectionString()).isEqualTo("Endpoint=sb://localhost:9090/;SharedAccessKeyName=p;"
                + "SharedAccessKey=" + KEY + ";EntityPath=echo;UseDevelopmentEmulator=true");
        assertThatThrownBy(() -> RelayConnectionString.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessage("Endpoint is required");
        assertThatThrownBy(() -> RelayConnectionString.builder().operationTimeout(Duration.ZERO))
                .hasMessage("OperationTimeout must be positive, was PT0S");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SharedAccessKeyName=p;SharedAccessKey=SECRET|connectionString has no Endpoint",
        "Endpoint=sb://ns/;Colour=blue|unknown key 'Colour'",
        "Endpoint=sb://ns/;SECRET|connectionString part 2 has no '='",
        "Endpoint=sb://ns/;Endpoint=sb://other/|connectionString has Endpoint twice",
        "Endpoint=sb://ns/;SharedAccessKeyName=p|SharedAccessKeyName without SharedAccessKey",
        "Endpoint=sb://ns/;SharedAccessKey=SECRET|SharedAccessKey without SharedAccessKeyName",
        "Endpoint=sb://ns/;SharedAccessKeyName=p;SharedAccessKey=|connectionString has an empty SharedAccessKey",
        "Endpoint=sb://ns/;SharedAccessKeyName=p;SharedAccessKey=SECRET;SharedAccessSignature=SharedAccessSignature sr=a&sig=SECRET&se=1&skn=p|SharedAccessSignature together with SharedAccessKeyName",
        "Endpoint=sb://ns/;SharedAccessSignature=SECRET|malformed SharedAccessSignature: token must start with",
        "Endpoint=sb://ns/;SharedAccessSignature=SharedAccessSignature sr=a&sig=SECRET&skn=p|malformed SharedAccessSignature: token is missing the field 'se'",
        "Endpoint=https://ns/|Endpoint must start with sb://, was 'https://ns/'",
        "Endpoint=sb://ns/hyco|Endpoint must be only sb://host[:port]/, was 'sb://ns/hyco'",
        "Endpoint=sb://ns/ x|Endpoint is not a valid URI",
        "Endpoint=sb:///|Endpoint has no host",
        "Endpoint=sb://ns/;EntityPath=a?b|path must not contain '?' or '#'",
        "Endpoint=sb://ns/;OperationTimeout=soon|OperationTimeout must be seconds (60) or a time span ([d.]hh:mm:ss[.fffffff]), was 'soon'",
        "Endpoint=sb://ns/;OperationTimeout=00:61:00|OperationTimeout must be seconds",
        "Endpoint=sb://ns/;OperationTimeout=0|OperationTimeout must be positive, was PT0S",
        "Endpoint=sb://ns/;UseDevelopmentEmulator=yes|UseDevelopmentEmulator must be true or false, was 'yes'"})
    void invalidConnectionStringsNameWhatIsWrongButNoSecret(String text, String message) {
        assertThatThrownBy(() -> RelayConnectionString.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void keyNamesAndKeysOverTheLimitAreRejected() {
        assertThatThrownBy(() -> RelayConnectionString.parse("Endpoint=sb://ns/;SharedAccessKeyName="
                + "p".repeat(257) + ";SharedAccessKey=v"))
                .hasMessageStartingWith("keyName must be at most 256 characters, was 257");
        assertThatThrownBy(() -> RelayConnectionString.parse("Endpoint=sb://ns/;SharedAccessKeyName=p;"
                + "SharedAccessKey=" + "v".repeat(257)))
                .hasMessage("key must be at most 256 characters, was 257");
    }

    @Test
    void nullAndBlankInput() {
        assertThatThrownBy(() -> RelayConnectionString.parse(null))
                .isInstanceOf(NullPointerException.class).hasMessage("connectionString must not be null");
        assertThatThrownBy(() -> RelayConnectionString.parse("  "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("connectionString must not be blank");
    }
}
