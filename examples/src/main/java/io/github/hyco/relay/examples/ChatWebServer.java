// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayConnectionString;
import io.github.hyco.relay.SharedAccessSignature;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The local web page and its small JSON API, on the JDK's HTTP server, bound to 127.0.0.1 only.
 *
 * <ul>
 * <li>{@code GET /} the chat page ({@code /chat.js}, {@code /chat.css}).</li>
 * <li>{@code GET /api/send-uri?room=lobby[&validity=seconds]}
 *     {@code {"uri":"wss://…/$hc/chat/lobby?sb-hc-action=connect&sb-hc-token=…","expiresAt":"…"}}: a send
 *     URI carrying a short-lived token, because a browser's WebSocket cannot set the
 *     {@code ServiceBusAuthorization} header. {@code validity} may shorten the configured validity,
 *     or be negative for an already expired token (to see how the page reports it); it can never
 *     lengthen it.</li>
 * <li>{@code GET /api/status} {@code {"namespace":…,"online":true,"now":…,"rooms":{…}}}, with
 *     {@code "problem"} (what went wrong and what to do) while the chat listener is offline.</li>
 * <li>{@code GET /via-relay} a redirect to the page through the relay, with a fresh token.</li>
 * <li>{@code GET /favicon.svg} the page's icon; {@code GET /favicon.ico} (what browsers ask for
 *     without being told) {@code 204 No Content}.</li>
 * </ul>
 * Anyone who can reach the page gets send tokens: a real application would sign its users in first.
 *
 * <p>The relay forwards the plain HTTP requests of the Hybrid Connection here too (the CDI
 * extension's {@code forward-to}), so the same page is served at {@code http(s)://{namespace}/chat/}.
 * There every request needs a token, which a browser can only send in the query
 * ({@code sb-hc-token}): a page that came through the relay (it has {@code X-Forwarded-Host}) carries
 * a token of the app's own, in its links to the script and style sheet and in a
 * {@code relay-token} meta element that the script adds to its API calls.
 */
final class ChatWebServer implements AutoCloseable {

    /** How long the token of a page served through the relay (and of its printed address) is valid. */
    static final Duration RELAY_PAGE_TOKEN_VALIDITY = Duration.ofHours(1);

    private static final Map<String, String[]> PAGES = Map.of(
            "/", new String[] {"web/index.html", "text/html; charset=utf-8"},
            "/chat.js", new String[] {"web/chat.js", "text/javascript; charset=utf-8"},
            "/chat.css", new String[] {"web/chat.css", "text/css; charset=utf-8"},
            "/favicon.svg", new String[] {"web/favicon.svg", "image/svg+xml"});

    private final HttpServer server;
    private final ExecutorService executor;
    private final RelayConnectionString connectionString;
    private final Duration tokenValidity;
    private final BooleanSupplier online;
    private final Supplier<Optional<String>> problem;
    private final Supplier<Map<String, List<String>>> rooms;

    private ChatWebServer(HttpServer server, RelayConnectionString connectionString, Duration tokenValidity,
            BooleanSupplier online, Supplier<Optional<String>> problem, Supplier<Map<String, List<String>>> rooms) {
        this.server = server;
        this.connectionString = connectionString;
        this.tokenValidity = tokenValidity;
        this.online = online;
        this.problem = problem;
        this.rooms = rooms;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "chat-web");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Starts serving on 127.0.0.1.
     *
     * @param port the port, 0 for a free one
     * @param problem while the listener is offline, why and what to do
     */
    static ChatWebServer start(int port, RelayConnectionString connectionString, Duration tokenValidity,
            BooleanSupplier online, Supplier<Optional<String>> problem, Supplier<Map<String, List<String>>> rooms)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ChatWebServer web = new ChatWebServer(server, connectionString, tokenValidity, online, problem, rooms);
        server.start();
        return web;
    }

    /** {@code http://127.0.0.1:port/}. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /**
     * The page through the relay, {@code http(s)://{namespace}/chat/?sb-hc-token=…}, with a token valid
     * for {@link #RELAY_PAGE_TOKEN_VALIDITY} (the trailing slash keeps the page's relative links below
     * the Hybrid Connection).
     */
    URI relayUri() {
        return URI.create((connectionString.useDevelopmentEmulator() ? "http://" : "https://")
                + connectionString.namespace() + "/" + ChatEndpoint.HYBRID_CONNECTION + "/?sb-hc-token="
                + queryValue(token(RELAY_PAGE_TOKEN_VALIDITY).token()));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!isLocalHost(exchange.getRequestHeaders().getFirst("Host"))) {
                // A page on another site could reach 127.0.0.1 through DNS rebinding; its Host gives it away.
                send(exchange, 403, "text/plain; charset=utf-8", "Open the page at " + uri());
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "Only GET");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            switch (path) {
                case "/api/send-uri" -> sendUri(exchange, query);
                case "/api/status" -> status(exchange);
                case "/favicon.ico" -> noContent(exchange);
                case "/via-relay" -> viaRelay(exchange);
                default -> page(exchange, path);
            }
        }
    }

    private boolean isLocalHost(String host) {
        int port = server.getAddress().getPort();
        return ("127.0.0.1:" + port).equals(host) || ("localhost:" + port).equals(host);
    }

    private void sendUri(HttpExchange exchange, Map<String, String> query) throws IOException {
        String room = query.getOrDefault("room", "");
        if (!ChatEndpoint.ROOM.matcher(room).matches()) {
            json(exchange, 400, Json.createObjectBuilder().add("error",
                    "room must be 1-40 letters, digits, '.', '_', '-' or '~'"));
            return;
        }
        Duration validity = tokenValidity;
        if (query.containsKey("validity")) {
            long seconds;
            try {
                seconds = Long.parseLong(query.get("validity"));
            } catch (NumberFormatException e) {
                seconds = Long.MIN_VALUE;
            }
            if (seconds < -3600 || seconds > tokenValidity.toSeconds()) {
                json(exchange, 400, Json.createObjectBuilder().add("error", "validity must be whole seconds from "
                        + "-3600 to " + tokenValidity.toSeconds()));
                return;
            }
            validity = Duration.ofSeconds(seconds);
        }
        SharedAccessSignature token = token(validity);
        URI uri = HybridConnections.createRelaySendUri(connectionString.webSocketNamespace(),
                ChatEndpoint.HYBRID_CONNECTION + "/" + room, token.token(), null);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        json(exchange, 200, Json.createObjectBuilder()
                .add("uri", uri.toString())
                .add("expiresAt", token.expiresAt().toString()));
    }

    /** A token for the chat's Hybrid Connection, signed with the connection string's key. */
    private SharedAccessSignature token(Duration validity) {
        String audience = HybridConnections.createRelaySendUri(connectionString.webSocketNamespace(),
                ChatEndpoint.HYBRID_CONNECTION).toString();
        if (connectionString.sharedAccessKey().isPresent()) {
            return SharedAccessSignature.create(audience, connectionString.sharedAccessKeyName().orElseThrow(),
                    connectionString.sharedAccessKey().get(), Instant.now().plus(validity));
        }
        // A connection string with a fixed signature can only pass that one on.
        return SharedAccessSignature.parse(connectionString.sharedAccessSignature().orElseThrow());
    }

    private void status(HttpExchange exchange) throws IOException {
        JsonObjectBuilder roomsJson = Json.createObjectBuilder();
        rooms.get().forEach((room, members) -> roomsJson.add(room, Json.createArrayBuilder(members)));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean isOnline = online.getAsBoolean();
        JsonObjectBuilder status = Json.createObjectBuilder()
                .add("namespace", connectionString.namespace())
                .add("hybridConnection", ChatEndpoint.HYBRID_CONNECTION)
                .add("online", isOnline)
                .add("now", Instant.now().toString())
                .add("rooms", roomsJson);
        if (!isOnline) {
            problem.get().ifPresent(p -> status.add("problem", p));
        }
        json(exchange, 200, status);
    }

    /**
     * {@code /via-relay}: a redirect to {@link #relayUri()}, so that the console can point there
     * without printing a token of a real namespace.
     */
    private void viaRelay(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Location", relayUri().toString());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 302, "text/plain; charset=utf-8", "The page through the relay, with a token valid "
                + RELAY_PAGE_TOKEN_VALIDITY.toHours() + " h");
    }

    /** {@code /favicon.ico}: the page names its icon ({@code favicon.svg}); nothing to send here. */
    private static void noContent(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "max-age=86400");
        exchange.sendResponseHeaders(204, -1);
    }

    private void page(HttpExchange exchange, String path) throws IOException {
        String[] page = PAGES.get(path.equals("/index.html") ? "/" : path);
        if (page == null) {
            send(exchange, 404, "text/plain; charset=utf-8", "Not found: " + path);
            return;
        }
        byte[] body;
        try (InputStream in = ChatWebServer.class.getResourceAsStream(page[0])) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("resource " + page[0] + " is missing"));
            }
            body = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'self'; connect-src 'self' ws: wss:");
        if (page[0].endsWith(".html") && exchange.getRequestHeaders().containsKey("X-Forwarded-Host")) {
            body = withRelayToken(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
        }
        send(exchange, 200, page[1], body);
    }

    /** The page as the relay serves it: every request it makes back carries a token. */
    private String withRelayToken(String html) {
        String token = token(RELAY_PAGE_TOKEN_VALIDITY).token();
        String query = "?sb-hc-token=" + queryValue(token);
        return html.replace("href=\"chat.css\"", "href=\"chat.css" + query + "\"")
                .replace("src=\"chat.js\"", "src=\"chat.js" + query + "\"")
                .replace("href=\"favicon.svg\"", "href=\"favicon.svg" + query + "\"")
                .replace("</head>", "  <meta name=\"relay-token\" content=\""
                        + token.replace("&", "&amp;").replace("\"", "&quot;") + "\">\n</head>");
    }

    /** Percent-encoded for a query, a space as {@code %20}. */
    private static String queryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void json(HttpExchange exchange, int status, JsonObjectBuilder body) throws IOException {
        send(exchange, status, "application/json", body.build().toString());
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery != null) {
            for (String part : rawQuery.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    values.putIfAbsent(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }
}
