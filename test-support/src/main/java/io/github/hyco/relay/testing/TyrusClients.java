// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.testing;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/** A plain Tyrus client for tests that connect and close all the time. */
public final class TyrusClients {

    /**
     * Gives the shared client's sessions their executors: a client that never connects, so Tyrus
     * never shuts them down. Tyrus does so whenever a client's last connection closes, racing with
     * the next connect (tyrus#640; seen in CI as RejectedExecutionException on a send).
     */
    private static final ClientManager SESSION_EXECUTORS = ClientManager.createClient();
    private static final ClientManager SHARED = create();

    private TyrusClients() {
    }

    private static ClientManager create() {
        ClientManager client = ClientManager.createClient(SESSION_EXECUTORS);
        client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, 20_000);
        return client;
    }

    /**
     * One client for the whole JVM, on Tyrus's shared Grizzly transport, with a 20-s handshake
     * timeout; not our container: plain Tyrus.
     */
    public static ClientManager shared() {
        return SHARED;
    }
}
