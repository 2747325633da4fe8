// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports of the loopback interface for tests. */
public final class Ports {

    private Ports() {
    }

    /**
     * A loopback port nothing listens on: bound and released at once, so that a connect to it is
     * refused, and a server of the test's own may bind it.
     */
    public static int unusedLoopback() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
