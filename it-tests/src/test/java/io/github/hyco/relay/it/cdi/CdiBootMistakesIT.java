// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.cdi.internal.RelayExtension;

import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each mistake stops the CDI container at boot with a message naming the class and the problem. */
class CdiBootMistakesIT {

    @RelayEndpoint("lonely")
    public static class NotAServerEndpoint {
        @OnMessage
        public String echo(String m) {
            return m;
        }
    }

    @RelayEndpoint("orders?x=1")
    @ServerEndpoint("/orders")
    public static class BadPathEndpoint {
    }

    @RelayEndpoint(value = "invoices", connection = "billing")
    @ServerEndpoint("/invoices")
    public static class NamedConnectionEndpoint {
    }

    @RelayEndpoint("echo")
    @ServerEndpoint("/echo")
    public static class DefaultConnectionEndpoint {
    }

    @RelayEndpoint(value = "crowd", listeners = 30)
    @ServerEndpoint("/crowd")
    public static class TooManyListenersEndpoint {
    }

    @AfterEach
    void clearConfiguration() {
        System.clearProperty("hyco.relay.connection-string");
    }

    @Test
    void relayEndpointWithoutServerEndpoint() {
        assertThatThrownBy(() -> boot(NotAServerEndpoint.class)).hasStackTraceContaining(
                NotAServerEndpoint.class.getName() + " is annotated @RelayEndpoint but not @ServerEndpoint: "
                        + "add @ServerEndpoint(\"/lonely\")");
    }

    @Test
    void aHybridConnectionPathThatIsNotOne() {
        assertThatThrownBy(() -> boot(BadPathEndpoint.class)).hasStackTraceContaining(
                BadPathEndpoint.class.getName() + ": @RelayEndpoint(\"orders?x=1\") is not a valid Hybrid "
                        + "Connection path: path must not contain '?' or '#'");
    }

    @Test
    void moreListenersThanAzureAllows() {
        assertThatThrownBy(() -> boot(TooManyListenersEndpoint.class)).hasStackTraceContaining(
                TooManyListenersEndpoint.class.getName() + ": @RelayEndpoint(listeners = 30) must be from 1 to 25");
    }

    @Test
    void aNamedConnectionWithoutConfiguration() {
        assertThatThrownBy(() -> boot(NamedConnectionEndpoint.class)).hasStackTraceContaining(
                NamedConnectionEndpoint.class.getName() + ": no connection string for the relay connection "
                        + "'billing': set hyco.relay.billing.connection-string")
                .hasStackTraceContaining("HYCO_RELAY_BILLING_CONNECTION_STRING")
                .hasStackTraceContaining("@Named(\"billing\")");
    }

    @Test
    void aConnectionStringThatDoesNotParseIsNamedWithoutItsSecret() {
        System.setProperty("hyco.relay.connection-string",
                "Endpoint=sb://ns.example/;SharedAccessKeyName=p;SharedAccessKey=TOPSECRETKEY;Colour=blue");

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> boot(DefaultConnectionEndpoint.class));

        assertThat(failure).hasStackTraceContaining(DefaultConnectionEndpoint.class.getName()
                + ": the connection string in hyco.relay.connection-string does not parse: "
                + "connectionString has an unknown key 'Colour'");
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("TOPSECRETKEY");
    }

    private static void boot(Class<?>... beans) {
        SeContainerInitializer.newInstance()
                .disableDiscovery()
                .addExtensions(new RelayExtension())
                .addBeanClasses(beans)
                .initialize()
                .close();
    }
}
