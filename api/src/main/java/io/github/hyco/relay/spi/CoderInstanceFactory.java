// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.spi;

/**
 * Implemented by a {@code ServerEndpointConfig.Configurator} that makes its endpoint's encoders and
 * decoders itself, as Jakarta EE servers make them with CDI (so that beans can be injected into
 * them). A relayed container asks it for each encoder and decoder a session uses, instead of
 * calling the coder's no-argument constructor, then calls the coder's {@code init}; after the
 * session has ended and the coder's {@code destroy} has run, it calls {@link #releaseCoder}.
 */
public interface CoderInstanceFactory {

    /**
     * @param coderClass an encoder or decoder class of the endpoint
     * @throws InstantiationException if it cannot be made (the message then cannot be decoded or
     *         encoded, as when a server fails to make a coder)
     */
    <T> T createCoder(Class<T> coderClass) throws InstantiationException;

    /** Destroys what {@link #createCoder} made for a session that has ended. */
    void releaseCoder(Object coder);
}
