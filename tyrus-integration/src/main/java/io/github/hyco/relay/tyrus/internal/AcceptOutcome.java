// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

/**
 * How one accept ended, returned by the {@link AcceptPath} to the listener, which counts, logs and
 * reports it.
 *
 * @param kind which counter of {@code RelayListener.Facts} it goes to
 * @param trackingId the relay's tracking id of the connection ("" if the accept had none)
 * @param detail what happened, for logs and errors; null for a plain success
 * @param error the failure to report through {@code onError}, or null
 */
record AcceptOutcome(Kind kind, String trackingId, String detail, Throwable error) {

    enum Kind { DIALLED, REJECTED, REFUSED, EXPIRED, FAILED }

    static AcceptOutcome dialled(String trackingId) {
        return new AcceptOutcome(Kind.DIALLED, trackingId, null, null);
    }

    static AcceptOutcome rejected(String trackingId, int status, String description) {
        return new AcceptOutcome(Kind.REJECTED, trackingId, status + " " + description, null);
    }
}
