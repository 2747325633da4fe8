// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RelayExceptionTest {

    @Test
    void ofMapsStatusesToTypes() {
        assertThat(RelayException.of(404, "Endpoint does not exist.", "t1"))
                .isInstanceOf(EndpointNotFoundException.class);
        assertThat(RelayException.of(401, "bad token", null)).isInstanceOf(AuthorizationFailedException.class);
        assertThat(RelayException.of(403, "no Listen right", null)).isInstanceOf(AuthorizationFailedException.class);
        assertThat(RelayException.of(418, "teapot", null)).isExactlyInstanceOf(RelayException.class);
    }

    @Test
    void theTrackingIdIsTakenFromTheDescriptionWhenNotGiven() {
        RelayException e = RelayException.of(404, "Endpoint does not exist. TrackingId:0f5b_G3, "
                + "SystemTracker:sb://ns/hyco, Timestamp:5/7/2018 5:51:25 PM", null);

        assertThat(e.trackingId()).contains("0f5b_G3");
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.getMessage()).startsWith("404 Endpoint does not exist.");
        assertThat(RelayException.of(500, "oops", "given").trackingId()).contains("given");
        assertThat(new RelayException(0, null, null).getMessage()).isEqualTo("(no description)");
    }

    @Test
    void theTypedExceptionsCarryTheirCause() {
        java.io.IOException cause = new java.io.IOException("handshake failed");

        RelayException e = RelayException.of(401, "expired", "t", cause);

        assertThat(e).isInstanceOf(AuthorizationFailedException.class).hasCause(cause);
        assertThat(RelayException.of(500, "oops", null, null).getCause()).isNull();
    }
}
