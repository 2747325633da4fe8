// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import io.github.hyco.relay.RelayedServerOptions;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import java.time.Duration;
import java.util.List;

/**
 * Scenario 5: the emulator is stopped for an outage, then started on the same port; measured is
 * the time from its {@code STARTED} line to a new sender's first echo through our listener (the
 * sender tries every 10 ms). The listener runs the default reconnect ladder (0, 1, 2, 5, 10, 30 s,
 * ±20 % jitter); the ladder step in effect when the relay came back is derived from the number of
 * failed attempts the listener reported during the outage, and the delay actually waited from its
 * events (last failure before the relay came back → online).
 */
final class Recovery {

    private final Bench bench;

    Recovery(Bench bench) {
        this.bench = bench;
    }

    List<Integer> outages() {
        return bench.quick ? List.of(3, 10) : List.of(3, 60);
    }

    Object run(int run, Metrics m) throws Exception {
        Bench.Relay relay = bench.emulator("emulator-recovery-" + run);
        JsonArrayBuilder raw = Json.createArrayBuilder();
        List<Duration> ladder = RelayedServerOptions.DEFAULT_RECONNECT_DELAYS;
        try (Child emulator = relay.child();
                Child listener = bench.listener("listener-recovery-" + run, relay.connectionString());
                Child sender = bench.jvm("sender", "sender-recovery-" + run, SenderMain.class,
                        List.of("recovery", "false", relay.sendTarget("relayed", "bench", listener)))) {
            // first a normal connect, so that the sender JVM is warm
            sender.send("GO");
            sender.expect(60_000, "RECOVERED");
            for (int outage : outages()) {
                listener.drain("");
                emulator.send("STOP");
                long stopped = emulator.expect(60_000, "STOPPED").nanos();
                Thread.sleep(outage * 1000L);
                emulator.send("START");
                long up = emulator.expect(60_000, "STARTED").nanos();
                sender.send("GO");
                Child.Line recovered = sender.expect(5 * 60_000, "RECOVERED");
                Thread.sleep(200);
                List<Child.Line> events = listener.drain("EVENT");
                int failures = 0;
                long lastFailure = stopped;
                long online = -1;
                for (Child.Line e : events) {
                    if (e.nanos() < up && (e.text().startsWith("EVENT OFFLINE") || e.text().startsWith("EVENT CONNECTING"))) {
                        lastFailure = e.nanos();
                        if (e.text().startsWith("EVENT OFFLINE")) {
                            failures++;
                        }
                    }
                    if (online < 0 && e.nanos() >= up && e.text().startsWith("EVENT ONLINE")) {
                        online = e.nanos();
                    }
                }
                double recoveryMs = (recovered.nanos() - up) / 1e6;
                double stepMs = ladder.get(Math.min(failures, ladder.size() - 1)).toMillis();
                double waitedMs = online < 0 ? Double.NaN : (online - lastFailure) / 1e6;
                String p = "recovery." + outage + "s.";
                m.add(p + "recovery_ms", recoveryMs);
                m.add(p + "ladder_step_ms", stepMs);
                m.add(p + "delay_waited_ms", waitedMs);
                m.add(p + "failed_attempts", failures);
                m.add(p + "online_to_served_ms", online < 0 ? Double.NaN : (recovered.nanos() - online) / 1e6);
                // the target: never longer than the delay in effect (jitter up to +20 %) plus 1 s
                m.add(p + "bound_ms", stepMs * 1.2 + 1000);
                Bench.log("recovery " + outage + " s outage: " + recoveryMs + " ms (step " + stepMs
                        + " ms, waited " + waitedMs + " ms, " + failures + " failed attempts)");
                raw.add(Json.createObjectBuilder().add("outage_s", outage).add("recovery_ms", recoveryMs)
                        .add("ladder_step_ms", stepMs).add("delay_waited_ms", waitedMs).add("failed_attempts", failures)
                        .add("probe_attempts", Integer.parseInt(recovered.text().split(" ")[1])));
            }
        }
        return Json.createObjectBuilder().add("run", run).add("outages", raw).build();
    }
}
