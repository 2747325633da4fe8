// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.internal;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Implemented by the sessions a relayed container gives its endpoints, so that
 * {@link io.github.hyco.relay.RelaySessions} can read the relay's facts without depending on the
 * implementation.
 */
public interface RelayFacts {

    String relayTrackingId();

    String relayHybridConnection();

    Optional<InetSocketAddress> relayRemoteAddress();
}
