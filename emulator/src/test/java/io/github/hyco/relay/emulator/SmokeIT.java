package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SmokeIT {

    @Test
    void relaysOneConnection() throws Exception {
        try (RelayEmulator relay = RelayEmulator.builder().hybridConnection("hyco").start()) {
            String token = relay.createToken("hyco", Duration.ofHours(1));
            Peer listener = Peer.connect(relay.listenUri("hyco"), Map.of("ServiceBusAuthorization", token));
            await().until(() -> relay.listenerCount("hyco") == 1);
            CompletableFuture<Peer> sender = CompletableFuture.supplyAsync(() -> {
                try {
                    return Peer.connect(relay.sendUri("hyco"), Map.of("ServiceBusAuthorization", token));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            JsonObject accept = listener.json().getJsonObject("accept");
            System.out.println(accept);
            Peer rendezvous = Peer.connect(URI.create(accept.getString("address")));
            Peer s = sender.get(10, TimeUnit.SECONDS);
            s.send("hello");
            assertThat(rendezvous.text()).isEqualTo("hello");
            rendezvous.send(new byte[] {1, 2, 3});
            assertThat(s.binary()).containsExactly(1, 2, 3);
            s.close(4001, "bye");
            CloseReason reason = rendezvous.awaitClose();
            assertThat(reason.getCloseCode().getCode()).isEqualTo(4001);
            assertThat(reason.getReasonPhrase()).isEqualTo("bye");
        }
    }
}
