// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.testing.LogCapture;
import io.github.hyco.relay.testing.Ports;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat page in real headless Chromium: the browser fetches a send URI with a short-lived token
 * from the app and connects with {@code new WebSocket(uri)} through the emulator to the chat
 * endpoint; the page itself comes from the app directly or, over HTTP, through the relay.
 * Screenshots are kept in {@code target/screenshots/}.
 */
class BrowserChatIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Fetches the icon the page names: its status and type. */
    private static final String ICON = "return fetch(document.querySelector('link[rel=icon]').href)"
            + ".then(r => r.status + ' ' + r.headers.get('Content-Type'));";

    private static ChatApp app;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path[]> executables = Chromium.find();
        assumeTrue(executables.isPresent(), "Chromium is not installed (Debian packages chromium and "
                + "chromium-driver: apt-get install -y chromium chromium-driver; .ci/run installs them)");
        app = ChatApp.start(new ChatApp.Options(Optional.empty(), 0, Duration.ofSeconds(60), false));
        await().atMost(WAIT).until(app::isOnline);
        chromium = Chromium.start(executables.get()[0], executables.get()[1]);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void twoPagesInTheSameRoomSeeEachOthersMessagesThroughTheRelay(@TempDir Path profiles) throws Exception {
        RelayEmulator relay = app.emulator().orElseThrow();
        try (Chromium.Page ann = join(profiles.resolve("ann"), "lobby", "ann");
                Chromium.Page bob = chromium.newPage(profiles.resolve("bob"))) {
            await().atMost(WAIT).until(() -> "ann".equals(ann.text("#members")));
            join(bob, "lobby", "bob");
            await().atMost(WAIT).until(() -> "ann, bob".equals(bob.text("#members")));
            await().atMost(WAIT).until(() -> "ann, bob".equals(ann.text("#members")));
            // Both browsers are connected through the relay, not to the app directly.
            assertThat(relay.connectionCount(ChatEndpoint.HYBRID_CONNECTION)).isEqualTo(2);

            ann.type("#text", "Hello from Ann's browser");
            ann.click("#send-button");
            await().atMost(WAIT).until(() -> bob.text("#log").contains("ann: Hello from Ann's browser"));
            bob.type("#text", "Hi Ann, Bob here");
            bob.click("#send-button");
            await().atMost(WAIT).until(() -> ann.text("#log").contains("bob: Hi Ann, Bob here"));
            assertThat(ann.text("#log")).contains("ann: Hello from Ann's browser", "bob joined");
            assertThat(ann.visible("#error")).isFalse();
            assertThat(ann.visible("#join")).as("the join form, hidden in a room").isFalse();
            assertThat(ann.evaluate(ICON)).isEqualTo("200 image/svg+xml");
            ann.screenshot(SCREENSHOTS.resolve("chat.png"));

            bob.click("#leave");
            await().atMost(WAIT).until(() -> "ann".equals(ann.text("#members")));
            assertThat(ann.text("#log")).contains("bob left");
            assertThat(bob.visible("#join")).isTrue();
            assertThat(bob.visible("#error")).isFalse();
            ann.click("#leave");
            await().atMost(WAIT).until(() -> relay.connectionCount(ChatEndpoint.HYBRID_CONNECTION) == 0);
        }
    }

    @Test
    void thePageThroughTheRelayChatsWithAPageFromTheAppDirectly(@TempDir Path profiles) throws Exception {
        RelayEmulator relay = app.emulator().orElseThrow();
        try (Chromium.Page cat = chromium.newPage(profiles.resolve("cat"));
                Chromium.Page dan = join(profiles.resolve("dan"), "porch", "dan")) {
            await().atMost(WAIT).until(() -> "dan".equals(dan.text("#members")));
            // the page, its script and style sheet and its API calls all come over the relay's HTTP address
            cat.open(URI.create(app.relayPageUri() + "&room=porch"));
            await().atMost(WAIT).until(() -> String.valueOf(cat.text("#relay")).endsWith("chat listener online"));
            cat.type("#name", "cat");
            cat.click("#join-button");
            await().atMost(WAIT).until(() -> "dan, cat".equals(cat.text("#members")));
            assertThat(relay.connectionCount(ChatEndpoint.HYBRID_CONNECTION)).isEqualTo(2);

            cat.type("#text", "Hello from a page that came through the relay");
            cat.click("#send-button");
            await().atMost(WAIT).until(() -> dan.text("#log").contains("cat: Hello from a page that came through"));
            dan.type("#text", "Hi cat");
            dan.click("#send-button");
            await().atMost(WAIT).until(() -> cat.text("#log").contains("dan: Hi cat"));
            assertThat(cat.visible("#error")).isFalse();
            assertThat(cat.evaluate(ICON)).as("the icon, through the relay with the page's token")
                    .isEqualTo("200 image/svg+xml");
            cat.screenshot(SCREENSHOTS.resolve("chat-through-the-relay.png"));
            cat.click("#leave");
            dan.click("#leave");
            await().atMost(WAIT).until(() -> relay.connectionCount(ChatEndpoint.HYBRID_CONNECTION) == 0);
        }
    }

    @Test
    void anExpiredTokenGivesAVisibleErrorInsteadOfASilentFailure(@TempDir Path profiles) throws Exception {
        // ?tokenValidity=-60 makes the page ask /api/send-uri for a token that expired a minute ago.
        try (Chromium.Page eve = chromium.newPage(profiles.resolve("eve"))) {
            eve.open(app.pageUri().resolve("/?room=lobby&name=eve&tokenValidity=-60"));
            eve.click("#join-button");

            await().atMost(WAIT).until(() -> eve.visible("#error"));
            assertThat(eve.text("#error")).startsWith("The relay refused the connection: the token in the send "
                    + "URI expired at").contains("Join again");
            assertThat(eve.visible("#chat")).isFalse();
            assertThat(eve.visible("#join")).isTrue();
            assertThat(app.emulator().orElseThrow().connectionCount(ChatEndpoint.HYBRID_CONNECTION)).isZero();
            eve.screenshot(SCREENSHOTS.resolve("chat-expired-token.png"));
        }
    }

    @Test
    void withTheRelayUnreachableThePageSaysWhatHappenedAndWhatToDo(@TempDir Path profiles) throws Exception {
        int closedPort = Ports.unusedLoopback();
        String refused = "connection to 127.0.0.1:" + closedPort + " refused (Connection refused): nothing accepts "
                + "connections there; check the host and port in the connection string's Endpoint, and that the "
                + "relay (or emulator) is running";
        try (LogCapture warnings = LogCapture.of("io.github.hyco.relay.tyrus.internal.ControlChannel")
                        .expecting("could not connect").start();
                ChatApp offline = ChatApp.start(new ChatApp.Options(Optional.of("Endpoint=sb://127.0.0.1:" + closedPort
                        + "/;SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0IGtleQ==;UseDevelopmentEmulator=true"), 0,
                        Duration.ofSeconds(60), false));
                Chromium.Page fay = chromium.newPage(profiles.resolve("fay"))) {
            fay.open(offline.pageUri().resolve("/?room=lobby&name=fay"));
            await().atMost(WAIT).until(() -> String.valueOf(fay.text("#relay")).contains("OFFLINE"));
            assertThat(fay.text("#relay")).isEqualTo("Relay: 127.0.0.1:" + closedPort + ", Hybrid Connection \"chat\", "
                    + "chat listener OFFLINE: " + refused);
            fay.click("#join-button");

            await().atMost(WAIT).until(() -> fay.visible("#error"));
            assertThat(fay.text("#error")).isEqualTo("Could not connect through the relay: the chat listener is not "
                    + "online there either (" + refused + ").");
            assertThat(fay.visible("#join")).isTrue();
            fay.screenshot(SCREENSHOTS.resolve("chat-relay-unreachable.png"));
            assertThat(warnings.warnings()).isNotEmpty()
                    .allMatch(w -> w.startsWith("Listener for chat could not connect: connection to 127.0.0.1:"));
        }
    }

    @Test
    void whenTheAppStopsTheMembersPageSaysSoAndWhatToDo(@TempDir Path profiles) throws Exception {
        ChatApp stopping = ChatApp.start(new ChatApp.Options(Optional.empty(), 0, Duration.ofSeconds(60), false));
        try (Chromium.Page gus = chromium.newPage(profiles.resolve("gus"))) {
            gus.open(stopping.pageUri().resolve("/?room=lobby"));
            gus.type("#name", "gus");
            gus.click("#join-button");
            await().atMost(WAIT).until(() -> "gus".equals(gus.text("#members")));

            stopping.close();
            await().atMost(WAIT).until(() -> gus.visible("#error"));
            assertThat(gus.text("#error")).matches("The chat closed the connection: .+ \\(code 10\\d\\d\\)\\. "
                    + "Join again to reconnect\\.");
            assertThat(gus.visible("#join")).isTrue();
        } finally {
            stopping.close();
        }
    }

    private static Chromium.Page join(Path profile, String room, String name) {
        return join(chromium.newPage(profile), room, name);
    }

    private static Chromium.Page join(Chromium.Page page, String room, String name) {
        page.open(app.pageUri().resolve("/?room=" + room));
        page.type("#name", name);
        page.click("#join-button");
        return page;
    }
}
