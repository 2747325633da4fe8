// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver HTTP API, with the JDK's HTTP client:
 * just what the browser test needs. Each {@link Page} is its own browser with a fresh profile.
 */
final class Chromium implements AutoCloseable {

    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-quic", "--disable-dev-shm-usage", "--window-size=900,700");
    private static final Pattern STARTED = Pattern.compile("started successfully on port (\\d+)");

    private final Process driver;
    private final URI base;
    private final Path browser;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Page> pages = new CopyOnWriteArrayList<>();

    private Chromium(Process driver, URI base, Path browser) {
        this.driver = driver;
        this.base = base;
        this.browser = browser;
    }

    /** The Chromium and chromedriver executables, if both are installed. */
    static Optional<Path[]> find() {
        Optional<Path> browser = onPath("chromium");
        Optional<Path> driver = onPath("chromedriver");
        return browser.isPresent() && driver.isPresent()
                ? Optional.of(new Path[] {browser.get(), driver.get()}) : Optional.empty();
    }

    private static Optional<Path> onPath(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts chromedriver on a free port of 127.0.0.1. */
    static Chromium start(Path browser, Path chromedriver) throws IOException {
        Process driver = new ProcessBuilder(chromedriver.toString(), "--port=0").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the driver ended
            }
            port.completeExceptionally(new IOException("chromedriver ended without announcing its port"));
        }, "chromedriver-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new Chromium(driver, URI.create("http://127.0.0.1:" + port.get(20, TimeUnit.SECONDS) + "/"),
                    browser);
        } catch (Exception e) {
            driver.destroyForcibly();
            throw new IOException("chromedriver did not start: " + e.getMessage(), e);
        }
    }

    /** A new browser, with its own profile in {@code profile}. */
    Page newPage(Path profile) {
        List<String> args = new ArrayList<>(FLAGS);
        args.add("--user-data-dir=" + profile);
        JsonObject capabilities = Json.createObjectBuilder().add("capabilities", Json.createObjectBuilder()
                .add("alwaysMatch", Json.createObjectBuilder()
                        .add("browserName", "chrome")
                        .add("goog:chromeOptions", Json.createObjectBuilder()
                                .add("binary", browser.toString())
                                .add("args", Json.createArrayBuilder(args))))).build();
        JsonObject session = call("POST", "session", capabilities).asJsonObject();
        Page page = new Page(session.getString("sessionId"));
        pages.add(page);
        return page;
    }

    /** Ends every browser still open, then chromedriver. */
    @Override
    public void close() {
        List.copyOf(pages).forEach(Page::close);
        driver.descendants().forEach(ProcessHandle::destroy);
        driver.destroy();
        try {
            if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                driver.descendants().forEach(ProcessHandle::destroyForcibly);
                driver.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonValue call(String method, String path, JsonObject body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            json = reader.readObject();
        }
        if (response.statusCode() != 200) {
            JsonObject error = json.getJsonObject("value");
            throw new IllegalStateException("WebDriver " + method + " " + path + ": " + response.statusCode() + " "
                    + error.getString("error", "") + ": " + error.getString("message", ""));
        }
        return json.get("value");
    }

    /** One browser window; closing it ends its browser. */
    final class Page implements AutoCloseable {
        private final String id;

        private Page(String id) {
            this.id = id;
        }

        void open(URI uri) {
            call("POST", "session/" + id + "/url", Json.createObjectBuilder().add("url", uri.toString()).build());
        }

        /** Types into an element as a user would (real key events). */
        void type(String css, String text) {
            call("POST", element(css) + "/value", Json.createObjectBuilder().add("text", text).build());
        }

        void click(String css) {
            call("POST", element(css) + "/click", Json.createObjectBuilder().build());
        }

        /** The element's text ({@code innerText}), or null if there is no such element. */
        String text(String css) {
            JsonValue value = script("const e = document.querySelector(arguments[0]); return e ? e.innerText : null;", css);
            return value instanceof JsonString s ? s.getString() : null;
        }

        /** Whether the element exists and is rendered. */
        boolean visible(String css) {
            return script("const e = document.querySelector(arguments[0]); "
                    + "return !!e && e.getClientRects().length > 0;", css) == JsonValue.TRUE;
        }

        /** What this script returns (awaited if it is a promise), as a string. */
        String evaluate(String script) {
            JsonValue value = script(script, "");
            return value instanceof JsonString s ? s.getString() : String.valueOf(value);
        }

        @Override
        public void close() {
            pages.remove(this);
            try {
                call("DELETE", "session/" + id, null);
            } catch (RuntimeException e) {
                // the browser is gone already; ending chromedriver takes care of the rest
            }
        }

        /** Saves a PNG of the window. */
        void screenshot(Path file) throws IOException {
            String png = ((JsonString) call("GET", "session/" + id + "/screenshot", null)).getString();
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode(png));
        }

        private JsonValue script(String script, String argument) {
            return call("POST", "session/" + id + "/execute/sync", Json.createObjectBuilder()
                    .add("script", script).add("args", Json.createArrayBuilder().add(argument)).build());
        }

        /** {@code session/{id}/element/{elementId}}; the element reference's key is WebDriver's fixed name. */
        private String element(String css) {
            JsonObject found = call("POST", "session/" + id + "/element", Json.createObjectBuilder()
                    .add("using", "css selector").add("value", css).build()).asJsonObject();
            return "session/" + id + "/element/" + found.getString(found.keySet().iterator().next());
        }
    }
}
