/**
 * A local Azure Relay Hybrid Connections service, with its JUnit 5 extension (used only when JUnit
 * is present).
 */
module io.github.hyco.relay.emulator {
    requires transitive io.github.hyco.relay;
    requires jakarta.json;
    requires org.glassfish.grizzly;
    requires org.glassfish.grizzly.http;
    requires org.glassfish.grizzly.http.server;
    requires org.glassfish.tyrus.container.grizzly.server;
    requires org.glassfish.tyrus.core;
    requires org.glassfish.tyrus.server;
    requires org.glassfish.tyrus.spi;
    requires static org.junit.jupiter.api;
    requires static org.junit.platform.commons;

    exports io.github.hyco.relay.emulator;
}
