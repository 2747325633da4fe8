// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 6: how long a good accept waits behind rendezvous dials that a hostile or slow relay
 * never answers, and what a flood of accepts costs (see {@link AcceptsMain}, which runs the
 * listener and the relay in one JVM: the relay is a few threads of blocking sockets).
 */
final class Accepts {

    private final Bench bench;

    Accepts(Bench bench) {
        this.bench = bench;
    }

    Object run(int run, Metrics m) throws Exception {
        List<JsonObject> results = new ArrayList<>();
        try (Child child = bench.jvm("listener", "accepts-" + run, AcceptsMain.class,
                List.of("-DhostileRelay.maxConnections=4096"), List.of(Boolean.toString(bench.quick)))) {
            while (true) {
                Child.Line line = child.expect(10 * 60_000, "RESULT", "DONE");
                if (line.text().equals("DONE")) {
                    break;
                }
                JsonObject r = Bench.json(line.text().substring("RESULT ".length()));
                results.add(r);
                Bench.log("accepts " + r);
                if (r.getString("kind").equals("delay")) {
                    String p = "accepts." + r.getInt("stalled") + "_stalled.";
                    m.add(p + "p50_us", Bench.num(r, "p50_us"));
                    m.add(p + "p99_us", Bench.num(r, "p99_us"));
                    m.add(p + "max_us", Bench.num(r, "max_us"));
                } else {
                    m.add("accepts.flood.heap_growth_kib", Bench.num(r, "heap_growth_kib"));
                    m.add("accepts.flood.dropped", Bench.num(r, "dropped"));
                    m.add("accepts.flood.waiting", Bench.num(r, "waiting"));
                    m.add("accepts.flood.listener_threads", Bench.num(r, "listener_threads"));
                }
            }
        }
        return Json.createObjectBuilder().add("run", run)
                .add("results", Json.createArrayBuilder(results.stream().map(JsonValue.class::cast).toList())).build();
    }
}
