// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.spi;

/**
 * Implemented by a {@code ServerEndpointConfig.Configurator} whose endpoint instances need to be
 * destroyed when their session ends, such as CDI beans ({@code @PreDestroy}). A relayed container
 * calls it once per instance it got from {@code getEndpointInstance}, after the session closed
 * (after {@code @OnClose}), or when the connection failed before the session opened.
 */
public interface EndpointInstanceReleaser {

    void releaseEndpointInstance(Object endpointInstance);
}
