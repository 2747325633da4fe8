// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import com.sun.net.httpserver.HttpServer;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The origin JVM of the http scenario: the JDK's HTTP server on a free port of 127.0.0.1, answering
 * every request with 200 and the request's body. Prints {@code READY http://127.0.0.1:PORT};
 * commands {@code STATS}, {@code QUIT}.
 */
public final class HttpOriginMain {

    private HttpOriginMain() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        ExecutorService workers = Executors.newFixedThreadPool(16);
        server.setExecutor(workers);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        ProcessFacts.say("READY http://127.0.0.1:" + server.getAddress().getPort());
        ProcessFacts.commandLoop(command -> {
            if (command.equals("STATS")) {
                ProcessFacts.say("STATS " + ProcessFacts.stats());
            } else {
                ProcessFacts.say("ERROR unknown command " + command);
            }
        });
    }
}
