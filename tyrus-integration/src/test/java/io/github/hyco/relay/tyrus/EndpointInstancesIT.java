// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.testing.LogCapture;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which endpoint instance serves which session: as on a Tyrus server, one instance per session,
 * obtained once from the Configurator and used for every callback of that session.
 */
class EndpointInstancesIT {

    @RegisterExtension
    static final LogCapture log = LogCapture.of("io.github.hyco.relay.tyrus.internal.AcceptPath")
            .expecting("as the endpoint instance");

    private static RelayEmulator relay;
    private RelayedServerContainer container;

    /** Counts its messages, so a reply shows whether the session kept its own instance. */
    public static class Counting {
        static final AtomicInteger CREATED = new AtomicInteger();
        static final Queue<String> CLOSED = new ConcurrentLinkedQueue<>();
        private final int id = CREATED.incrementAndGet();
        private int messages;

        @OnMessage
        public String count(String text) {
            return "instance " + id + " message " + (++messages) + " " + text;
        }

        @OnClose
        public void close() {
            CLOSED.add("instance " + id + " after " + messages);
        }
    }

    @RelayEndpoint("instances")
    @ServerEndpoint("/default")
    public static class ByDefault extends Counting {
    }

    public static class Factory extends ServerEndpointConfig.Configurator {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
            CALLS.incrementAndGet();
            return super.getEndpointInstance(endpointClass);
        }
    }

    @RelayEndpoint("instances")
    @ServerEndpoint(value = "/factory", configurator = Factory.class)
    public static class FromFactory extends Counting {
    }

    public static class WrongType extends ServerEndpointConfig.Configurator {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return (T) "not an endpoint";
        }
    }

    @RelayEndpoint("instances")
    @ServerEndpoint(value = "/wrong", configurator = WrongType.class)
    public static class Misconfigured extends Counting {
    }

    @RelayEndpoint("instances")
    @ServerEndpoint("/invalid")
    public static class Invalid {
        @OnMessage
        public void twoTexts(String first, String second) {
        }
    }

    @BeforeAll
    static void startRelay() {
        relay = RelayEmulator.builder().hybridConnection("instances").start();
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    @BeforeEach
    void startContainer() {
        Counting.CREATED.set(0);
        Counting.CLOSED.clear();
        Factory.CALLS.set(0);
        container = RelayedServerContainer.builder().connectionString(relay.connectionString()).build();
    }

    @AfterEach
    void closeContainer() {
        container.close();
    }

    private Session connect(String path, RecordingEndpoint recorder) throws Exception {
        return HybridConnections.relayedConnect(relay.sendUri("instances/" + path),
                relay.createToken("instances", Duration.ofMinutes(5)), recorder);
    }

    /** Two sessions, two messages each, interleaved; then both close. */
    private List<String> twoSessionsTalk(String path) throws Exception {
        container.addEndpoint(ByDefault.class);
        container.addEndpoint(FromFactory.class);
        OnlineContainers.awaitOnline(container);
        RecordingEndpoint a = new RecordingEndpoint();
        RecordingEndpoint b = new RecordingEndpoint();
        Session sa = connect(path, a);
        Session sb = connect(path, b);
        sa.getBasicRemote().sendText("a1");
        assertThat(a.next()).endsWith("message 1 a1");
        sb.getBasicRemote().sendText("b1");
        assertThat(b.next()).endsWith("message 1 b1");
        sa.getBasicRemote().sendText("a2");
        String a2 = a.next();
        sb.getBasicRemote().sendText("b2");
        String b2 = b.next();
        sa.close();
        sb.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> Counting.CLOSED.size() == 2);
        return List.of(a2, b2);
    }

    @Test
    void eachSessionHasItsOwnInstanceForAllItsCallbacks() throws Exception {
        List<String> replies = twoSessionsTalk("default");

        assertThat(Counting.CREATED).hasValue(2);
        assertThat(replies).containsExactly("instance 1 message 2 a2", "instance 2 message 2 b2");
        assertThat(Counting.CLOSED).containsExactlyInAnyOrder("instance 1 after 2", "instance 2 after 2");
    }

    @Test
    void aConfiguratorThatMakesInstancesIsAskedOncePerSession() throws Exception {
        List<String> replies = twoSessionsTalk("factory");

        assertThat(Factory.CALLS).hasValue(2);
        assertThat(Counting.CREATED).hasValue(2);
        assertThat(replies).containsExactly("instance 1 message 2 a2", "instance 2 message 2 b2");
        assertThat(Counting.CLOSED).containsExactlyInAnyOrder("instance 1 after 2", "instance 2 after 2");
    }

    @Test
    void aConfiguratorReturningSomethingElseRejectsTheSenderWith500AndTheListenerStaysOnline() throws Exception {
        container.addEndpoint(Misconfigured.class);
        container.addEndpoint(ByDefault.class);
        OnlineContainers.awaitOnline(container);

        assertThatThrownBy(() -> connect("wrong", new RecordingEndpoint()))
                .isInstanceOf(RelayException.class)
                .satisfies(e -> {
                    assertThat(((RelayException) e).statusCode()).isEqualTo(500);
                    assertThat(((RelayException) e).description()).startsWith("The endpoint's Configurator failed.");
                });
        assertThat(log.warnings()).anyMatch(m -> m.contains(Misconfigured.class.getName())
                && m.contains("returned an instance of java.lang.String as the endpoint instance"));
        RecordingEndpoint ok = new RecordingEndpoint();
        connect("default", ok).getBasicRemote().sendText("still here");
        assertThat(ok.next()).endsWith("still here");
    }

    @Test
    void anInvalidEndpointClassFailsAtDeploymentAsOnAServer() {
        assertThatThrownBy(() -> container.addEndpoint(Invalid.class))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("twoTexts");
        assertThat(container.listeners()).isEmpty();
    }
}
