// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

/** A request the relay answers with an HTTP error instead of an upgrade. */
final class RelayFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    RelayFailure(int status, String description) {
        super(description, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    String description() {
        return getMessage();
    }
}
