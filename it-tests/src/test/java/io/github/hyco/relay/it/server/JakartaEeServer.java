// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.server;

import java.io.File;

/** A Jakarta EE server started by a test, as {@link RelayWarScenario} drives it. */
public interface JakartaEeServer extends AutoCloseable {

    /** The port of the server's own HTTP (and WebSocket) listener on 127.0.0.1. */
    int httpPort();

    /** Deploys a WAR under {@code contextRoot} and returns once it is running; returns the application's name. */
    String deploy(File war, String contextRoot) throws Exception;

    /** Undeploys an application and returns once it is gone. */
    void undeploy(String application) throws Exception;
}
