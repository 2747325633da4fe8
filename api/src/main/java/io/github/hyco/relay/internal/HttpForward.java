// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.internal;

import io.github.hyco.relay.RelayedHttpHandler;
import io.github.hyco.relay.RelayedHttpRequest;
import io.github.hyco.relay.RelayedHttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** {@link RelayedHttpHandler#forwardTo(URI)}: a streaming reverse proxy to a local origin on the JDK client. */
public final class HttpForward implements RelayedHttpHandler {

    private static final System.Logger LOG = System.getLogger(HttpForward.class.getName());
    /** Headers the JDK client refuses to be given, beyond the hop-by-hop ones (it sets them itself). */
    private static final Set<String> CLIENT_SETS = Set.of("expect");
    private static final String FORWARDED_FOR = "X-Forwarded-For";


    private final URI origin;
    private final String base;
    private final LogLimiter warnings = new LogLimiter(System::nanoTime, LOG);
    private final HttpClient client;

    public HttpForward(URI origin) {
        Objects.requireNonNull(origin, "origin must not be null");
        String scheme = origin.getScheme() == null ? "" : origin.getScheme().toLowerCase(Locale.ROOT);
        if (!origin.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || origin.getHost() == null
                || origin.getRawQuery() != null || origin.getRawFragment() != null) {
            throw new IllegalArgumentException("origin must be an http(s) URI with a host and without query or "
                    + "fragment, like http://127.0.0.1:8080, was '" + origin + "'");
        }
        this.origin = origin;
        String path = origin.getRawPath() == null ? "" : origin.getRawPath();
        this.base = scheme + "://" + origin.getRawAuthority()
                + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public void handle(RelayedHttpRequest request, RelayedHttpResponse response) throws IOException,
            InterruptedException {
        URI target = URI.create(base + request.pathAfterHybridConnection()
                + (request.requestUri().getRawQuery() == null ? "" : "?" + request.requestUri().getRawQuery()));
        HttpRequest.Builder out = HttpRequest.newBuilder(target)
                .timeout(untilDeadline(request))
                .method(request.method(), body(request.body()));
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!HttpHeaderRules.isHopByHop(name) && !CLIENT_SETS.contains(name) && !name.startsWith("x-forwarded-")) {
                out.header(h.getKey(), h.getValue());
            }
        }
        String forwardedFor = request.remoteAddress().map(InetSocketAddress::getHostString).orElse(null);
        String earlier = request.headers().get(FORWARDED_FOR);
        if (earlier != null || forwardedFor != null) {
            out.header(FORWARDED_FOR, earlier == null ? forwardedFor
                    : forwardedFor == null ? earlier : earlier + ", " + forwardedFor);
        }
        out.header("X-Forwarded-Proto", request.requestUri().getScheme());
        out.header("X-Forwarded-Host", request.requestUri().getRawAuthority());

        HttpResponse<InputStream> answer;
        try {
            answer = client.send(out.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            unavailable(response, "the origin " + originName() + " is not reachable (" + reason(e) + ")");
            return;
        } catch (HttpTimeoutException e) {
            unavailable(response, "the origin " + originName() + " did not answer in time");
            return;
        } catch (IOException e) {
            unavailable(response, "the origin " + originName() + " failed: " + reason(e));
            return;
        }
        try (InputStream in = answer.body(); OutputStream body = response.body()) {
            int status = answer.statusCode();
            if (status == 502 || status == 504) { // reserved for the relay itself
                response.setStatus(503, "Origin answered " + status);
            } else {
                response.setStatus(status);
            }
            copyHeaders(answer.headers(), response);
            in.transferTo(body);
        }
    }

    /** The origin's answer is of no use once the relay stopped waiting. */
    private static Duration untilDeadline(RelayedHttpRequest request) {
        Duration left = Duration.between(Instant.now(), request.deadline());
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }

    private static HttpRequest.BodyPublisher body(InputStream in) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(in, 1);
        int first = peek.read();
        if (first < 0) {
            return HttpRequest.BodyPublishers.noBody();
        }
        peek.unread(first);
        return HttpRequest.BodyPublishers.ofInputStream(() -> peek);
    }

    private static void copyHeaders(HttpHeaders headers, RelayedHttpResponse response) {
        for (Map.Entry<String, List<String>> h : headers.map().entrySet()) {
            String name = h.getKey();
            if (name.startsWith(":") || HttpHeaderRules.isHopByHop(name)) {
                continue;
            }
            // The relay carries one value per name (a JSON object); list values join as HTTP allows.
            response.setHeader(name, String.join(", ", h.getValue()));
        }
    }

    private void unavailable(RelayedHttpResponse response, String why) throws IOException {
        // an origin that is down fails every request: one warning a minute, the rest at DEBUG
        warnings.log(System.Logger.Level.WARNING, "origin", "Forwarding failed: " + why);
        response.setStatus(503, "Service Unavailable");
        response.setHeader("Content-Type", "text/plain; charset=utf-8");
        try (OutputStream body = response.body()) {
            body.write(("503 Service Unavailable: " + why + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private String originName() {
        return origin.getScheme() + "://" + origin.getRawAuthority();
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    @Override
    public String toString() {
        return "forwardTo(" + origin + ")";
    }
}
