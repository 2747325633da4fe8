// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.testing.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as a user runs it: {@code java -jar target/hyco-jakarta-example.jar} starts the
 * emulator, the chat and the page and prints how to run the command-line client; clients started
 * with that command chat through the relay and report the relay's refusals; SIGTERM (what Ctrl-C
 * does, through the same shutdown hook) stops everything.
 */
class ChatClientIT {

    @BeforeAll
    static void jarIsBuilt() {
        assertThat(Console.JAR).as("the shaded jar (built in the package phase)").exists();
    }

    @Test
    void commandLineMembersChatThroughTheRunningExample() throws Exception {
        try (Console app = Console.app("--port", "0")) {
            app.awaitLine("Listener: +online on Hybrid Connection \"chat\"");
            URI page = URI.create(app.awaitLine("Web page: +(http://127\\.0\\.0\\.1:\\d+/)").group(1));
            Matcher cli = app.awaitLine("CLI: +java -cp \\S+ io\\.github\\.hyco\\.relay\\.examples\\.ChatClient "
                    + "--connection-string '([^']+)' --room lobby --name ann");
            String connectionString = cli.group(1);
            assertThat(connectionString).startsWith("Endpoint=sb://127.0.0.1:").endsWith(";UseDevelopmentEmulator=true");

            HttpResponse<String> html = HttpClient.newHttpClient().send(HttpRequest.newBuilder(page).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(html.statusCode()).isEqualTo(200);
            assertThat(html.body()).contains("<script src=\"chat.js\"></script>");
            // the same page through the relay, at the printed address (its token in the query)
            URI relayed = URI.create(app.awaitLine("Via relay: +(http://127\\.0\\.0\\.1:\\d+/chat/\\?sb-hc-token=\\S+) ")
                    .group(1));
            HttpResponse<String> throughRelay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(relayed).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(throughRelay.statusCode()).isEqualTo(200);
            assertThat(throughRelay.body()).contains("<script src=\"chat.js?sb-hc-token=");

            try (Console ann = Console.client("ann", "--connection-string", connectionString, "--room", "lobby",
                    "--name", "ann")) {
                ann.awaitLine("^\\* ann joined lobby \\(here: ann\\)$");
                try (Console bob = Console.client("bob", "--connection-string", connectionString, "--room", "lobby",
                        "--name", "bob")) {
                    ann.awaitLine("^\\* bob joined lobby \\(here: ann, bob\\)$");
                    bob.awaitLine("^Joined lobby as bob\\.");

                    bob.type("hello from bob");
                    ann.awaitLine("^\\[\\d\\d:\\d\\d:\\d\\d\\] bob: hello from bob$");
                    ann.type("hi bob, ann here");
                    bob.awaitLine("^\\[\\d\\d:\\d\\d:\\d\\d\\] ann: hi bob, ann here$");

                    bob.endInput();
                    assertThat(bob.awaitExit()).as(bob.output()).isEqualTo(ChatClient.LEFT);
                    ann.awaitLine("^\\* bob left lobby \\(here: ann\\)$");
                }

                // Ctrl-C on the app: the chat goes away, and the member still in the room is told.
                app.interrupt();
                int exit = app.awaitExit();
                assertThat(app.output()).as("exit code %d", exit).contains("Stopping...", "Stopped.");
                ann.awaitLine("^Disconnected: \\d{4}");
                assertThat(ann.awaitExit()).isEqualTo(ChatClient.DISCONNECTED);
            }
        }
    }

    @Test
    void theClientReportsTheRelaysRefusalsPlainly() throws Exception {
        try (Console app = Console.app("--port", "0")) {
            String connectionString = app.awaitLine("--connection-string '([^']+)'").group(1);
            app.awaitLine("Listener: +online");

            String wrongKey = connectionString.replaceFirst("SharedAccessKey=[^;]+",
                    "SharedAccessKey=" + "bm90IHRoZSBrZXk=");
            try (Console mallory = Console.client("mallory", "--connection-string", wrongKey, "--name", "mallory")) {
                assertThat(mallory.awaitExit()).isEqualTo(ChatClient.NOT_JOINED);
                assertThat(mallory.output()).contains("error: the relay refused the token: 401")
                        .doesNotContain("bm90IHRoZSBrZXk=");
            }
            try (Console lost = Console.client("lost", "--connection-string", connectionString + ";EntityPath=nope",
                    "--name", "lost")) {
                assertThat(lost.awaitExit()).isEqualTo(ChatClient.NOT_JOINED);
                assertThat(lost.output()).contains("error: nobody listens there: 404",
                        "does the Hybrid Connection \"nope\" exist?");
            }
            try (Console taken = Console.client("ann1", "--connection-string", connectionString, "--name", "ann")) {
                taken.awaitLine("^Joined lobby as ann");
                try (Console again = Console.client("ann2", "--connection-string", connectionString, "--name", "ann")) {
                    again.awaitLine("^Disconnected: 1008 that name is taken in lobby$");
                    assertThat(again.awaitExit()).isEqualTo(ChatClient.DISCONNECTED);
                }
            }
        }
    }

    @Test
    void thePrintedCliCommandWorksAsPrintedWithAGivenConnectionStringWhichItNeverShows() throws Exception {
        // Another emulator plays the part of a real namespace, with a key of its own.
        String key = "dGhlIG5hbWVzcGFjZSdzIG93biBrZXk=";
        try (RelayEmulator namespace = RelayEmulator.builder().sharedAccessKey("chatapp", key)
                .hybridConnection("chat").start()) {
            String connectionString = namespace.connectionString();
            Map<String, String> withIt = Map.of("HYCO_RELAY_CONNECTION_STRING", connectionString);
            // given as an option, then in the environment
            for (boolean option : List.of(true, false)) {
                try (Console app = option ? Console.app("--port", "0", "--connection-string", connectionString)
                        : Console.app(withIt, "--port", "0")) {
                    app.awaitLine("Listener: +online on Hybrid Connection \"chat\"");
                    String command = app.awaitLine("CLI: +(java .*)$").group(1);
                    assertThat(command).isEqualTo("java -cp target/hyco-jakarta-example.jar "
                            + "io.github.hyco.relay.examples.ChatClient --room lobby --name ann");
                    app.awaitLine(option
                            ? "\\(first set HYCO_RELAY_CONNECTION_STRING in that terminal to the connection string "
                                    + "given with --connection-string: export HYCO_RELAY_CONNECTION_STRING="
                                    + "'Endpoint=sb://127\\.0\\.0\\.1:\\d+/;SharedAccessKeyName=chatapp;"
                                    + "SharedAccessKey=\\*\\*\\*;UseDevelopmentEmulator=true' with your key in place of "
                                    + "\\*\\*\\*; it is not printed here, as it holds the key\\)"
                            : "\\(the client reads HYCO_RELAY_CONNECTION_STRING, as this app did: set it in that "
                                    + "terminal too; it holds the key, so it is not printed here\\)");
                    app.awaitLine("^  Via relay: http://127\\.0\\.0\\.1:\\d+/via-relay \\(redirects to the same page "
                            + "through the relay, http://127\\.0\\.0\\.1:" + namespace.port() + "/chat/, with a token "
                            + "valid 1 h\\)$");
                    app.awaitLine("^Open the web page");
                    assertThat(app.output()).doesNotContain(key).doesNotContain("sb-hc-token").doesNotContain("sig=")
                            .doesNotContain("sig%3D");

                    // pasted into a terminal where the variable is set, as the line says
                    try (Console ann = Console.shell("ann", command, withIt)) {
                        ann.awaitLine("^\\* ann joined lobby \\(here: ann\\)$");
                        ann.endInput();
                        assertThat(ann.awaitExit()).as(ann.output()).isEqualTo(ChatClient.LEFT);
                    }
                    // and where it is not: the client says what is missing
                    try (Console lost = Console.shell("lost", command, Map.of())) {
                        assertThat(lost.awaitExit()).isEqualTo(ChatClient.USAGE_ERROR);
                        assertThat(lost.output()).startsWith("error: no connection string: give --connection-string "
                                + "CS or set HYCO_RELAY_CONNECTION_STRING");
                    }
                }
            }
        }
    }

    @Test
    void whenTheRelayGoesAwayAndComesBackTheConsoleSaysSoOnceOnOneLineEach() throws Exception {
        try (RelayEmulator namespace = RelayEmulator.builder().hybridConnection("chat").start();
                Console app = Console.app("--port", "0", "--connection-string", namespace.connectionString())) {
            app.awaitLine("Listener: +online on Hybrid Connection \"chat\"");
            app.awaitLine("^Open the web page");

            namespace.stop();
            // the library's own warning, on one line (JUL's default puts a date line before it)
            app.awaitLine("^WARNING: Listener for chat lost its control channel: ");
            // then the app's line, with what to do, instead of a warning at each retry
            app.awaitLine("^Relay listener offline \\(retrying until stopped\\): connection to 127\\.0\\.0\\.1:"
                    + namespace.port() + " refused \\(Connection refused\\): nothing accepts connections there; check "
                    + "the host and port in the connection string's Endpoint, and that the relay \\(or emulator\\) is "
                    + "running$");
            namespace.start();
            app.awaitLine("^Relay listener online on Hybrid Connection \"chat\"$");

            assertThat(app.output()).doesNotContain("could not connect")
                    .doesNotContainPattern("(?m)^[A-Z][a-z]{2} \\d{2}, \\d{4} ");
            assertThat(app.output().lines().filter(l -> l.startsWith("Relay listener offline"))).hasSize(1);
        }
    }

    @Test
    void theClientSaysWhatToDoWhenTheRelayCannotBeReached() throws Exception {
        int closedPort = Ports.unusedLoopback();
        String key = ";SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0IGtleQ==;UseDevelopmentEmulator=true";
        try (Console refused = Console.client("refused", "--connection-string",
                "Endpoint=sb://127.0.0.1:" + closedPort + "/" + key)) {
            assertThat(refused.awaitExit()).isEqualTo(ChatClient.NOT_JOINED);
            assertThat(refused.output()).contains("error: cannot join: connection to 127.0.0.1:" + closedPort
                    + " refused (Connection refused): nothing accepts connections there; check the host and port in "
                    + "the connection string's Endpoint, and that the relay (or emulator) is running");
        }
        try (Console unknown = Console.client("unknown", "--connection-string", "Endpoint=sb://nowhere.invalid/" + key)) {
            assertThat(unknown.awaitExit()).isEqualTo(ChatClient.NOT_JOINED);
            assertThat(unknown.output()).contains("error: cannot join: unknown host nowhere.invalid (DNS lookup "
                    + "failed): check the host in the connection string's Endpoint "
                    + "(sb://NAMESPACE.servicebus.windows.net/) and this machine's DNS")
                    .doesNotContain("c2VjcmV0IGtleQ==");
        }
    }

    @Test
    void anUnreachableNamespaceIsReportedAtOnceWithWhatToDo() throws Exception {
        int closedPort = Ports.unusedLoopback();
        try (Console app = Console.app("--port", "0", "--connection-string", "Endpoint=sb://127.0.0.1:" + closedPort
                + "/;SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0IGtleQ==;UseDevelopmentEmulator=true")) {
            app.awaitLine("^  Listener:  NOT online yet \\(it keeps trying\\): connection to 127\\.0\\.0\\.1:" + closedPort
                    + " refused \\(Connection refused\\): nothing accepts connections there; check the host and port "
                    + "in the connection string's Endpoint, and that the relay \\(or emulator\\) is running$");
            app.awaitLine("^Open the web page");
            assertThat(app.output()).doesNotContain("c2VjcmV0IGtleQ==").doesNotContain("sb-hc-token");
            app.interrupt();
            app.awaitExit();
            assertThat(app.output()).contains("Stopping...", "Stopped.");
        }
    }

    @Test
    void helpAndBadOptions() throws Exception {
        try (Console help = Console.app("--help")) {
            assertThat(help.awaitExit()).isZero();
            assertThat(help.output()).contains("Usage: java -jar hyco-jakarta-example.jar", "--connection-string");
        }
        try (Console bad = Console.app("--port", "eighty")) {
            assertThat(bad.awaitExit()).isEqualTo(64);
            assertThat(bad.output()).contains("error: --port must be a number from 0 to 65535, was 'eighty'");
        }
    }
}
