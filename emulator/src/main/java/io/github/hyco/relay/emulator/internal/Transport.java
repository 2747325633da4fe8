// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;

/**
 * The sockets: a Grizzly {@link HttpServer} with a plain listener, a TLS one if configured, and the
 * same two on the gateway host. Binds the configured ports at the first start and the same ports
 * again after a stop, so that clients reconnect to a restarted relay where they left it.
 */
final class Transport {

    /** Grizzly's limit (its default is 8 KiB): above the relay's, so that it can answer with a description. */
    private static final int MAX_HEADER_SIZE = 2 * Handshakes.MAX_HEADER_METADATA;
    private static final System.Logger LOG = System.getLogger(Transport.class.getName());

    private final Settings settings;
    private final Tls tls;
    /** The filters of a listener, given whether it is the TLS one. */
    private final Function<Boolean, AddOn> filters;
    private volatile HttpServer http;
    private volatile int port;
    private volatile int tlsPort = -1;

    Transport(Settings settings, Function<Boolean, AddOn> filters) {
        this.settings = settings;
        this.filters = filters;
        this.tls = settings.tlsPort() < 0 ? null
                : settings.keyStore() != null ? Tls.fromKeyStore(settings.keyStore(), settings.keyStorePassword())
                : Tls.selfSigned(tlsHostNames(settings));
    }

    private static Set<String> tlsHostNames(Settings settings) {
        Set<String> names = new HashSet<>(List.of("localhost", settings.host(), settings.namespace()));
        if (settings.gatewayHost() != null) {
            names.add(settings.gatewayHost());
        }
        return names;
    }

    /** Binds and starts serving; false if it was serving already. */
    boolean start() throws IOException {
        if (http != null) {
            return false;
        }
        HttpServer server = new HttpServer();
        NetworkListener plain = listener("hyco-emulator", settings.host(), port > 0 ? port : settings.port(), false);
        server.addListener(plain);
        NetworkListener secure = null;
        if (tls != null) {
            secure = listener("hyco-emulator-tls", settings.host(), tlsPort > 0 ? tlsPort : settings.tlsPort(), true);
            server.addListener(secure);
        }
        try {
            server.start();
        } catch (IOException e) {
            // the server starts its listeners in the order it lists them and stops at the failing one
            NetworkListener failed = plain;
            for (NetworkListener l : server.getListeners()) {
                if (!l.isStarted()) {
                    failed = l;
                    break;
                }
            }
            server.shutdownNow();
            throw new IOException("cannot listen " + (failed == plain ? "" : "for wss:// ") + "on "
                    + settings.host() + ":" + failed.getPort() + ": " + e.getMessage(), e);
        }
        port = plain.getPort();
        if (secure != null) {
            tlsPort = secure.getPort();
        }
        String gateway = settings.gatewayHost();
        // on a wildcard address or the bound host, the gateway host is served already
        if (gateway != null && !wildcard(settings.host()) && !gateway.equals(settings.host())) {
            // the same port numbers on the gateway host, known only now that the ports are bound
            startGatewayListener(server, listener("hyco-emulator-gateway", gateway, port, false));
            if (secure != null) {
                startGatewayListener(server, listener("hyco-emulator-gateway-tls", gateway, tlsPort, true));
            }
        }
        http = server;
        LOG.log(Level.INFO, "Relay emulator listening on {0}:{1}{2}", settings.host(), String.valueOf(port),
                secure == null ? "" : " (TLS on " + tlsPort + ")");
        return true;
    }

    /** Grizzly starts a listener added to a running server, but only logs when it cannot bind. */
    private static void startGatewayListener(HttpServer server, NetworkListener listener) throws IOException {
        server.addListener(listener);
        if (!listener.isStarted()) {
            server.shutdownNow();
            throw new IOException("cannot listen on the gateway host " + listener.getHost() + ":"
                    + listener.getPort() + " (it must be an address of this machine)");
        }
    }

    private NetworkListener listener(String name, String host, int listenPort, boolean secure) {
        NetworkListener listener = new NetworkListener(name, host, listenPort);
        listener.setTransport(TCPNIOTransportBuilder.newInstance()
                .setReuseAddress(true)
                .setIOStrategy(WorkerThreadIOStrategy.getInstance())
                .setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                        .setPoolName(name + "-worker")
                        .setCorePoolSize(Math.min(4, settings.maxWorkerThreads()))
                        .setMaxPoolSize(settings.maxWorkerThreads()))
                .build());
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.setMaxHttpHeaderSize(MAX_HEADER_SIZE);
        if (secure) {
            listener.setSecure(true);
            listener.setSSLEngineConfig(new SSLEngineConfigurator(tls.serverContext(), false, false, false));
        }
        listener.registerAddOn(filters.apply(secure));
        return listener;
    }

    /** Unbinds (open connections must be closed first); false if it was not serving. */
    boolean stop() {
        HttpServer server = http;
        http = null;
        if (server == null) {
            return false;
        }
        server.shutdownNow();
        LOG.log(Level.INFO, "Relay emulator on port {0} stopped", String.valueOf(port));
        return true;
    }

    boolean isRunning() {
        return http != null;
    }

    int port() {
        return port;
    }

    int tlsPort() {
        return tlsPort;
    }

    Tls tls() {
        return tls;
    }

    /** The host to put in URIs and connection strings: the bound one, or loopback for a wildcard. */
    String advertisedHost() {
        return wildcard(settings.host()) ? "127.0.0.1" : settings.host();
    }

    private static boolean wildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }
}
