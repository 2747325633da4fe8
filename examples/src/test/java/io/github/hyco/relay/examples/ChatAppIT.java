// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.AuthorizationFailedException;
import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.SharedAccessSignature;
import io.github.hyco.relay.emulator.RelayEmulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The app in this JVM over its embedded emulator: the chat endpoint, and the page's JSON API and files. */
class ChatAppIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ChatApp app;
    private static RelayEmulator relay;

    @BeforeAll
    static void start() throws Exception {
        app = ChatApp.start(new ChatApp.Options(Optional.empty(), 0, Duration.ofSeconds(60), false));
        relay = app.emulator().orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(app::isOnline);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void membersOfARoomSeeJoinsMessagesAndLeavesAsJson() throws Exception {
        Inbox ann = Inbox.join(relay, "garden", "ann");
        assertThat(ann.next()).extracting(ChatMessage::type, ChatMessage::name, ChatMessage::members)
                .containsExactly(ChatMessage.Type.JOINED, "ann", List.of("ann"));
        Inbox bob = Inbox.join(relay, "garden", "bob");
        assertThat(ann.next().members()).containsExactly("ann", "bob");
        assertThat(bob.next().members()).containsExactly("ann", "bob");
        Inbox elsewhere = Inbox.join(relay, "attic", "cy");
        assertThat(elsewhere.next().members()).containsExactly("cy");

        bob.say("  the roses are out  ");
        for (Inbox member : List.of(ann, bob)) {
            ChatMessage said = member.next();
            assertThat(said.type()).isEqualTo(ChatMessage.Type.MESSAGE);
            assertThat(said.room()).isEqualTo("garden");
            assertThat(said.name()).isEqualTo("bob");
            assertThat(said.text()).isEqualTo("the roses are out");
        }
        JsonObject rooms = status().getJsonObject("rooms");
        assertThat(rooms.getJsonArray("garden").toString()).isEqualTo("[\"ann\",\"bob\"]");
        assertThat(rooms.getJsonArray("attic").toString()).isEqualTo("[\"cy\"]");

        bob.session.close();
        ChatMessage left = ann.next();
        assertThat(left.type()).isEqualTo(ChatMessage.Type.LEFT);
        assertThat(left.members()).containsExactly("ann");
        assertThat(elsewhere.messages).isEmpty();
        ann.session.close();
        elsewhere.session.close();
        await().until(() -> relay.connectionCount(ChatEndpoint.HYBRID_CONNECTION) == 0);
    }

    @Test
    void aTakenOrMissingNameClosesWithAPolicyViolationThatSaysWhy() throws Exception {
        Inbox dan = Inbox.join(relay, "porch", "dan");
        dan.next();
        CloseReason taken = Inbox.join(relay, "porch", "dan").awaitClose();
        assertThat(taken.getCloseCode()).isEqualTo(CloseReason.CloseCodes.VIOLATED_POLICY);
        assertThat(taken.getReasonPhrase()).isEqualTo("that name is taken in porch");
        CloseReason nameless = Inbox.join(relay, "porch", null).awaitClose();
        assertThat(nameless.getReasonPhrase()).isEqualTo("give a name of 1-32 characters (?name=...)");
        assertThat(app.isOnline()).isTrue();
        assertThat(dan.messages).isEmpty();
        dan.session.close();
    }

    @Test
    void theSendUriCarriesAShortLivedTokenForTheChatAndWorksWithoutHeaders() throws Exception {
        HttpResponse<String> response = get("/api/send-uri?room=lobby");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonObject grant = json(response.body());
        String uri = grant.getString("uri");
        assertThat(uri).startsWith("ws://" + relay.namespace() + "/$hc/chat/lobby?sb-hc-action=connect&sb-hc-token=");
        Instant expiresAt = Instant.parse(grant.getString("expiresAt"));
        assertThat(expiresAt).isBetween(Instant.now().plusSeconds(30), Instant.now().plusSeconds(61));

        SharedAccessSignature token = SharedAccessSignature.parse(URLDecoder.decode(
                uri.substring(uri.indexOf("sb-hc-token=") + 12), StandardCharsets.UTF_8));
        assertThat(token.expiresAt()).isEqualTo(expiresAt);
        assertThat(token.isSignedWith(relay.key())).isTrue();

        // What the browser does: the token travels in the URI, no ServiceBusAuthorization header.
        Inbox zoe = new Inbox();
        zoe.session = HybridConnections.relayedConnect(URI.create(uri + "&name=zoe"), null, zoe);
        assertThat(zoe.next().members()).containsExactly("zoe");
        zoe.session.close();
    }

    @Test
    void anExpiredTokenFromTheApiIsRefusedByTheRelayWith401() throws Exception {
        JsonObject grant = json(get("/api/send-uri?room=lobby&validity=-60").body());
        assertThat(Instant.parse(grant.getString("expiresAt"))).isBefore(Instant.now());

        assertThatThrownBy(() -> HybridConnections.relayedConnect(URI.create(grant.getString("uri") + "&name=eve"),
                null, new Inbox()))
                .isInstanceOf(AuthorizationFailedException.class)
                .hasMessageStartingWith("401 ExpiredToken");
    }

    @Test
    void theApiRefusesBadRequestsWithReasons() throws Exception {
        assertThat(get("/api/send-uri?room=no/slashes")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r.body()).getString("error")).startsWith("room must be 1-40 letters");
        });
        assertThat(get("/api/send-uri")).extracting(HttpResponse::statusCode).isEqualTo(400);
        for (String validity : List.of("61", "-3601", "soon")) {
            HttpResponse<String> r = get("/api/send-uri?room=lobby&validity=" + validity);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r.body()).getString("error")).isEqualTo("validity must be whole seconds from -3600 to 60");
        }
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(app.pageUri().resolve("/api/send-uri?room=lobby"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void aRequestForAnotherHostIsRefused() throws Exception {
        // What a page on another site would send after rebinding its DNS name to 127.0.0.1.
        try (Socket socket = new Socket("127.0.0.1", app.pageUri().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/send-uri?room=lobby HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).isEqualTo("HTTP/1.1 403 Forbidden");
        }
    }

    @Test
    void statusSaysWhereTheChatIsAndWhetherItIsOnline() throws Exception {
        JsonObject status = status();
        assertThat(status.getString("namespace")).isEqualTo(relay.namespace());
        assertThat(status.getString("hybridConnection")).isEqualTo("chat");
        assertThat(status.getBoolean("online")).isTrue();
        assertThat(status.containsKey("problem")).as("a problem, while online").isFalse();
        assertThat(Instant.parse(status.getString("now"))).isNotNull();
    }

    @Test
    void thePageAndItsFilesAreServedFromTheJar() throws Exception {
        Map<String, String> types = Map.of("/", "text/html; charset=utf-8", "/index.html", "text/html; charset=utf-8",
                "/chat.js", "text/javascript; charset=utf-8", "/chat.css", "text/css; charset=utf-8");
        for (Map.Entry<String, String> page : types.entrySet()) {
            HttpResponse<String> r = get(page.getKey());
            assertThat(r.statusCode()).as(page.getKey()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(page.getKey()).hasValue(page.getValue());
        }
        assertThat(get("/").body()).contains("<div id=\"error\" role=\"alert\" hidden></div>");
        assertThat(get("/chat.js").body()).contains("new WebSocket(");
    }

    @Test
    void thePageHasAnIconAndFaviconIcoIsNotAnError() throws Exception {
        assertThat(get("/").body()).contains("<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">");
        HttpResponse<String> icon = get("/favicon.svg");
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(icon.body()).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("SPDX-License-Identifier");
        // what a browser asks for when a page names no icon (or before it has read the page)
        HttpResponse<String> ico = get("/favicon.ico");
        assertThat(ico.statusCode()).isEqualTo(204);
        assertThat(ico.body()).isEmpty();
    }

    @Test
    void thePageIsServedThroughTheRelayWithATokenForEachOfItsRequestsBack() throws Exception {
        URI entry = app.relayPageUri();
        assertThat(entry.toString()).startsWith(relay.httpUri(ChatEndpoint.HYBRID_CONNECTION) + "/?sb-hc-token=");
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(entry).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        Matcher meta = Pattern.compile("<meta name=\"relay-token\" content=\"([^\"]+)\">").matcher(page.body());
        assertThat(meta.find()).as(page.body()).isTrue();
        String pageToken = meta.group(1).replace("&amp;", "&");
        SharedAccessSignature token = SharedAccessSignature.parse(pageToken);
        assertThat(token.isSignedWith(relay.key())).isTrue();
        assertThat(token.expiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
        String query = "sb-hc-token=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(page.body()).contains("<script src=\"chat.js?" + query + "\"></script>",
                "<link rel=\"stylesheet\" href=\"chat.css?" + query + "\">",
                "<link rel=\"icon\" href=\"favicon.svg?" + query + "\" type=\"image/svg+xml\">");

        // what the page's requests back look like: relative to it, with its token
        URI base = relay.httpUri(ChatEndpoint.HYBRID_CONNECTION).resolve("/chat/");
        HttpResponse<String> script = HTTP.send(HttpRequest.newBuilder(base.resolve("chat.js?" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("new WebSocket(");
        HttpResponse<String> grant = HTTP.send(HttpRequest.newBuilder(base.resolve("api/send-uri?room=lobby&" + query))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(grant.statusCode()).isEqualTo(200);
        assertThat(json(grant.body()).getString("uri"))
                .startsWith("ws://" + relay.namespace() + "/$hc/chat/lobby?sb-hc-action=connect&sb-hc-token=");
        HttpResponse<String> tokenless = HTTP.send(HttpRequest.newBuilder(base.resolve("api/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tokenless.statusCode()).isEqualTo(401);
        // served directly, the page carries no token
        assertThat(get("/").body()).doesNotContain("sb-hc-token").doesNotContain("<meta name=\"relay-token\"");
    }

    @Test
    void viaRelayRedirectsToThePageThroughTheRelayWithAFreshToken() throws Exception {
        HttpResponse<String> redirect = get("/via-relay");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Cache-Control")).hasValue("no-store");
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(relay.httpUri(ChatEndpoint.HYBRID_CONNECTION) + "/?sb-hc-token=");
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(location)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<meta name=\"relay-token\"");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(app.pageUri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject status() throws Exception {
        return json(get("/api/status").body());
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
