// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import io.github.hyco.relay.AuthorizationFailedException;
import io.github.hyco.relay.EndpointNotFoundException;
import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayConnectionString;
import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.TokenProvider;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EncodeException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A command-line member of the chat: joins a room through the relay, sends each line typed, and
 * prints what the others say. Against a real namespace it is also a quick check that the
 * namespace, the key and the chat's listener work: the relay's answer (401, 404, ...) is printed.
 *
 * <pre>
 * java -cp hyco-jakarta-example.jar io.github.hyco.relay.examples.ChatClient \
 *     --connection-string "$HYCO_RELAY_CONNECTION_STRING" --room lobby --name ann
 * </pre>
 */
public final class ChatClient {

    static final String USAGE = """
            Usage: java -cp hyco-jakarta-example.jar io.github.hyco.relay.examples.ChatClient [options]

            Joins a chat room through the relay; type a line and press Enter to send it, Ctrl-D to leave.

              --connection-string CS  the relay namespace (also: environment variable
                                      HYCO_RELAY_CONNECTION_STRING); its EntityPath, if any, names the
                                      Hybrid Connection (default "chat")
              --room ROOM             the room (default lobby)
              --name NAME             your name in the room (default: your user name)
              --help                  show this help
            """;

    /** Exit codes: 0 left normally, 1 the chat closed the connection, 2 could not join, 64 bad usage. */
    static final int LEFT = 0;
    static final int DISCONNECTED = 1;
    static final int NOT_JOINED = 2;
    static final int USAGE_ERROR = 64;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private ChatClient() {
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.config.file") == null) {
            Logger.getLogger("").setLevel(Level.OFF); // errors are reported on stderr, plainly
        }
        System.exit(run(args, System.getenv(), System.in, System.out, System.err));
    }

    /** Runs the client until stdin ends or the chat closes the connection; returns the exit code. */
    static int run(String[] args, Map<String, String> environment, InputStream in, PrintStream out,
            PrintStream err) {
        String text = environment.get("HYCO_RELAY_CONNECTION_STRING");
        String room = "lobby";
        String name = System.getProperty("user.name", "guest");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return LEFT;
                    }
                    case "--connection-string" -> text = ChatApp.Options.value(args, ++i, "--connection-string");
                    case "--room" -> room = ChatApp.Options.value(args, ++i, "--room");
                    case "--name" -> name = ChatApp.Options.value(args, ++i, "--name");
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("no connection string: give --connection-string CS or set "
                        + "HYCO_RELAY_CONNECTION_STRING (the chat app prints the command to join with)");
            }
            if (!ChatEndpoint.ROOM.matcher(room).matches()) {
                throw new IllegalArgumentException("--room must be 1-40 letters, digits, '.', '_', '-' or '~', was '"
                        + room + "'");
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "\n\n" + USAGE);
            return USAGE_ERROR;
        }

        RelayConnectionString connectionString;
        try {
            connectionString = RelayConnectionString.parse(text);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE_ERROR;
        }
        String hybridConnection = connectionString.entityPath().orElse(ChatEndpoint.HYBRID_CONNECTION);
        URI address;
        try {
            address = HybridConnections.createRelaySendUri(connectionString.webSocketNamespace(),
                    hybridConnection + "/" + room);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE_ERROR;
        }
        // The app's own query goes before the relay's parameters, as the Azure SDKs write it.
        URI withName = URI.create(address.toString().replace("?",
                "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&"));

        err.println("Connecting to " + address + " ...");
        Member member = new Member(out);
        Session session;
        try {
            // A token for the whole Hybrid Connection, as for the browser.
            String audience = HybridConnections.createRelaySendUri(connectionString.webSocketNamespace(),
                    hybridConnection).toString();
            String token = TokenProvider.from(connectionString).getToken(audience, Duration.ofMinutes(10)).token();
            session = HybridConnections.relayedConnect(withName, token, member);
        } catch (AuthorizationFailedException e) {
            err.println("error: the relay refused the token: " + e.getMessage()
                    + " (check SharedAccessKeyName/SharedAccessKey and that the key may Send)");
            return NOT_JOINED;
        } catch (EndpointNotFoundException e) {
            err.println("error: nobody listens there: " + e.getMessage() + " (is the chat app running, "
                    + "and does the Hybrid Connection \"" + hybridConnection + "\" exist?)");
            return NOT_JOINED;
        } catch (RelayException e) {
            err.println(e.statusCode() == 0
                    ? "error: cannot join: " + Advice.unreachable(e.getMessage())
                    : "error: the relay answered " + e.getMessage());
            return NOT_JOINED;
        } catch (DeploymentException | IOException | IllegalArgumentException e) {
            err.println("error: cannot join through " + connectionString.namespace() + ": "
                    + Advice.unreachable(String.valueOf(e.getMessage())));
            return NOT_JOINED;
        }
        err.println("Joined " + room + " as " + name + ". Type a line and press Enter to send it; Ctrl-D leaves.");

        Thread reader = new Thread(() -> send(session, member, in, err), "chat-stdin");
        reader.setDaemon(true); // a blocked read of stdin must not keep the JVM alive
        reader.start();
        CloseReason reason;
        try {
            reason = member.closed.get();
        } catch (InterruptedException | ExecutionException e) {
            Thread.currentThread().interrupt();
            return DISCONNECTED;
        }
        if (member.leaving) {
            return LEFT;
        }
        err.println("Disconnected: " + reason.getCloseCode().getCode()
                + (reason.getReasonPhrase().isEmpty() ? "" : " " + reason.getReasonPhrase()));
        return DISCONNECTED;
    }

    /** Sends each line of {@code in}; at its end, leaves the room. */
    private static void send(Session session, Member member, InputStream in, PrintStream err) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null && session.isOpen(); ) {
                if (!line.isBlank()) {
                    synchronized (session) {
                        session.getBasicRemote().sendObject(new Post(line));
                    }
                }
            }
            member.leaving = true;
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));
            member.closed.get(5, TimeUnit.SECONDS);
        } catch (IOException | EncodeException | ExecutionException | TimeoutException e) {
            if (session.isOpen()) {
                err.println("error: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints what the room says. */
    @ClientEndpoint(encoders = ChatCodec.PostEncoder.class, decoders = ChatCodec.MessageDecoder.class)
    public static final class Member {
        private final PrintStream out;
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        volatile boolean leaving;

        Member(PrintStream out) {
            this.out = out;
        }

        @OnMessage
        public void message(ChatMessage message) {
            String members = message.members().isEmpty() ? "nobody" : String.join(", ", message.members());
            out.println(switch (message.type()) {
                case JOINED -> "* " + message.name() + " joined " + message.room() + " (here: " + members + ")";
                case LEFT -> "* " + message.name() + " left " + message.room() + " (here: " + members + ")";
                case MESSAGE -> "[" + TIME.format(message.at()) + "] " + message.name() + ": " + message.text();
            });
        }

        @OnClose
        public void close(CloseReason reason) {
            closed.complete(reason);
        }
    }
}
