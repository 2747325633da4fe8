// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.RelayProxy;
import io.github.hyco.relay.RelayedServerOptions;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.exception.DeploymentHandshakeException;
import org.glassfish.tyrus.spi.UpgradeResponse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

/**
 * Opens client WebSockets with Tyrus's {@code ClientManager} on a {@link RelayTransport}: rendezvous
 * and sender sockets on one, control channels on another, both JVM-wide (threads do not grow with
 * connections). Addresses are sent byte for byte, as the relay gave them.
 */
final class Dialer {

    private static final String AUTHORIZATION_HEADER = "ServiceBusAuthorization";
    /** How long to wait for Tyrus to hand over the failed response after connect has thrown. */
    private static final long RESPONSE_GRACE_MS = 2_000;

    private static final Pattern PROXY_ERROR = Pattern.compile("Proxy error\\. (\\d+): ?(.*)");
    /** The JDK's own selector (answering from the http(s).proxyHost properties), or null if another is set. */
    private static final ProxySelector JDK_PROXY_SELECTOR = ProxySelector.getDefault() != null
            && ProxySelector.getDefault().getClass().getName().equals("sun.net.spi.DefaultProxySelector")
            ? ProxySelector.getDefault() : null;
    /** Whether the JDK's selector asks the operating system (read once, as the JDK does). */
    private static final boolean USES_SYSTEM_PROXIES = Boolean.getBoolean("java.net.useSystemProxies");

    /**
     * How a dialer reaches the relay.
     *
     * @param properties Tyrus client properties of the application
     * @param sslContext for {@code wss://}, or null for the JVM's default
     * @param proxy an explicit proxy, {@link RelayProxy#direct()}, or null for the JVM's {@code ProxySelector}
     */
    record Transport(Map<String, Object> properties, SSLContext sslContext, RelayProxy proxy) {
        static final Transport DEFAULT = new Transport(Map.of(), null, null);

        static Transport of(RelayedServerOptions options) {
            return new Transport(options.clientProperties(), options.sslContext().orElse(null),
                    options.proxy().orElse(null));
        }
    }

    private final ClientManager client;
    private final SessionExecutors sessionExecutors;
    /** For messages: how long a connect or upgrade may take. */
    private final Duration timeout;
    private final RelayProxy proxy;

    private final RelayTransport.Route route;

    private Dialer(ClientManager client, SessionExecutors sessionExecutors, Duration timeout,
            RelayTransport.Route route) {
        this.client = client;
        this.sessionExecutors = sessionExecutors;
        this.timeout = timeout;
        this.route = route;
        this.proxy = route.proxy();
    }

    /** Rendezvous and sender sockets (and a container's plain client connections). */
    static Dialer shared(Transport transport, Duration handshakeTimeout, String threadName) {
        return on(RelayTransport.RENDEZVOUS, transport, handshakeTimeout, threadName);
    }

    /**
     * Control channels: a transport of their own, whose workers endpoints blocking the rendezvous
     * transport's cannot hold up (a pong read late would be a keep-alive failure).
     */
    static Dialer control(Transport transport, Duration handshakeTimeout) {
        return on(RelayTransport.CONTROL, transport, handshakeTimeout, "hyco-relay-control-session");
    }

    @SuppressWarnings("try") // the scope is entered for its effect alone
    private static Dialer on(String transportName, Transport transport, Duration handshakeTimeout,
            String threadName) {
        SessionExecutors executors = new SessionExecutors(threadName);
        ClientManager client;
        // Tyrus loads the container class with the context class loader: make it ours
        try (ContextLoader ours = ContextLoader.enter(Dialer.class.getClassLoader())) {
            client = ClientManager.createClient(RelayClientContainer.class.getName(), executors);
        }
        executors.connectWith(client);
        client.getProperties().putAll(transport.properties());
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, millis(handshakeTimeout));
        RelayTransport.Route route = new RelayTransport.Route(transport.sslContext(), transport.proxy(), transportName);
        client.getProperties().put(RelayTransport.PROPERTY, route);
        return new Dialer(client, executors, handshakeTimeout, route);
    }

    /** Closes the client and the executors of its sessions (the sockets are closed by their sessions). */
    void close() {
        client.shutdown();
        sessionExecutors.shutdown();
    }

    /** The proxy a connection to {@code target} goes through: ours, else the JVM's first HTTP proxy, else null. */
    private InetSocketAddress proxyFor(URI target) {
        return proxyFor(proxy, target);
    }

    /** The proxy a connection to {@code target} goes through: {@code proxy}, else the JVM's first HTTP proxy, else null. */
    static InetSocketAddress proxyFor(RelayProxy proxy, URI target) {
        if (proxy != null) {
            return proxy.isDirect() ? null : InetSocketAddress.createUnresolved(proxy.host(), proxy.port());
        }
        ProxySelector selector = ProxySelector.getDefault();
        boolean secure = "wss".equalsIgnoreCase(target.getScheme());
        if (selector == null || selector == JDK_PROXY_SELECTOR && !USES_SYSTEM_PROXIES
                && System.getProperty(secure ? "https.proxyHost" : "http.proxyHost") == null) {
            return null; // what the JDK's selector would answer, without its work at every dial
        }
        try {
            for (Proxy p : selector.select(new URI(secure ? "https" : "http",
                    null, target.getHost(), target.getPort(), "/", null, null))) {
                if (p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress a) {
                    return a;
                }
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static String name(InetSocketAddress address) {
        return address == null ? null : address.getHostString() + ":" + address.getPort();
    }

    private String proxyRefusal(String through, String where, String status, String reason) {
        return "the proxy " + (through == null ? "" : through + " ") + "refused the tunnel to " + where + ": "
                + status + " " + reason + (!status.equals("407") ? ""
                : proxy != null && !proxy.isDirect() && proxy.username().isPresent()
                        ? "; it refused the credentials of " + proxy.username().get()
                        : "; give its credentials with RelayProxy.withCredentials(...)");
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    ClientManager client() {
        return client;
    }

    /** How this dialer reaches the relay, for an engine of our own ({@link RendezvousEngine}). */
    RelayTransport.Route route() {
        return route;
    }

    /** How long a connect and upgrade may take. */
    Duration timeout() {
        return timeout;
    }

    /** The longest frame a session takes whole (header included), as Tyrus's engine works it out. */
    long maxFrame() {
        return RelayTransport.maxFrame(client.getProperties());
    }

    /** The container of this dialer's sessions: their executors and defaults. */
    SessionExecutors sessionContainer() {
        return sessionExecutors;
    }

    /**
     * Connects {@code endpoint} to {@code address}, sent byte for byte.
     *
     * @param token for the {@code ServiceBusAuthorization} header, or null
     * @param headersHook sees (and may change) the request headers just before they are sent
     * @throws RelayException with the HTTP status and reason phrase if the handshake failed
     */
    Session dial(String address, String token, Endpoint endpoint, ClientEndpointConfig config,
            Consumer<Map<String, List<String>>> headersHook)
            throws DeploymentException, RelayException {
        CompletableFuture<HandshakeResponse> response = new CompletableFuture<>();
        ClientEndpointConfig.Configurator original = config.getConfigurator();
        ClientEndpointConfig withHooks = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(config.getPreferredSubprotocols())
                .extensions(config.getExtensions())
                .encoders(config.getEncoders())
                .decoders(config.getDecoders())
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        original.beforeRequest(headers);
                        if (token != null) {
                            headers.put(AUTHORIZATION_HEADER, List.of(token));
                        }
                        if (headersHook != null) {
                            headersHook.accept(headers);
                        }
                    }

                    @Override
                    public void afterResponse(HandshakeResponse hr) {
                        response.complete(hr);
                        original.afterResponse(hr);
                    }
                })
                .build();
        withHooks.getUserProperties().putAll(config.getUserProperties());
        URI target = URI.create(address);
        try {
            return client.connectToServer(endpoint, withHooks, target);
        } catch (DeploymentException e) {
            throw failure(target, e, response);
        } catch (IOException e) {
            throw new RelayException(0, connectionFailure(target, e), null, e);
        }
    }

    private RelayException failure(URI target, DeploymentException e,
            CompletableFuture<HandshakeResponse> response) throws DeploymentException {
        HandshakeResponse hr = null;
        boolean httpFailure = e instanceof DeploymentHandshakeException
                || e.getCause() instanceof org.glassfish.tyrus.core.HandshakeException
                || (e.getMessage() != null && e.getMessage().contains("401"));
        try {
            // Tyrus reports the failure before it calls afterResponse; give it a moment.
            hr = response.get(httpFailure ? RESPONSE_GRACE_MS : 50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ignored) {
            // no HTTP response: a connect failure or timeout
        }
        int status = 0;
        String reason = null;
        String trackingId = null;
        if (hr instanceof UpgradeResponse ur && ur.getStatus() != 101) {
            status = ur.getStatus();
            reason = ur.getReasonPhrase();
            trackingId = ur.getFirstHeaderValue("TrackingId");
        } else if (e instanceof DeploymentHandshakeException dhe) {
            status = dhe.getHttpStatusCode();
        }
        if (status == 0) {
            if (e.getCause() instanceof IOException || e.getCause() instanceof TimeoutException
                    || e.getCause() instanceof java.util.concurrent.CancellationException || hr == null) {
                return new RelayException(0, connectionFailure(target, e), null, e);
            }
            throw e;
        }
        return RelayException.of(status, reason, trackingId, e);
    }

    /** What went wrong below HTTP, naming the host and port: DNS, refusal, timeout, TLS. */
    String connectionFailure(URI target, Throwable e) {
        String where = target.getHost() + ":" + RelayAddress.port(target);
        String through = name(proxyFor(target));
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            Matcher proxyError = PROXY_ERROR.matcher(String.valueOf(c.getMessage()));
            if (c instanceof IOException && proxyError.matches()) {
                return proxyRefusal(through, where, proxyError.group(1), proxyError.group(2));
            }
            if (c instanceof java.net.UnknownHostException || c instanceof java.nio.channels.UnresolvedAddressException) {
                return "unknown host " + (through != null ? "(of the proxy " + through + " or the relay " + target.getHost()
                        + ")" : target.getHost()) + " (DNS lookup failed)";
            }
            if (c instanceof java.net.ConnectException) {
                return through != null ? "connection to the proxy " + through + " refused (" + c.getMessage() + ")"
                        : "connection to " + where + " refused (" + c.getMessage() + ")";
            }
            if (c instanceof java.net.NoRouteToHostException || (c instanceof java.net.SocketException
                    && String.valueOf(c.getMessage()).contains("unreachable"))) {
                return "no route to " + where + " (" + c.getMessage() + ")";
            }
            if (c instanceof javax.net.ssl.SSLException) {
                return "TLS handshake with " + where + " failed: " + tlsProblem(c);
            }
            if (c instanceof InterruptedException || c instanceof java.nio.channels.ClosedByInterruptException) {
                return "the dial to " + where + " was interrupted (the listener or its container is closing)";
            }
            if (c instanceof RelaySocket.NoUpgradeResponse) {
                return "no upgrade response from " + where + " within " + timeout.toMillis() + " ms";
            }
            if (c instanceof TimeoutException || c instanceof java.net.SocketTimeoutException) {
                return "no connection to " + where + " within " + timeout.toMillis() + " ms";
            }
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("Handshake response not received")) {
            return "no upgrade response from " + where + " within " + timeout.toMillis() + " ms";
        }
        return "connection to " + where + " failed: " + describe(e);
    }

    /** Which certificate problem it was, and how to fix it. */
    private static String tlsProblem(Throwable e) {
        Throwable root = e;
        boolean expired = false;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            expired |= root instanceof java.security.cert.CertificateExpiredException;
        }
        String message = String.valueOf(root.getMessage());
        if (expired) {
            return "the relay's certificate has expired (" + message + ")";
        }
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "the relay's certificate is for another name (" + message + "); connect by a name it holds";
        }
        if (root instanceof java.security.cert.CertPathBuilderException || message.contains("certification path")) {
            return "the relay's certificate is not trusted (" + message + "); trust it with "
                    + "RelayedServerOptions.sslContext(...) or -Djavax.net.ssl.trustStore (the emulator's is "
                    + "self-signed: RelayEmulator.sslContext(), or its --export-cert file)";
        }
        return root.getClass().getSimpleName() + ": " + message;
    }

    /** Tyrus's wrappers of a failed connect: they say nothing that "connection ... failed" does not. */
    private static final List<String> UNINFORMATIVE = List.of("Connection failed.", "Handshake error.");

    /**
     * The messages of {@code e} and its causes, without Tyrus's wrappers and without "null" for a
     * cause that has no message: that one is named by its class instead.
     */
    static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        Throwable last = e;
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            last = c;
            String message = c.getMessage();
            if (message != null && !message.isBlank() && !UNINFORMATIVE.contains(message)
                    && (parts.isEmpty() || !parts.get(parts.size() - 1).equals(message))) {
                parts.add(message);
            }
        }
        if (last.getMessage() == null || last.getMessage().isBlank() || parts.isEmpty()) {
            parts.add(last.getClass().getSimpleName());
        }
        return String.join(": ", parts);
    }
}
