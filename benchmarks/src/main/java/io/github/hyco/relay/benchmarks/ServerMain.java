// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedHttpHandler;
import io.github.hyco.relay.RelayedServerContainer;

import org.glassfish.tyrus.server.Server;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The listener JVM. {@code relayed <connection string>}: {@link BenchEndpoint} on a
 * {@link RelayedServerContainer} (defaults, except a 5 s keep-alive); prints {@code READY} once
 * online and {@code EVENT ONLINE|CONNECTING|OFFLINE} as the listener's state changes.
 * {@code direct}: the same class on a standalone Tyrus server on a free port; prints
 * {@code READY ws://127.0.0.1:PORT/bench}. {@code http <connection string> <origin>}: a relayed
 * container whose only deployment is {@code RelayedHttpHandler.forwardTo(origin)} on the Hybrid
 * Connection {@code http} (the http scenario). Commands: {@code STATS}, {@code QUIT}.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        if (mode.equals("direct")) {
            Server server = new Server("127.0.0.1", -1, "/", Map.of(), BenchEndpoint.class);
            server.start();
            ProcessFacts.say("READY ws://127.0.0.1:" + server.getPort() + "/bench");
        } else if (mode.equals("relayed") || mode.equals("http")) {
            RelayedServerContainer container = RelayedServerContainer.builder()
                    .connectionString(args[1])
                    .keepAliveInterval(Duration.ofSeconds(5))
                    .observer(new RelayListener.Observer() {
                        @Override
                        public void onConnecting(RelayListener listener, Throwable cause) {
                            ProcessFacts.say("EVENT CONNECTING " + cause);
                        }

                        @Override
                        public void onOnline(RelayListener listener) {
                            ProcessFacts.say("EVENT ONLINE");
                        }

                        @Override
                        public void onOffline(RelayListener listener, Throwable cause) {
                            ProcessFacts.say("EVENT OFFLINE " + cause);
                        }
                    })
                    .build();
            String hybridConnection;
            if (mode.equals("relayed")) {
                container.addEndpoint(BenchEndpoint.class);
                hybridConnection = "bench";
            } else {
                hybridConnection = "http";
                container.addHttpHandler(hybridConnection, RelayedHttpHandler.forwardTo(URI.create(args[2])));
            }
            RelayListener listener = container.listener(hybridConnection).orElseThrow();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!listener.isOnline() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            ProcessFacts.say(listener.isOnline() ? "READY relayed" : "ERROR listener not online: " + listener.lastError());
        } else {
            throw new IllegalArgumentException("mode must be direct, relayed or http, was " + mode);
        }
        ProcessFacts.commandLoop(command -> {
            if (command.equals("STATS")) {
                ProcessFacts.say("STATS " + ProcessFacts.stats());
            } else {
                ProcessFacts.say("ERROR unknown command " + command);
            }
        });
    }
}
