// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code <scenario>.json}, a markdown section per scenario, {@code RESULTS.md} and the chart. */
final class Report {

    private final Path out;

    Report(Path out) {
        this.out = out;
    }

    static String size(int bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + "MiB" : bytes >= 1024 ? (bytes >> 10) + "KiB" : bytes + "B";
    }

    static JsonValue n(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? JsonValue.NULL : Json.createValue(v);
    }

    @SuppressWarnings("unchecked")
    static JsonValue toJson(Object o) {
        if (o instanceof JsonValue v) {
            return v;
        }
        if (o instanceof Number num) {
            return n(num.doubleValue());
        }
        if (o instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (o instanceof Map<?, ?> map) {
            JsonObjectBuilder b = Json.createObjectBuilder();
            ((Map<String, Object>) map).forEach((k, v) -> b.add(k, toJson(v)));
            return b.build();
        }
        if (o instanceof List<?> list) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            list.forEach(v -> b.add(toJson(v)));
            return b.build();
        }
        return o == null ? JsonValue.NULL : Json.createValue(String.valueOf(o));
    }

    void write(String scenario, Map<String, Object> info, Metrics m, List<Object> raw) throws IOException {
        JsonObjectBuilder summary = Json.createObjectBuilder();
        m.values.forEach((k, values) -> summary.add(k, Json.createObjectBuilder()
                .add("median", n(Stats.median(values))).add("min", n(Stats.min(values)))
                .add("max", n(Stats.max(values))).add("values", toJson(values))));
        List<String[]> targets = targets(scenario, m);
        JsonArrayBuilder t = Json.createArrayBuilder();
        for (String[] row : targets) {
            t.add(Json.createObjectBuilder().add("target", row[0]).add("measured", row[1]).add("result", row[2]));
        }
        JsonObject doc = Json.createObjectBuilder((JsonObject) toJson(info)).add("summary", summary)
                .add("targets", t).add("raw", toJson(raw)).build();
        JsonWriterFactory f = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        StringWriter s = new StringWriter();
        f.createWriter(s).write(doc);
        Files.writeString(out.resolve(scenario + ".json"), s.toString().trim() + "\n", StandardCharsets.UTF_8);
        Path sections = out.resolve("sections");
        Files.createDirectories(sections);
        Files.writeString(sections.resolve(scenario + ".md"), section(scenario, info, m, targets), StandardCharsets.UTF_8);
    }

    void writeSummary(Map<String, Object> machine) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# hyco-jakarta benchmarks (issue 7)\n\n");
        md.append("Relayed = our `RelayedServerContainer` listener through the emulator; direct = the same endpoint class on a ")
                .append("standalone Tyrus server (no relay hop); hyco-ws = the Node `hyco-ws` `createRelayedServer` listener through ")
                .append("the same emulator. Emulator, listener(s) and sender run in separate processes on the same machine; the sender ")
                .append("dials every target with the same client (`HybridConnections.relayedConnect`, no token for direct). ")
                .append("Each cell: median over the runs [min–max]. Ratios are taken within each run, then the median is reported.\n\n");
        md.append("Machine (of the latest invocation): ").append(machine).append("\n\n");
        md.append("![headline](headline.png)\n\n");
        for (String scenario : Bench.ALL) {
            Path section = out.resolve("sections").resolve(scenario + ".md");
            if (Files.exists(section)) {
                md.append(Files.readString(section)).append("\n");
            }
        }
        Files.writeString(out.resolve("RESULTS.md"), md.toString(), StandardCharsets.UTF_8);
        Chart.draw(out, out.resolve("headline.png"));
    }

    // ---- formatting

    static String f(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        String p = a >= 1000 ? "%.0f" : a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, p, v);
    }

    /** How the warm-up of each target ended (see {@link JitWatch}); {@code chunk} says what one chunk is. */
    static String warmUp(Metrics m, String chunk, String... targets) {
        StringBuilder b = new StringBuilder("Each target is first warmed up in chunks of " + chunk
                + " until the JVMs on its path (sender, emulator, listener or direct server) together spent less than "
                + JitWatch.SETTLED_MS + " ms compiling in one chunk (at most " + JitWatch.MAX_CHUNKS + " chunks):");
        String sep = " ";
        for (String t : targets) {
            if (!m.get("warmup." + t + ".chunks").isEmpty()) {
                b.append(sep).append(t).append(" ").append(cell(m, "warmup." + t + ".chunks")).append(" chunks (compile ms in the last: ")
                        .append(cell(m, "warmup." + t + ".last_chunk_compile_ms")).append(")");
                sep = ", ";
            }
        }
        return b.append(".").toString();
    }

    private static final String CONNECT_CHUNK = SenderMain.WARM_UP_CHUNK_MS / 1000 + " s of connect+close, "
            + SenderMain.WARM_UP_THREADS + " at a time,";

    static String cell(Metrics m, String key) {
        List<Double> v = m.get(key);
        if (v.isEmpty()) {
            return "–";
        }
        if (v.size() == 1) {
            return f(v.get(0));
        }
        return f(Stats.median(v)) + " [" + f(Stats.min(v)) + "–" + f(Stats.max(v)) + "]";
    }

    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> b.append("---|"));
        b.append('\n');
        for (List<String> r : rows) {
            b.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return b.toString();
    }

    private static String section(String scenario, Map<String, Object> info, Metrics m, List<String[]> targets) {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(switch (scenario) {
            case "echo" -> "1. Echo round trip (latency, µs)";
            case "throughput" -> "2. One-way throughput (binary, 1 session)";
            case "connect" -> "3. Connection set-up";
            case "scale" -> "4. Scale: concurrent idle relayed sessions on one listener";
            case "recovery" -> "5. Recovery after a relay outage";
            case "accepts" -> "6. Accepts behind stalled dials";
            case "http" -> "7. Plain HTTP requests to one origin";
            case "soak" -> "8. Echo soak: sequential round trips of " + size(SenderMain.SOAK_SIZE)
                    + " on one session, relayed vs direct (latency, µs)";
            default -> scenario;
        }).append("\n\n");
        md.append("Runs: ").append(info.get("runs")).append(Boolean.TRUE.equals(info.get("quick")) ? " (--quick)" : "")
                .append("; ").append(info.get("started")).append(" → ").append(info.get("finished"))
                .append("; load before ").append(((Map<?, ?>) info.get("load_before")).get("loadavg"))
                .append(", after ").append(((Map<?, ?>) info.get("load_after")).get("loadavg")).append(".\n\n");
        List<String> targetsPresent = new ArrayList<>();
        for (String t : List.of("direct", "relayed", "hyco-ws")) {
            if (m.values.keySet().stream().anyMatch(k -> k.contains("." + t + "."))) {
                targetsPresent.add(t);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        switch (scenario) {
            case "echo" -> {
                List<String> h = new ArrayList<>(List.of("case (size/sessions)"));
                for (String t : targetsPresent) {
                    h.addAll(List.of(t + " p50", t + " p99", t + " p99.9"));
                }
                h.addAll(List.of("relayed/direct p50", "relayed/direct p99", "relayed/hyco-ws p50"));
                for (String kase : List.of("64B/1s", "64B/16s", "4096B/1s", "4096B/16s")) {
                    List<String> r = new ArrayList<>(List.of(kase.replace("s", " sess.").replace("B/", " B / ")));
                    for (String t : targetsPresent) {
                        for (String p : List.of("p50_us", "p99_us", "p999_us")) {
                            r.add(cell(m, "echo." + kase + "." + t + "." + p));
                        }
                    }
                    r.add(cell(m, "echo." + kase + ".relayed/direct.p50_us"));
                    r.add(cell(m, "echo." + kase + ".relayed/direct.p99_us"));
                    r.add(cell(m, "echo." + kase + ".relayed/hyco-ws.p50_us"));
                    rows.add(r);
                }
                md.append(table(h, rows));
            }
            case "throughput" -> {
                List<String> h = new ArrayList<>(List.of("size"));
                for (String t : targetsPresent) {
                    h.add(t + " MB/s");
                }
                for (String t : targetsPresent) {
                    h.add(t + " msg/s");
                }
                h.addAll(List.of("relayed/direct", "relayed/hyco-ws"));
                for (String t : targetsPresent) {
                    h.add(t + " server CPU ms/MB");
                }
                h.add("server CPU per MB, relayed/hyco-ws");
                List<String> relayedTargets = targetsPresent.stream().filter(t -> !t.equals("direct")).toList();
                for (String t : relayedTargets) {
                    h.add("emulator CPU ms/MB relaying to " + t);
                }
                for (String kase : List.of("1KiB", "64KiB", "1MiB")) {
                    List<String> r = new ArrayList<>(List.of(kase));
                    for (String t : targetsPresent) {
                        r.add(cell(m, "throughput." + kase + "." + t + ".mb_per_s"));
                    }
                    for (String t : targetsPresent) {
                        r.add(cell(m, "throughput." + kase + "." + t + ".messages_per_s"));
                    }
                    r.add(cell(m, "throughput." + kase + ".relayed/direct.mb_per_s"));
                    r.add(cell(m, "throughput." + kase + ".relayed/hyco-ws.mb_per_s"));
                    for (String t : targetsPresent) {
                        r.add(cell(m, "throughput." + kase + "." + t + ".server_cpu_ms_per_mb"));
                    }
                    r.add(cell(m, "throughput." + kase + ".relayed/hyco-ws.server_cpu_ms_per_mb"));
                    for (String t : relayedTargets) {
                        r.add(cell(m, "throughput." + kase + "." + t + ".emulator_cpu_ms_per_mb"));
                    }
                    rows.add(r);
                }
                md.append(table(h, rows));
                md.append("\nMB = 10^6 bytes. The sender sends as fast as synchronous `sendBinary` allows for the measuring time, then `END`; the time ends when the listener confirms it received everything. "
                        + warmUp(m, "1.5 s of the same sending, per size", "direct", "relayed", "hyco-ws") + " "
                        + "Server CPU is what the process serving the target (direct server, our listener JVM, the hyco-ws Node process) used during the measuring time, "
                        + "all threads including those that ended (utime + stime of /proc/PID/stat, 10 ms ticks), per MB received: what its throughput would be bounded by if it, not the shared relay and sender, were the bottleneck. "
                        + "Emulator CPU is the same measure of the emulator's process over the same measuring time (it relays to one target at a time, "
                        + "so all of it is that target's traffic), per MB relayed: what every user's tests pay for the relay hop.\n");
            }
            case "connect" -> {
                for (String t : targetsPresent) {
                    rows.add(List.of(t, cell(m, "connect." + t + ".p50_us"), cell(m, "connect." + t + ".p99_us"),
                            cell(m, "connect." + t + ".sessions_per_s"), cell(m, "connect." + t + ".loaded_p50_us"),
                            cell(m, "connect." + t + ".loaded_p99_us"), cell(m, "connect." + t + ".server_cpu_us_per_connect"),
                            cell(m, "connect." + t + ".emulator_cpu_us_per_connect")));
                }
                md.append(table(List.of("listener", "connect p50 µs (one at a time)", "p99 µs", "new sessions/s (8 concurrent, connect+close)",
                        "p50 µs under load", "p99 µs under load", "server CPU µs per connect+close (under load)",
                        "emulator CPU µs per connect+close (under load)"), rows));
                md.append("\nRatios: relayed/direct p50 ").append(cell(m, "connect.relayed/direct.p50_us"))
                        .append(", relayed/hyco-ws p50 ").append(cell(m, "connect.relayed/hyco-ws.p50_us"))
                        .append(", relayed/direct sessions/s ").append(cell(m, "connect.relayed/direct.sessions_per_s"))
                        .append(", relayed/hyco-ws sessions/s ").append(cell(m, "connect.relayed/hyco-ws.sessions_per_s"))
                        .append(", relayed/hyco-ws server CPU per connect ").append(cell(m, "connect.relayed/hyco-ws.server_cpu_us_per_connect")).append(".\n")
                        .append("\n").append(warmUp(m, CONNECT_CHUNK, "direct", "relayed", "hyco-ws"))
                        .append(" Then 300 connections are timed one at a time, then 8 threads connect and close for 5 s; ")
                        .append("server and emulator CPU (utime + stime of their processes) are taken over those 5 s, per connect+close.\n");
            }
            case "scale" -> {
                for (int level : scaleLevels(m)) {
                    String p = "scale." + level + ".";
                    rows.add(List.of(String.valueOf(level), cell(m, p + "open"), cell(m, p + "connect_p50_us"), cell(m, p + "connect_p99_us"),
                            cell(m, p + "p50_vs_0"), cell(m, p + "listener_threads"), cell(m, p + "listener_heap_mib"),
                            cell(m, p + "heap_per_session_kib"), cell(m, p + "listener_rss_mib"), cell(m, p + "rss_per_session_kib"),
                            cell(m, p + "listener_fds"), cell(m, p + "fill_per_s"), cell(m, p + "emulator_threads"),
                            cell(m, p + "emulator_heap_mib"), cell(m, p + "emulator_rss_mib"), cell(m, p + "sender_threads")));
                }
                md.append(table(List.of("level", "open", "connect p50 µs", "p99 µs", "p50 / p50 at 0", "listener threads",
                        "listener heap MiB (after GC)", "heap KiB/session", "listener RSS MiB", "RSS KiB/session", "listener fds",
                        "fill sessions/s (16 concurrent)", "emulator threads", "emulator heap MiB", "emulator RSS MiB", "sender threads"), rows));
                md.append("\nThreads and heap are measured inside the listener JVM right after the level is reached (after 2 × System.gc()); "
                        + "at the top level also after 15 s without traffic: listener threads " + cell(m, "scale." + (scaleLevels(m).isEmpty() ? 0 : scaleLevels(m).get(scaleLevels(m).size() - 1)) + ".listener_threads_settled")
                        + ", heap KiB/session " + cell(m, "scale." + (scaleLevels(m).isEmpty() ? 0 : scaleLevels(m).get(scaleLevels(m).size() - 1)) + ".heap_per_session_kib_settled") + ".\n");
                md.append("\n").append(warmUp(m, CONNECT_CHUNK, "relayed")).append(" Connect latencies at a level are 300 connections ")
                        .append("opened and closed one at a time, 1 s after the level is reached. Senders reach the emulator at ")
                        .append(Bench.Relay.SENDER_FACING_HOST).append(", listeners at 127.0.0.1 (see Bench.Relay).\n");
                md.append("\nThe top level is " + Bench.SCALE_TOP + ", not 10,000: the relay holds two sockets per relayed session (sender and rendezvous), "
                        + "and the hard open-files limit of every process on this machine is 20,000 (not raisable here, even as root). "
                        + "Per-session figures are (value at level − value at 0) / open sessions.\n");
            }
            case "recovery" -> {
                for (String key : m.values.keySet().stream().filter(k -> k.endsWith(".recovery_ms")).toList()) {
                    String p = key.substring(0, key.length() - "recovery_ms".length());
                    rows.add(List.of(p.substring("recovery.".length(), p.length() - 1), cell(m, p + "recovery_ms"),
                            cell(m, p + "failed_attempts"), cell(m, p + "ladder_step_ms"), cell(m, p + "delay_waited_ms"),
                            cell(m, p + "online_to_served_ms"), cell(m, p + "bound_ms")));
                }
                md.append(table(List.of("outage", "recovery ms (relay up → new sender served)", "failed attempts during outage",
                        "ladder step in effect ms", "delay actually waited ms", "listener online → sender served ms",
                        "bound ms (step × 1.2 jitter + 1 s)"), rows));
                md.append("\nDefault reconnect ladder 0, 1, 2, 5, 10, 30 s with ±20 % jitter; the probe sender retries every 10 ms.\n");
            }
            case "accepts" -> {
                for (String key : m.values.keySet().stream().filter(k -> k.startsWith("accepts.")
                        && k.endsWith("_stalled.p50_us")).toList()) {
                    String p = key.substring(0, key.length() - "p50_us".length());
                    rows.add(List.of(p.substring("accepts.".length(), p.indexOf("_stalled")), cell(m, p + "p50_us"),
                            cell(m, p + "p99_us"), cell(m, p + "max_us")));
                }
                md.append(table(List.of("stalled dials (of 128 slots)", "good accept → served p50 µs", "p99 µs", "max µs"),
                        rows));
                md.append("\nA good accept is timed from the relay sending it to the endpoint's greeting arriving on its "
                        + "rendezvous; stalled dials are rendezvous upgrades the relay reads and never answers (the tests' "
                        + "HostileRelay, raw sockets, in the listener's JVM). Then, with all 128 slots stalled, 10,000 accepts: "
                        + "heap growth after GC " + cell(m, "accepts.flood.heap_growth_kib") + " KiB, "
                        + cell(m, "accepts.flood.waiting") + " waiting (maxPendingAccepts), " + cell(m, "accepts.flood.dropped")
                        + " dropped and counted, " + cell(m, "accepts.flood.listener_threads") + " listener threads (hyco-relay-* and "
                        + "Tyrus's Grizzly transport; 128 of them are the stalled dials).\n");
            }
            case "soak" -> {
                for (String t : targetsPresent) {
                    String p = "soak." + t + ".";
                    rows.add(List.of(t, cell(m, p + "p50_us"), cell(m, p + "p99_us"), cell(m, p + "p999_us"), cell(m, p + "max_us"),
                            cell(m, p + "over_1ms"), cell(m, p + "seconds"), cell(m, p + "server_cpu_us_per_round_trip"),
                            cell(m, p + "emulator_cpu_us_per_round_trip")));
                }
                md.append(table(List.of("target", "p50", "p99", "p99.9", "max", "round trips over 1 ms", "seconds",
                        "server CPU µs per round trip", "emulator CPU µs per round trip"), rows));
                md.append("\nRatios relayed/direct: p50 ").append(cell(m, "soak.relayed/direct.p50_us"))
                        .append(", p99 ").append(cell(m, "soak.relayed/direct.p99_us"))
                        .append(", **p99.9 ").append(cell(m, "soak.relayed/direct.p999_us")).append("**")
                        .append(", max ").append(cell(m, "soak.relayed/direct.max_us")).append(".\n\n")
                        .append(warmUp(m, SenderMain.SOAK_WARM_UP_CHUNK_MS / 1000 + " s of the same round trips", "direct", "relayed"))
                        .append(" Then ").append(String.format(Locale.ROOT, "%,d", (long) m.max("soak.relayed.round_trips")))
                        .append(" text messages of ").append(SenderMain.SOAK_SIZE)
                        .append(" bytes, each sent (`getBasicRemote().sendText`) once the echo of the one before has arrived, on one session; ")
                        .append("every round trip is a sample (nearest-rank percentiles over all of them). Server and emulator CPU: ")
                        .append("utime + stime of their processes over the timed round trips. Direct = the same endpoint on a plain Tyrus ")
                        .append("server (no relay hop); hyco-ws is left out to keep the run short.\n");
            }
            case "http" -> {
                List<String> present = List.of("direct", "relayed", "hyco-https").stream()
                        .filter(t -> m.values.keySet().stream().anyMatch(k -> k.contains("." + t + "."))).toList();
                List<String> h = new ArrayList<>(List.of("body"));
                for (String t : present) {
                    h.addAll(List.of(t + " p50 µs", t + " p99 µs", t + " req/s"));
                }
                h.addAll(List.of("relayed/direct p50", "relayed/direct req/s", "relayed/hyco-https p50",
                        "relayed/hyco-https req/s"));
                for (int size : HttpSenderMain.SIZES) {
                    String p = "http." + size(size) + ".";
                    List<String> r = new ArrayList<>(List.of(size(size)));
                    for (String t : present) {
                        for (String field : List.of("p50_us", "p99_us", "requests_per_s")) {
                            r.add(cell(m, p + t + "." + field));
                        }
                    }
                    for (String ratio : List.of("relayed/direct.p50_us", "relayed/direct.requests_per_s",
                            "relayed/hyco-https.p50_us", "relayed/hyco-https.requests_per_s")) {
                        r.add(cell(m, p + ratio));
                    }
                    rows.add(r);
                }
                md.append(table(h, rows));
                md.append("\nPOSTs whose body the origin (the JDK's HTTP server in its own JVM) answers back, as large as "
                        + "the request. direct: the sender to the origin; relayed: through the emulator to our listener's "
                        + "`RelayedHttpHandler.forwardTo(origin)`; hyco-https: through the emulator to a hyco-https "
                        + "listener forwarding with Node's `http.request`. Latency: one request at a time; req/s: "
                        + HttpSenderMain.CONCURRENCY + " senders at once. Every request on a new connection, with the "
                        + "JDK's HttpURLConnection (`-Dhttp.keepAlive=false`); the forwarders keep theirs to the origin. "
                        + "The origin runs with TCP_NODELAY (`-Dsun.net.httpserver.nodelay=true`), as application servers "
                        + "do: without it, each 256-B response waited about 40 ms on the forwarders' pooled connections "
                        + "(Nagle against delayed ACKs; 55 ms p50 relayed, for both listeners).\n");
            }
            default -> {
            }
        }
        if (!m.notes.isEmpty()) {
            md.append('\n');
            m.notes.forEach((k, v) -> md.append("- ").append(k).append(" (last run): `").append(v).append("`\n"));
        }
        if (!targets.isEmpty()) {
            md.append("\nTargets:\n\n");
            List<List<String>> tr = new ArrayList<>();
            for (String[] t : targets) {
                tr.add(List.of(t));
            }
            md.append(table(List.of("target", "measured", "result"), tr));
        }
        return md.toString();
    }

    static List<Integer> scaleLevels(Metrics m) {
        return m.values.keySet().stream().filter(k -> k.startsWith("scale.") && k.endsWith(".open"))
                .map(k -> Integer.parseInt(k.split("\\.")[1])).distinct().sorted().toList();
    }

    private static String[] target(String text, Metrics m, String key, boolean atLeast, double bound) {
        List<Double> v = m.get(key);
        if (v.isEmpty()) {
            return new String[] {text, "not measured", "–"};
        }
        double med = Stats.median(v);
        boolean pass = atLeast ? med >= bound : med <= bound;
        return new String[] {text, cell(m, key), pass ? "**pass**" : "**FAIL**"};
    }

    static List<String[]> targets(String scenario, Metrics m) {
        List<String[]> t = new ArrayList<>();
        switch (scenario) {
            case "throughput" -> {
                t.add(target("relayed/direct throughput, 1 KiB ≥ 0.5", m, "throughput.1KiB.relayed/direct.mb_per_s", true, 0.5));
                t.add(target("relayed/direct throughput, 1 MiB ≥ 0.6", m, "throughput.1MiB.relayed/direct.mb_per_s", true, 0.6));
                // issue 17: what our listener costs, not the end-to-end rate the shared sender and relay bound
                t.add(target("listener CPU per MB, ours/hyco-ws, 1KiB ≤ 0.6", m,
                        "throughput.1KiB.relayed/hyco-ws.server_cpu_ms_per_mb", false, 0.6));
                for (String s : List.of("64KiB", "1MiB")) {
                    t.add(target("listener CPU per MB, ours/hyco-ws, " + s + " ≤ 0.8", m,
                            "throughput." + s + ".relayed/hyco-ws.server_cpu_ms_per_mb", false, 0.8));
                }
            }
            case "connect" -> {
                t.add(target("relayed/direct connect p50 ≤ 3", m, "connect.relayed/direct.p50_us", false, 3));
                t.add(target("listener CPU per connect+close, ours/hyco-ws ≤ 0.8", m,
                        "connect.relayed/hyco-ws.server_cpu_us_per_connect", false, 0.8));
            }
            case "scale" -> {
                List<Integer> levels = scaleLevels(m);
                int top = levels.isEmpty() ? 0 : levels.get(levels.size() - 1);
                String p = "scale." + top + ".";
                t.add(target("listener JVM threads at " + top + " sessions ≤ 64", m, p + "listener_threads", false, 64));
                t.add(target("… the same after 15 s idle ≤ 64", m, p + "listener_threads_settled", false, 64));
                t.add(target("listener heap per session at " + top + " ≤ 16 KiB", m, p + "heap_per_session_kib", false, 16));
                t.add(target("connect p50 at " + top + " open ≤ 1.2 × at 0", m, p + "p50_vs_0", false, 1.2));
            }
            case "recovery" -> {
                for (String key : m.values.keySet().stream().filter(k -> k.endsWith(".recovery_ms")).toList()) {
                    String p = key.substring(0, key.length() - "recovery_ms".length());
                    List<Double> rec = m.get(key);
                    List<Double> bound = m.get(p + "bound_ms");
                    boolean pass = true;
                    for (int i = 0; i < rec.size(); i++) {
                        pass &= rec.get(i) <= bound.get(i);
                    }
                    t.add(new String[] {"recovery after " + p.substring(9, p.length() - 1) + " outage ≤ delay in effect + 1 s, every run",
                            cell(m, key) + " ms (bound " + cell(m, p + "bound_ms") + ")", pass ? "**pass**" : "**FAIL**"});
                }
            }
            case "accepts" -> {
                t.add(target("good accept with 64 stalled dials served ≤ 100 ms (p99)", m, "accepts.64_stalled.p99_us", false,
                        100_000));
                t.add(target("heap growth under a flood of 10,000 accepts ≤ 16 MiB", m, "accepts.flood.heap_growth_kib", false,
                        16 * 1024));
            }
            default -> {
            }
        }
        return t;
    }
}
