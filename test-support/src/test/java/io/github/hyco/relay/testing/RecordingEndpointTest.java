// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RecordingEndpointTest {

    private final Map<Class<?>, MessageHandler.Whole<?>> handlers = new HashMap<>();
    /** A session that only keeps the handlers the endpoint adds: what a container would call. */
    private final Session session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(),
            new Class<?>[] {Session.class}, (proxy, method, args) -> {
                if (method.getName().equals("addMessageHandler") && args.length == 2) {
                    handlers.put((Class<?>) args[0], (MessageHandler.Whole<?>) args[1]);
                }
                return null;
            });
    private final RecordingEndpoint endpoint = new RecordingEndpoint();

    @SuppressWarnings("unchecked")
    private <T> void receive(Class<T> type, T message) {
        ((MessageHandler.Whole<T>) handlers.get(type)).onMessage(message);
    }

    @Test
    void recordsMessagesPongsAndTheCloseInOrder() {
        endpoint.onOpen(session, null);
        receive(String.class, "hello");
        receive(ByteBuffer.class, ByteBuffer.wrap(new byte[] {1, 2}));
        PongMessage pong = () -> ByteBuffer.wrap("cli".getBytes(StandardCharsets.UTF_8));
        receive(PongMessage.class, pong);
        CloseReason bye = new CloseReason(CloseReason.CloseCodes.getCloseCode(4001), "bye");
        endpoint.onClose(session, bye);

        assertThat(endpoint.session()).isSameAs(session);
        assertThat(endpoint.pending()).hasToString("[text hello, binary 2, pong cli, closed 4001 bye]");
        assertThat(endpoint.next()).isEqualTo("hello");
        assertThat(endpoint.nextBinary()).containsExactly(1, 2);
        assertThat(endpoint.nextPong()).asString(StandardCharsets.UTF_8).isEqualTo("cli");
        assertThat(endpoint.nextEvent()).isEqualTo(new RecordingEndpoint.Closed(bye));
        assertThat(endpoint.isClosed()).isTrue();
        assertThat(endpoint.closeReason()).isSameAs(bye);
    }

    @Test
    void anotherKindOfEventThanTheOneAskedForFailsWithWhatCameAndTheErrors() {
        endpoint.onOpen(session, null);
        endpoint.onError(session, new IllegalStateException("broken"));
        receive(ByteBuffer.class, ByteBuffer.allocate(3));

        assertThatThrownBy(endpoint::next).isInstanceOf(AssertionError.class)
                .hasMessage("expected a text event, got: binary 3; errors: [java.lang.IllegalStateException: broken]");
        assertThat(endpoint.errors()).singleElement().extracting(Throwable::getMessage).isEqualTo("broken");
    }

    @Test
    void anEndpointNotYetOpenHasNoSession() {
        assertThatThrownBy(endpoint::session).isInstanceOf(AssertionError.class)
                .hasMessage("the endpoint has not been opened");
    }
}
