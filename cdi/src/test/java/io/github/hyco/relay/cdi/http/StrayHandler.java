// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.http;

import io.github.hyco.relay.RelayedHttpHandler;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

/** A handler bean for a Hybrid Connection without endpoints: it would serve nothing. */
@Dependent
public class StrayHandler {

    @Produces
    @Named("nowhere")
    RelayedHttpHandler handler() {
        return (request, response) -> response.setStatus(204);
    }
}
