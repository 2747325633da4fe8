// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.junit5.RelayEmulatorTest;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.websocket.Session;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Two applications, each with its own class loader (as two web applications of one server), deploy
 * endpoints on one container: every callback of each runs with its own application's context class
 * loader, whichever Tyrus or relay thread runs it, and an undeployed application's loader can be
 * collected.
 */
@RelayEmulatorTest(hybridConnections = {"app-a", "app-b"})
class ContextClassLoaderIT {

    private static final String APPS = "io.github.hyco.relay.it.parity.apps.";
    private static final List<String> CALLBACKS = List.of("checkOrigin", "getNegotiatedSubprotocol",
            "getNegotiatedExtensions", "modifyHandshake", "getEndpointInstance", "onOpen", "Decoder.init",
            "Decoder.willDecode", "Decoder.decode", "onMessage(Word)", "Encoder.init", "Encoder.encode", "onError",
            "onMessage(InputStream)", "onClose", "Decoder.destroy", "Encoder.destroy");
    private static final List<String> OWN = CALLBACKS.stream().map(c -> c + "=own").toList();

    /** Loads the applications' package itself (child first), everything else from the test's loader. */
    private static URLClassLoader application(String name) {
        URL classes = ContextClassLoaderIT.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader(name, new URL[] {classes}, ContextClassLoaderIT.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
                if (!className.startsWith(APPS)) {
                    return super.loadClass(className, resolve);
                }
                synchronized (getClassLoadingLock(className)) {
                    Class<?> c = findLoadedClass(className);
                    return c != null ? c : findClass(className);
                }
            }
        };
    }

    /** Deploys as an application does: from one of its threads, whose context class loader is its own. */
    private static Class<?> deploy(RelayedServerContainer container, ClassLoader application, String endpoint)
            throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        try {
            Class<?> endpointClass = application.loadClass(APPS + endpoint);
            container.addEndpoint(endpointClass);
            return endpointClass;
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> callbacksSeen(ClassLoader application) throws Exception {
        return (List<String>) application.loadClass(APPS + "Seen").getMethod("callbacks").invoke(null);
    }

    /** A sender's conversation: a decoded and encoded message, an error, a stream message, a close. */
    private static void converse(RelayEmulator relay, String hybridConnection) throws Exception {
        RecordingEndpoint sender = new RecordingEndpoint();
        Session s = HybridConnections.relayedConnect(relay.sendUri(hybridConnection),
                relay.createToken(hybridConnection, Duration.ofMinutes(5)), sender);
        s.getBasicRemote().sendText("hello");
        assertThat(sender.next()).isEqualTo("HELLO");
        s.getBasicRemote().sendText("throw");
        assertThat(sender.next()).isEqualTo("error thrown on purpose");
        s.getBasicRemote().sendBinary(ByteBuffer.allocate(3));
        assertThat(sender.next()).isEqualTo("streamed 3");
        s.close();
        assertThat(sender.closeReason().getCloseCode().getCode()).isEqualTo(1000);
    }

    @Test
    void everyCallbackRunsWithItsApplicationsLoaderAndAnUndeployedLoaderIsCollected(RelayEmulator relay)
            throws Exception {
        try (RelayedServerContainer container = RelayedServerContainer.builder()
                        .connectionString(relay.connectionString()).build();
                URLClassLoader a = application("app-a")) {
            deploy(container, a, "EndpointA");
            WeakReference<ClassLoader> undeployed = servedBesideThenUndeployed(relay, container, a);
            // A Grizzly selector thread keeps the last connection it served (SelectorRunner.key) until it
            // serves another, and through it Tyrus's objects of a closed rendezvous: each poll gives the
            // shared transport's selectors other connections, the other application's senders.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        converse(relay, "app-a"); // the other application is still served, as before
                        System.gc();
                        return undeployed.get() == null;
                    });
            assertThat(callbacksSeen(a)).containsExactlyInAnyOrderElementsOf(OWN);
        }
    }

    /**
     * Deploys a second application beside {@code a}, checks both, then undeploys it.
     *
     * @return the second application's loader, which the test no longer holds
     */
    private static WeakReference<ClassLoader> servedBesideThenUndeployed(RelayEmulator relay,
            RelayedServerContainer container, ClassLoader a) throws Exception {
        try (URLClassLoader b = application("app-b")) {
            Class<?> endpointB = deploy(container, b, "EndpointB");
            await().atMost(Duration.ofSeconds(20)).until(() -> container.listeners().size() == 2
                    && container.listeners().stream().allMatch(l -> l.isOnline()));
            converse(relay, "app-a");
            converse(relay, "app-b");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(callbacksSeen(a)).containsExactlyInAnyOrderElementsOf(OWN);
                assertThat(callbacksSeen(b)).containsExactlyInAnyOrderElementsOf(OWN);
            });
            assertThat(container.removeEndpoint(endpointB)).isTrue();
            return new WeakReference<>(b);
        }
    }
}
