// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.parity.apps;

import io.github.hyco.relay.RelayEndpoint;

import jakarta.websocket.server.ServerEndpoint;

@RelayEndpoint("app-b")
@ServerEndpoint(value = "/app-b", configurator = AppConfigurator.class, decoders = WordDecoder.class,
        encoders = WordEncoder.class)
public class EndpointB extends AppEndpoint {
}
