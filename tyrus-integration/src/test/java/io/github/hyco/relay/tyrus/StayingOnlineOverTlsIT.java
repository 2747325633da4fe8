// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.RelayedServerOptions;

/**
 * Every fault of {@link StayingOnlineIT} with the listener over {@code wss://}, as production runs
 * it (Azure is reachable only over TLS on 443); senders stay on the emulator's plain port.
 */
class StayingOnlineOverTlsIT extends StayingOnlineIT {

    @Override
    RelayedServerOptions.Builder connection() {
        return RelayedServerContainer.builder().connectionString(relay.tlsConnectionString())
                .sslContext(relay.sslContext());
    }
}
