// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import io.github.hyco.relay.emulator.AccessRight;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the emulator was configured with; validated by the public builder.
 *
 * @param tlsPort -1 for no TLS listener
 * @param keyStore null for a self-signed certificate generated at start
 * @param entities entity name to "requires client authorization"
 * @param idleTimeout null to never close idle connections
 * @param fragmentSize relayed frames larger than this are split into fragments; 0 passes them whole
 * @param listenerPingInterval how long a control channel may be silent before the relay pings it
 * @param listenerPingTimeout how long the relay waits for the answer before it drops the listener
 * @param gatewayHost null to point accept addresses back at the host the listener dialled
 * @param httpResponseTimeout how long a relayed HTTP request waits for its listener's response
 * @param forwardPings whether pings and pongs on a relayed connection cross to the other side
 *        instead of the relay answering each hop's pings
 */
public record Settings(String host, int port, int tlsPort, Path keyStore, char[] keyStorePassword,
        String namespace, List<Rule> rules, Map<String, Boolean> entities, boolean autoCreate,
        Duration handshakeTimeout, Duration acceptTimeout, Duration idleTimeout, int maxFrameSize,
        int fragmentSize, Duration listenerPingInterval, Duration listenerPingTimeout, String gatewayHost,
        int maxWorkerThreads, Duration httpResponseTimeout, boolean forwardPings) {

    /** A shared access policy: key name, key and rights. */
    public record Rule(String keyName, String key, Set<AccessRight> rights) {

        boolean grants(AccessRight right) {
            return rights.contains(AccessRight.MANAGE) || rights.contains(right);
        }
    }
}
