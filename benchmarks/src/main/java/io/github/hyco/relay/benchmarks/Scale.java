// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 4: idle relayed sessions on one listener, filled level by level (16 concurrent
 * connects). At each level: 300 sequential connect latencies (sessions opened and closed again)
 * and the listener JVM's threads, heap after GC, RSS and open files, measured inside it.
 */
final class Scale {

    private final Bench bench;

    Scale(Bench bench) {
        this.bench = bench;
    }

    Object run(int run, Metrics m) throws Exception {
        Bench.Relay relay = bench.emulator("emulator-scale-" + run);
        List<Object> levels = new ArrayList<>();
        try (Child emulator = relay.child();
                Child listener = bench.listener("listener-scale-" + run, relay.connectionString());
                Child sender = bench.jvm("sender", "sender-scale-" + run, SenderMain.class,
                        List.of("scale", Boolean.toString(bench.quick), relay.sendTarget("relayed", "bench", listener)))) {
            double heap0 = Double.NaN;
            double rss0 = Double.NaN;
            double p50at0 = Double.NaN;
            JitWatch jit = new JitWatch(List.of(emulator, listener), bench.quick, m);
            while (true) {
                Child.Line line = sender.expect(30 * 60_000, "LEVEL", "DONE", "WARMUP");
                if (line.text().equals("DONE")) {
                    break;
                }
                if (line.text().startsWith("WARMUP")) {
                    jit.answer(sender, line.text());
                    continue;
                }
                JsonObject level = Bench.json(line.text().substring("LEVEL ".length()));
                listener.send("STATS");
                JsonObject ls = Bench.json(listener.expect(60_000, "STATS").text().substring("STATS ".length()));
                emulator.send("STATS");
                JsonObject es = Bench.json(emulator.expect(60_000, "STATS").text().substring("STATS ".length()));
                int n = level.getInt("level");
                String p = "scale." + n + ".";
                m.add(p + "open", level.getInt("open"));
                m.add(p + "connect_p50_us", Bench.num(level, "p50_us"));
                m.add(p + "connect_p99_us", Bench.num(level, "p99_us"));
                m.add(p + "fill_per_s", Bench.num(level, "fill_per_s"));
                m.add(p + "listener_threads", Bench.num(ls, "threads"));
                m.add(p + "listener_heap_mib", Bench.num(ls, "heapUsed") / (1 << 20));
                m.add(p + "listener_rss_mib", Bench.num(ls, "rss") / (1 << 20));
                m.add(p + "listener_fds", Bench.num(ls, "fds"));
                m.add(p + "emulator_threads", Bench.num(es, "threads"));
                m.add(p + "emulator_heap_mib", Bench.num(es, "heapUsed") / (1 << 20));
                m.add(p + "emulator_rss_mib", Bench.num(es, "rss") / (1 << 20));
                JsonObject ss = level.getJsonObject("sender");
                m.add(p + "sender_threads", Bench.num(ss, "threads"));
                m.add(p + "sender_heap_mib", Bench.num(ss, "heapUsed") / (1 << 20));
                if (n == 0) {
                    heap0 = Bench.num(ls, "heapUsed");
                    rss0 = Bench.num(ls, "rss");
                    p50at0 = Bench.num(level, "p50_us");
                } else {
                    int open = level.getInt("open");
                    m.add(p + "heap_per_session_kib", (Bench.num(ls, "heapUsed") - heap0) / open / 1024);
                    m.add(p + "rss_per_session_kib", (Bench.num(ls, "rss") - rss0) / open / 1024);
                    m.add(p + "p50_vs_0", Bench.num(level, "p50_us") / p50at0);
                }
                if (n == (bench.quick ? 1_000 : Bench.SCALE_TOP)) {
                    // the same sessions after 15 s without traffic: idle pool threads have timed out
                    Thread.sleep(15_000);
                    listener.send("STATS");
                    JsonObject settled = Bench.json(listener.expect(60_000, "STATS").text().substring("STATS ".length()));
                    m.add(p + "listener_threads_settled", Bench.num(settled, "threads"));
                    m.add(p + "heap_per_session_kib_settled", (Bench.num(settled, "heapUsed") - heap0) / level.getInt("open") / 1024);
                    m.notes.put("Listener threads by name at " + n + " sessions after 15 s idle", String.valueOf(settled.get("thread_names")));
                }
                if (n == 0 || n == (bench.quick ? 1_000 : Bench.SCALE_TOP)) {
                    m.notes.put("Listener threads by name at " + n + " sessions", String.valueOf(ls.get("thread_names")));
                    m.notes.put("Emulator threads by name at " + n + " sessions", String.valueOf(es.get("thread_names")));
                }
                Bench.log("scale level " + n + ": " + level + " listener " + ls + " emulator " + es);
                levels.add(Json.createObjectBuilder().add("level", level).add("listener", ls).add("emulator", es).build());
                sender.send("CONTINUE");
            }
        }
        return Json.createObjectBuilder().add("run", run)
                .add("levels", Json.createArrayBuilder(levels.stream().map(jakarta.json.JsonValue.class::cast).toList()))
                .build();
    }
}
