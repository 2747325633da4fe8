/**
 * The public API of hyco-jakarta: connection strings, tokens, {@code @RelayEndpoint} and the
 * {@link io.github.hyco.relay.RelayedServerContainer}, whose implementation is found as a
 * {@link io.github.hyco.relay.spi.RelayProvider} service.
 */
@SuppressWarnings("module") // the internal package is exported to modules built after this one
module io.github.hyco.relay {
    requires transitive jakarta.websocket;
    requires transitive jakarta.websocket.client;
    requires transitive java.net.http;
    requires java.logging;
    requires static jakarta.cdi; // only for @RelayEndpoint's @Stereotype, read by CDI containers

    exports io.github.hyco.relay;
    exports io.github.hyco.relay.spi;
    exports io.github.hyco.relay.internal to io.github.hyco.relay.tyrus, io.github.hyco.relay.emulator;

    uses io.github.hyco.relay.spi.RelayProvider;
}
