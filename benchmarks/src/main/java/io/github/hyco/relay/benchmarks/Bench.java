// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayConnectionString;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark runner: {@code java -jar hyco-jakarta-benchmarks.jar [--scenario S] [--runs N] [--quick]}.
 * Starts the emulator, the listeners (ours relayed, the same endpoint on a direct Tyrus server,
 * hyco-ws under Node) and the senders in separate processes, repeats each scenario, and writes
 * {@code <scenario>.json}, {@code RESULTS.md} and {@code headline.png} to {@code benchmarks/results}.
 */
public final class Bench {

    /** Top level of the scale scenario; see {@link #scaleTop()}. */
    static final int SCALE_TOP = Integer.getInteger("bench.scaleTop", 9_900);

    static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx2g", "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true");
    /**
     * Extra flags of the emulator and sender JVMs, which are not what is measured: at 9,900
     * sessions the emulator's workers spent an eighth of the probe window zeroing freshly
     * committed heap pages (perf: clear_page_erms) as its heap grew past 256 MB.
     */
    static final List<String> PRE_TOUCHED = List.of("-Xms1g", "-XX:+AlwaysPreTouch");

    static final List<String> ALL = List.of("echo", "throughput", "connect", "scale", "recovery", "accepts", "http", "soak");

    static final String USAGE = """
            Usage: java -jar benchmarks/target/hyco-jakarta-benchmarks.jar [options]
              --scenario S     echo | throughput | connect | scale | recovery | accepts | http | soak | hyco-ws | all (default all);
                               repeatable or comma-separated; hyco-ws = echo,throughput,connect
                               (which always include the hyco-ws listener when Node is available)
              --runs N         repetitions of each scenario (default 3; medians and min-max reported)
              --quick          short smoke run (small counts, short outages, scale to 1,000)
              --out DIR        results directory (default benchmarks/results)
              --node-modules D node_modules with hyco-ws (default node-peers/node_modules)
              --no-node        leave out the hyco-ws and hyco-https listeners
              --summary-only   rewrite RESULTS.md and the chart from the sections already in --out (after editing their notes)
              --jfr ROLES      record JFR profiles of ROLES (comma-separated: listener,emulator,sender,direct) into DIR/jfr
            """;

    final List<String> scenarios = new ArrayList<>();
    int runs = 3;
    boolean quick;
    Path out = Path.of("benchmarks", "results");
    Path nodeModules = Path.of("node-peers", "node_modules");
    boolean node = true;
    String jfr;
    boolean summaryOnly;
    final Map<String, Object> machine = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario" -> {
                    for (String s : args[++i].split(",")) {
                        switch (s) {
                            case "all" -> bench.scenarios.addAll(ALL);
                            case "hyco-ws" -> bench.scenarios.addAll(List.of("echo", "throughput", "connect"));
                            default -> {
                                if (!ALL.contains(s)) {
                                    throw new IllegalArgumentException("unknown scenario " + s + "\n" + USAGE);
                                }
                                bench.scenarios.add(s);
                            }
                        }
                    }
                }
                case "--runs" -> bench.runs = Integer.parseInt(args[++i]);
                case "--quick" -> bench.quick = true;
                case "--out" -> bench.out = Path.of(args[++i]);
                case "--node-modules" -> bench.nodeModules = Path.of(args[++i]);
                case "--no-node" -> bench.node = false;
                case "--jfr" -> bench.jfr = args[++i];
                case "--summary-only" -> bench.summaryOnly = true;
                case "--help", "-h" -> {
                    System.out.print(USAGE);
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        if (bench.scenarios.isEmpty()) {
            bench.scenarios.addAll(ALL);
        }
        bench.run();
        System.exit(0);
    }

    void run() throws Exception {
        Files.createDirectories(out);
        if (node && !(Files.isDirectory(nodeModules.resolve("hyco-ws")) && Files.isDirectory(nodeModules.resolve("hyco-https")))) {
            log("no hyco-ws or hyco-https in " + nodeModules.toAbsolutePath() + " (npm ci --prefix node-peers): leaving them out");
            node = false;
        }
        machine.putAll(Machine.facts(JVM_FLAGS, node));
        machine.put("emulator_and_sender_extra_jvm_flags", String.join(" ", PRE_TOUCHED));
        log("machine: " + machine);
        Report report = new Report(out);
        if (summaryOnly) {
            report.writeSummary(machine);
            log("summary rewritten in " + out.toAbsolutePath());
            return;
        }
        for (String scenario : new java.util.LinkedHashSet<>(scenarios)) {
            Metrics metrics = new Metrics();
            List<Object> raw = new ArrayList<>();
            Map<String, Object> loadBefore = Machine.load();
            Instant started = Instant.now();
            for (int run = 1; run <= runs; run++) {
                log(scenario + ": run " + run + " of " + runs + " (load " + Machine.load().get("loadavg") + ")");
                raw.add(switch (scenario) {
                    case "echo", "throughput", "connect", "soak" -> pointToPoint(scenario, run, metrics);
                    case "scale" -> new Scale(this).run(run, metrics);
                    case "recovery" -> new Recovery(this).run(run, metrics);
                    case "accepts" -> new Accepts(this).run(run, metrics);
                    case "http" -> new HttpScenario(this).run(run, metrics);
                    default -> throw new IllegalStateException(scenario);
                });
            }
            Map<String, Object> runInfo = new LinkedHashMap<>();
            runInfo.put("scenario", scenario);
            runInfo.put("runs", runs);
            runInfo.put("quick", quick);
            runInfo.put("started", started.toString());
            runInfo.put("finished", Instant.now().toString());
            runInfo.put("load_before", loadBefore);
            runInfo.put("load_after", Machine.load());
            runInfo.put("machine", machine);
            report.write(scenario, runInfo, metrics, raw);
        }
        report.writeSummary(machine);
        log("results in " + out.toAbsolutePath());
    }

    // ---- processes

    String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    Child jvm(String role, String name, Class<?> main, List<String> args) throws IOException {
        return jvm(role, name, main, List.of(), args);
    }

    /** A JVM of {@code role} running {@code main}, with {@code flags} after the common ones. */
    Child jvm(String role, String name, Class<?> main, List<String> flags, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(flags);
        if (role.equals("emulator") || role.equals("sender")) {
            cmd.addAll(PRE_TOUCHED);
        }
        if (jfr != null && List.of(jfr.split(",")).contains(role)) {
            Path dir = out.resolve("jfr").toAbsolutePath();
            Files.createDirectories(dir);
            cmd.add("-XX:StartFlightRecording=settings=profile,filename=" + dir.resolve(name + ".jfr") + ",dumponexit=true");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        return new Child(name, cmd, Map.of(), logDir().resolve(name + ".log"));
    }

    Child nodeListener(String cs) throws Exception {
        return node("hyco-ws-listener", "node", cs, List.of());
    }

    /**
     * The Node listener {@code /node/<script>.js} on Hybrid Connection {@code hc}, given its listen URI,
     * key name, key and {@code extra} arguments; returns once it says {@code READY}.
     */
    Child node(String script, String hc, String cs, List<String> extra) throws Exception {
        Path file = Files.createTempFile(script, ".js");
        try (var in = Bench.class.getResourceAsStream("/node/" + script + ".js")) {
            Files.write(file, in.readAllBytes());
        }
        file.toFile().deleteOnExit();
        RelayConnectionString c = RelayConnectionString.parse(cs);
        String listen = HybridConnections.createRelayListenUri(c.webSocketNamespace(), hc).toString();
        List<String> command = new ArrayList<>(List.of("node", file.toString(), listen,
                c.sharedAccessKeyName().orElseThrow(), c.sharedAccessKey().orElseThrow()));
        command.addAll(extra);
        Child child = new Child(script, command, Map.of("NODE_PATH", nodeModules.toAbsolutePath().toString()),
                logDir().resolve(script + ".log"));
        child.expect(30_000, "READY");
        return child;
    }

    Path logDir() {
        return Path.of("benchmarks", "target", "bench-logs");
    }

    /**
     * The emulator JVM; returns it with its connection string. It listens on the wildcard
     * address (reachable from the network while a benchmark runs): listeners reach it at 127.0.0.1 (the connection string), senders at
     * {@link #SENDER_FACING_HOST}, as senders and listeners reach different Azure gateways.
     * With both on one address, every new connection had to find a free ephemeral port to that
     * one address:port among the sender's and the rendezvous' ~20,000 (at 9,900 sessions the
     * kernel's port search took about 3 ms of each connect; measured with perf).
     */
    record Relay(Child child, String connectionString) {
        static final String SENDER_FACING_HOST = "127.0.0.2";

        /** The sender's target {@code name} for Hybrid Connection {@code hc}, served by {@code listener}. */
        String sendTarget(String name, String hc, Child listener) {
            RelayConnectionString c = RelayConnectionString.parse(connectionString);
            String namespace = c.webSocketNamespace().replace("//127.0.0.1:", "//" + SENDER_FACING_HOST + ":");
            String uri = HybridConnections.createRelaySendUri(namespace, hc).toString();
            return target(name, uri, token(c, hc), listener) + "|" + child.pid();
        }

        /** The same for a plain HTTP sender: {@code http://{sender-facing host}:port/hc}. */
        String httpTarget(String name, String hc, Child listener) {
            RelayConnectionString c = RelayConnectionString.parse(connectionString);
            return target(name, "http://" + SENDER_FACING_HOST + ":" + c.endpoint().getPort() + "/" + hc,
                    token(c, hc), listener) + "|" + child.pid();
        }

        private static String token(RelayConnectionString c, String hc) {
            return HybridConnections.createRelayToken("http://" + c.endpoint().getAuthority() + "/" + hc,
                    c.sharedAccessKeyName().orElseThrow(), c.sharedAccessKey().orElseThrow(), Duration.ofHours(6));
        }
    }

    /**
     * A sender's target as {@link SenderMain.Target#parse} reads it, without a relay; {@code token}
     * is empty for the direct server. {@link Relay} appends its own pid.
     */
    static String target(String name, String uri, String token, Child server) {
        return name + "|" + uri + "|" + token + "|" + server.pid();
    }

    Relay emulator(String name) throws Exception {
        Child child = jvm("emulator", name, EmulatorMain.class, List.of());
        String cs = child.expect(60_000, "READY").text().substring("READY ".length());
        return new Relay(child, cs);
    }

    Child listener(String name, String cs) throws Exception {
        Child child = jvm("listener", name, ServerMain.class, List.of("relayed", cs));
        child.expect(60_000, "READY");
        return child;
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static double num(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v instanceof JsonNumber n ? n.doubleValue() : Double.NaN;
    }

    static void log(String message) {
        System.out.println("[bench " + Instant.now() + "] " + message);
        System.out.flush();
    }

    // ---- scenarios 1-3 and 8: the same sender against direct, relayed and hyco-ws (not in 8)

    Object pointToPoint(String scenario, int run, Metrics metrics) throws Exception {
        Relay relay = emulator("emulator-" + scenario + "-" + run);
        List<Child> children = new ArrayList<>(List.of(relay.child()));
        List<JsonObject> results = new ArrayList<>();
        try {
            Child listener = listener("listener-" + scenario + "-" + run, relay.connectionString());
            children.add(listener);
            Child direct = jvm("direct", "direct-" + scenario + "-" + run, ServerMain.class, List.of("direct"));
            children.add(direct);
            String directUri = direct.expect(60_000, "READY").text().substring("READY ".length());
            List<String> targets = new ArrayList<>(List.of(target("direct", directUri, "", direct),
                    relay.sendTarget("relayed", "bench", listener)));
            // the soak compares relayed with direct only: 100,000 round trips each are long enough
            if (node && !scenario.equals("soak")) {
                Child hycoWs = nodeListener(relay.connectionString());
                children.add(hycoWs);
                targets.add(relay.sendTarget("hyco-ws", "node", hycoWs));
            }
            // rotate the order from run to run, so that no target always goes first
            java.util.Collections.rotate(targets, run - 1);
            List<String> args = new ArrayList<>(List.of(scenario, Boolean.toString(quick)));
            args.addAll(targets);
            JitWatch jit = new JitWatch(List.of(relay.child(), listener, direct), quick, metrics);
            try (Child sender = jvm("sender", "sender-" + scenario + "-" + run, SenderMain.class, args)) {
                while (true) {
                    Child.Line line = sender.expect(30 * 60_000, "RESULT", "DONE", "WARMUP");
                    if (line.text().equals("DONE")) {
                        break;
                    }
                    if (line.text().startsWith("WARMUP")) {
                        jit.answer(sender, line.text());
                        continue;
                    }
                    JsonObject r = json(line.text().substring("RESULT ".length()));
                    results.add(r);
                    log(scenario + " " + r);
                }
            }
        } finally {
            for (Child c : children) {
                c.close();
            }
        }
        record(scenario, results, metrics);
        return Json.createObjectBuilder().add("run", run).add("results", Json.createArrayBuilder(
                results.stream().map(JsonValue.class::cast).toList())).build();
    }

    static void record(String scenario, List<JsonObject> results, Metrics m) {
        Map<String, JsonObject> byKey = new LinkedHashMap<>();
        for (JsonObject r : results) {
            String target = r.getString("target");
            String kase = switch (scenario) {
                case "echo" -> r.getInt("size") + "B/" + r.getInt("sessions") + "s";
                case "throughput" -> Report.size(r.getInt("size"));
                default -> "";
            };
            byKey.put(kase + "|" + target, r);
            for (String field : List.of("p50_us", "p99_us", "p999_us", "round_trips_per_s", "mb_per_s",
                    "messages_per_s", "sessions_per_s", "loaded_p50_us", "loaded_p99_us", "server_cpu_ms_per_mb",
                    "server_cpu_us_per_connect", "emulator_cpu_ms_per_mb", "emulator_cpu_us_per_connect",
                    "max_us", "round_trips", "seconds", "over_1ms", "server_cpu_us_per_round_trip",
                    "emulator_cpu_us_per_round_trip")) {
                if (r.containsKey(field)) {
                    m.add(scenario + "." + (kase.isEmpty() ? "" : kase + ".") + target + "." + field, num(r, field));
                }
            }
        }
        // ratios within this run
        for (String k : byKey.keySet()) {
            String kase = k.substring(0, k.indexOf('|'));
            String prefix = scenario + "." + (kase.isEmpty() ? "" : kase + ".");
            JsonObject direct = byKey.get(kase + "|direct");
            JsonObject relayed = byKey.get(kase + "|relayed");
            JsonObject hyco = byKey.get(kase + "|hyco-ws");
            if (!k.endsWith("|relayed") || relayed == null) {
                continue;
            }
            for (String field : List.of("p50_us", "p99_us", "p999_us", "max_us", "mb_per_s", "sessions_per_s",
                    "server_cpu_ms_per_mb", "server_cpu_us_per_connect")) {
                if (!relayed.containsKey(field)) {
                    continue;
                }
                if (direct != null) {
                    m.add(prefix + "relayed/direct." + field, num(relayed, field) / num(direct, field));
                }
                if (hyco != null) {
                    m.add(prefix + "relayed/hyco-ws." + field, num(relayed, field) / num(hyco, field));
                }
            }
        }
    }
}
