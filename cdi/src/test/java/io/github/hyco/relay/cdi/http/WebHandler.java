// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.http;

import io.github.hyco.relay.RelayedHttpHandler;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

/** A handler bean for {@code web}, which the tests also configure with a key: a conflict. */
@Dependent
public class WebHandler {

    @Produces
    @Named("web")
    RelayedHttpHandler handler() {
        return (request, response) -> response.setStatus(204);
    }
}
