// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.tyrus.internal.HostileRelay.Frame;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What a relay sends to an HTTP listener, and reading back what the listener answered, over the
 * {@link HostileRelay}: {@code request} commands, bodies as frames, and the listener's
 * {@code response} with its body, from the control channel or a rendezvous.
 */
final class HttpFrames {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final HostileRelay relay;
    private final String hybridConnection;

    HttpFrames(HostileRelay relay, String hybridConnection) {
        this.relay = relay;
        this.hybridConnection = hybridConnection;
    }

    /** The rendezvous address the relay hands out for request {@code id}. */
    String address(String id) {
        return relay.namespace() + "/$hc/" + hybridConnection + "?sb-hc-action=request&sb-hc-id=" + id;
    }

    /** A full {@code request} command. */
    String request(String id, String method, String target, Map<String, String> headers, boolean body) {
        JsonObjectBuilder h = Json.createObjectBuilder();
        headers.forEach(h::add);
        return Json.createObjectBuilder().add("request", Json.createObjectBuilder()
                .add("address", address(id)).add("id", id).add("requestTarget", target).add("method", method)
                .add("remoteEndpoint", Json.createObjectBuilder().add("address", "192.0.2.7").add("port", 61234))
                .add("requestHeaders", h).add("body", body)).build().toString();
    }

    /** A {@code request} that only names the rendezvous (Variant B). */
    String rendezvousOnly(String id) {
        return Json.createObjectBuilder().add("request", Json.createObjectBuilder()
                .add("address", address(id)).add("id", id)).build().toString();
    }

    /** A body as one binary message of fragments of at most {@code size} bytes. */
    static Frame[] fragments(byte[] body, int size) {
        List<Frame> out = new ArrayList<>();
        int at = 0;
        do {
            int n = Math.min(size, body.length - at);
            byte[] part = java.util.Arrays.copyOfRange(body, at, at + n);
            at += n;
            out.add(Frame.binary(part, out.isEmpty(), at == body.length));
        } while (at < body.length);
        return out.toArray(Frame[]::new);
    }

    /** Variant A: the request on the control channel, its body (if not null) as the next binary message. */
    void sendOnControl(String id, String method, String target, Map<String, String> headers, byte[] body)
            throws java.io.IOException {
        Frame command = Frame.text(request(id, method, target, headers, body != null));
        if (body == null) {
            relay.send(command);
        } else {
            relay.send(command, Frame.binary(body, true, true));
        }
    }

    /** Variant B: the address on the control channel, the request and body (64 KiB fragments) on the rendezvous. */
    void sendOverRendezvous(String id, String method, String target, Map<String, String> headers, byte[] body)
            throws java.io.IOException {
        List<Frame> script = new ArrayList<>();
        script.add(Frame.text(request(id, method, target, headers, body != null)));
        if (body != null) {
            script.addAll(List.of(fragments(body, 65_536)));
        }
        relay.script(id, script.toArray(Frame[]::new));
        relay.send(rendezvousOnly(id));
    }

    static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    /**
     * A response as the relay received it.
     *
     * @param bodyFrames on a rendezvous, the binary frames in order (the last one final)
     */
    record Reply(String channel, JsonObject response, byte[] body, List<Frame> bodyFrames) {
        int status() {
            return response.getInt("statusCode");
        }

        Optional<String> reason() {
            return response.containsKey("statusDescription") ? Optional.of(response.getString("statusDescription"))
                    : Optional.empty();
        }

        Map<String, String> headers() {
            Map<String, String> h = new java.util.LinkedHashMap<>();
            JsonObject o = response.getJsonObject("responseHeaders");
            if (o != null) {
                o.forEach((k, v) -> h.put(k, ((jakarta.json.JsonString) v).getString()));
            }
            return h;
        }

        String header(String name) {
            return headers().get(name);
        }
    }

    Reply awaitReply(String id) {
        Reply[] found = new Reply[1];
        await().atMost(WAIT).until(() -> (found[0] = reply(id)) != null);
        return found[0];
    }

    /** The complete response to {@code id}, or null while it is not (all) there. */
    Reply reply(String id) {
        List<Frame> control = List.copyOf(relay.controlFrames);
        for (int i = 0; i < control.size(); i++) {
            JsonObject r = response(control.get(i));
            if (r != null && id.equals(r.getString("requestId"))) {
                if (!r.getBoolean("body")) {
                    return new Reply("control", r, new byte[0], List.of());
                }
                if (i + 1 == control.size()) {
                    return null;
                }
                Frame body = control.get(i + 1);
                assertThat(body.opcode()).as("the frame after the response to " + id).isEqualTo(Frame.BINARY);
                assertThat(body.fin()).isTrue();
                return new Reply("control", r, body.payload(), List.of(body));
            }
        }
        List<Frame> frames = List.copyOf(relay.frames.getOrDefault(id, List.of()));
        if (frames.isEmpty()) {
            return null;
        }
        JsonObject r = response(frames.get(0));
        assertThat(r).as("the first frame on the rendezvous of " + id + ": " + frames.get(0)).isNotNull();
        if (!r.getBoolean("body")) {
            return new Reply("rendezvous", r, new byte[0], List.of());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 1; i < frames.size(); i++) {
            Frame f = frames.get(i);
            if (f.opcode() == Frame.CLOSE) {
                return null; // cut off: never complete
            }
            assertThat(f.opcode()).as("frame " + i + " on the rendezvous of " + id)
                    .isEqualTo(i == 1 ? Frame.BINARY : Frame.CONTINUATION);
            body.writeBytes(f.payload());
            if (f.fin()) {
                return new Reply("rendezvous", r, body.toByteArray(), frames.subList(1, i + 1));
            }
        }
        return null;
    }

    private static JsonObject response(Frame f) {
        if (f.opcode() != Frame.TEXT) {
            return null;
        }
        JsonValue v = Json.createReader(new StringReader(f.text())).readObject().get("response");
        return v == null ? null : v.asJsonObject();
    }

    /** Captures what the named loggers log at WARNING and above, instead of printing it. */
    static final class Warnings extends Handler implements AutoCloseable {
        final List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<Logger> loggers = new ArrayList<>();

        Warnings(Class<?>... sources) {
            for (Class<?> c : sources) {
                Logger l = Logger.getLogger(c.getName());
                l.addHandler(this);
                l.setUseParentHandlers(false);
                loggers.add(l);
            }
        }

        List<String> messages() {
            return records.stream().map(LogRecord::getMessage).toList();
        }

        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                records.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            for (Logger l : loggers) {
                l.removeHandler(this);
                l.setUseParentHandlers(true);
            }
        }
    }
}
