// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command lines of the app and of the client. */
class OptionsTest {

    private static final String REAL = "Endpoint=sb://contoso.servicebus.windows.net/;"
            + "SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=c2VjcmV0IGtleQ==";

    @Test
    void defaultsAreTheEmbeddedEmulatorPort8080AndSixtySecondTokens() {
        ChatApp.Options options = ChatApp.Options.parse(new String[0], Map.of());
        assertThat(options.connectionString()).isEmpty();
        assertThat(options.source()).isEqualTo(ChatApp.Source.EMULATOR);
        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.tokenValidity()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.help()).isFalse();
    }

    @Test
    void flagsAndTheEnvironment() {
        ChatApp.Options options = ChatApp.Options.parse(
                new String[] {"--port", "0", "--token-validity", "30", "--help"},
                Map.of("HYCO_RELAY_CONNECTION_STRING", REAL));
        assertThat(options.connectionString()).hasValue(REAL);
        assertThat(options.source()).isEqualTo(ChatApp.Source.ENVIRONMENT);
        assertThat(options.port()).isZero();
        assertThat(options.tokenValidity()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.help()).isTrue();

        String flag = REAL + ";EntityPath=chat";
        ChatApp.Options given = ChatApp.Options.parse(new String[] {"--connection-string", flag},
                Map.of("HYCO_RELAY_CONNECTION_STRING", REAL));
        assertThat(given.connectionString()).hasValue(flag);
        assertThat(given.source()).isEqualTo(ChatApp.Source.OPTION);
        assertThat(ChatApp.Options.parse(new String[0], Map.of("HYCO_RELAY_CONNECTION_STRING", " ")).connectionString())
                .isEmpty();
    }

    @Test
    void mistakesNameTheOptionAndNeverShowTheKey() {
        assertThatThrownBy(() -> ChatApp.Options.parse(new String[] {"--port", "65536"}, Map.of()))
                .hasMessage("--port must be a number from 0 to 65535, was '65536'");
        assertThatThrownBy(() -> ChatApp.Options.parse(new String[] {"--token-validity"}, Map.of()))
                .hasMessage("--token-validity needs a value");
        assertThatThrownBy(() -> ChatApp.Options.parse(new String[] {"--colour"}, Map.of()))
                .hasMessage("unknown option --colour");
        assertThatThrownBy(() -> ChatApp.Options.parse(new String[] {"--connection-string", REAL + ";Colour=blue"},
                Map.of())).hasMessageContaining("unknown key 'Colour'").hasMessageNotContaining("c2VjcmV0IGtleQ==");
    }

    @Test
    void theClientExplainsItsUsage() {
        assertThat(runClient(Map.of(), "--help")).startsWith("0\nUsage: java -cp hyco-jakarta-example.jar");
        assertThat(runClient(Map.of(), "--room", "lobby"))
                .startsWith("64\nerror: no connection string: give --connection-string CS or set "
                        + "HYCO_RELAY_CONNECTION_STRING (the chat app prints the command to join with)");
        assertThat(runClient(Map.of(), "--connection-string", ""))
                .startsWith("64\nerror: no connection string: give --connection-string CS or set");
        assertThat(runClient(Map.of("HYCO_RELAY_CONNECTION_STRING", REAL + ";Colour=blue")))
                .startsWith("64\nerror: connectionString has an unknown key 'Colour'")
                .doesNotContain("c2VjcmV0IGtleQ==");
        assertThat(runClient(Map.of("HYCO_RELAY_CONNECTION_STRING", REAL), "--room", "a/b"))
                .startsWith("64\nerror: --room must be 1-40 letters, digits, '.', '_', '-' or '~', was 'a/b'");
    }

    /** The exit code, then what the client printed. */
    private static String runClient(Map<String, String> environment, String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        int code = ChatClient.run(args, environment, new ByteArrayInputStream(new byte[0]), out, out);
        return code + "\n" + printed.toString(StandardCharsets.UTF_8);
    }
}
