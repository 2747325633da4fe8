// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import io.github.hyco.relay.emulator.RelayEmulator;

/**
 * The emulator JVM: Hybrid Connections {@code bench} (our listener) and {@code node} (hyco-ws), and
 * {@code http} and {@code node-http} (the same for plain HTTP, hyco-https for Node), on
 * a free port. Prints {@code READY <connection string>}; commands {@code STOP}, {@code START}
 * (same port; answers {@code STOPPED}/{@code STARTED}), {@code STATS}, {@code QUIT}.
 */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        // the wildcard, so that senders can use 127.0.0.2 (see Bench.Relay); URIs and the
        // connection string still say 127.0.0.1
        RelayEmulator relay = RelayEmulator.builder().host("0.0.0.0").port(0)
                .hybridConnection("bench").hybridConnection("node")
                .hybridConnection("http").hybridConnection("node-http").start();
        ProcessFacts.say("READY " + relay.connectionString());
        ProcessFacts.commandLoop(command -> {
            switch (command) {
                case "STOP" -> {
                    relay.stop();
                    ProcessFacts.say("STOPPED");
                }
                case "START" -> {
                    relay.start();
                    ProcessFacts.say("STARTED");
                }
                case "STATS" -> ProcessFacts.say("STATS " + ProcessFacts.stats());
                default -> ProcessFacts.say("ERROR unknown command " + command);
            }
        });
    }
}
