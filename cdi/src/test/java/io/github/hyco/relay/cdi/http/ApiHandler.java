// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.http;

import io.github.hyco.relay.RelayedHttpHandler;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The HTTP handler of the Hybrid Connection {@code api}, as an application would produce it. */
@Dependent
public class ApiHandler {

    @Produces
    @Named("api")
    RelayedHttpHandler handler() {
        return (request, response) -> {
            response.setStatus(200);
            try (OutputStream out = response.body()) {
                out.write(("api bean saw " + request.method() + " " + request.pathAfterHybridConnection())
                        .getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
