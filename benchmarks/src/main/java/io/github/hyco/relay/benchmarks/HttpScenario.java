// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Scenario 7: plain HTTP requests to one origin (the JDK's HTTP server in its own JVM, answering
 * each body back) sent directly, through the emulator to our listener's
 * {@code RelayedHttpHandler.forwardTo(origin)}, and through the emulator to a hyco-https listener
 * that forwards the same way (see {@link HttpSenderMain}).
 */
final class HttpScenario {

    private final Bench bench;

    HttpScenario(Bench bench) {
        this.bench = bench;
    }

    Object run(int run, Metrics m) throws Exception {
        Bench.Relay relay = bench.emulator("emulator-http-" + run);
        List<Child> children = new ArrayList<>(List.of(relay.child()));
        List<JsonObject> results = new ArrayList<>();
        try {
            // TCP_NODELAY, as application servers have it: without it each small response of the JDK's server
            // waited about 40 ms on the forwarders' pooled connections (Nagle against delayed ACKs)
            Child origin = bench.jvm("direct", "origin-http-" + run, HttpOriginMain.class,
                    List.of("-Dsun.net.httpserver.nodelay=true"), List.of());
            children.add(origin);
            String originUri = origin.expect(60_000, "READY").text().substring("READY ".length());
            Child listener = bench.jvm("listener", "listener-http-" + run, ServerMain.class,
                    List.of("http", relay.connectionString(), originUri));
            children.add(listener);
            listener.expect(60_000, "READY");
            List<String> targets = new ArrayList<>(List.of(Bench.target("direct", originUri + "/", "", origin),
                    relay.httpTarget("relayed", "http", listener)));
            if (bench.node) {
                Child hycoHttps = bench.node("hyco-https-listener", "node-http", relay.connectionString(), List.of(originUri));
                children.add(hycoHttps);
                targets.add(relay.httpTarget("hyco-https", "node-http", hycoHttps));
            }
            Collections.rotate(targets, run - 1);
            List<String> args = new ArrayList<>(List.of(Boolean.toString(bench.quick)));
            args.addAll(targets);
            try (Child sender = bench.jvm("sender", "sender-http-" + run, HttpSenderMain.class,
                    List.of("-Dhttp.keepAlive=false"), args)) {
                while (true) {
                    Child.Line line = sender.expect(10 * 60_000, "RESULT", "DONE");
                    if (line.text().equals("DONE")) {
                        break;
                    }
                    JsonObject r = Bench.json(line.text().substring("RESULT ".length()));
                    results.add(r);
                    Bench.log("http " + r);
                }
            }
        } finally {
            for (Child c : children) {
                c.close();
            }
        }
        record(results, m);
        return Json.createObjectBuilder().add("run", run)
                .add("results", Json.createArrayBuilder(results.stream().map(JsonValue.class::cast).toList())).build();
    }

    private static void record(List<JsonObject> results, Metrics m) {
        for (JsonObject r : results) {
            String p = "http." + Report.size(r.getInt("size")) + "." + r.getString("target") + ".";
            for (String field : List.of("p50_us", "p99_us", "requests_per_s")) {
                m.add(p + field, Bench.num(r, field));
            }
        }
        // ratios within this run
        for (int size : HttpSenderMain.SIZES) {
            String p = "http." + Report.size(size) + ".";
            for (String field : List.of("p50_us", "requests_per_s")) {
                List<Double> relayed = m.get(p + "relayed." + field);
                for (String other : List.of("direct", "hyco-https")) {
                    List<Double> them = m.get(p + other + "." + field);
                    if (!relayed.isEmpty() && !them.isEmpty()) {
                        m.add(p + "relayed/" + other + "." + field,
                                relayed.get(relayed.size() - 1) / them.get(them.size() - 1));
                    }
                }
            }
        }
    }
}
