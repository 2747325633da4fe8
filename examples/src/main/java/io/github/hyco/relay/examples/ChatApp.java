// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import io.github.hyco.relay.RelayConnectionString;
import io.github.hyco.relay.cdi.RelayEndpoints;
import io.github.hyco.relay.emulator.RelayEmulator;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.enterprise.inject.spi.Extension;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The chat example in one command: a relay (the embedded emulator, or a real namespace given by
 * {@code --connection-string} or {@code HYCO_RELAY_CONNECTION_STRING}), the {@link ChatEndpoint}
 * served through it by the CDI extension in Weld SE, and a web page on 127.0.0.1 whose browser
 * client connects through the relay. The relay also forwards the Hybrid Connection's plain HTTP
 * requests to the page's port, so the page is reachable through the relay as well. Ctrl-C stops
 * everything.
 */
public final class ChatApp implements AutoCloseable {

    static final String USAGE = """
            Usage: java -jar hyco-jakarta-example.jar [options]

            Starts the chat example: a relay, the chat endpoint served through it, and a web page.

              --connection-string CS  use this Azure Relay namespace instead of the embedded emulator
                                      (also: environment variable HYCO_RELAY_CONNECTION_STRING); the
                                      Hybrid Connection "chat" must exist there
              --port N                port of the web page on 127.0.0.1 (default 8080, 0 = any free port)
              --token-validity S      seconds that the page's send tokens are valid (default 60)
              --help                  show this help
            """;

    private static final String CONNECTION_STRING_KEY = "hyco.relay.connection-string";
    private static final String FORWARD_TO_KEY = "hyco.relay." + ChatEndpoint.HYBRID_CONNECTION + ".http.forward-to";
    private static final Duration ONLINE_WAIT = Duration.ofSeconds(20);
    private static final String LOG_FORMAT_KEY = "java.util.logging.SimpleFormatter.format";
    /** Held, so that JUL keeps its filter. */
    private static final Logger CONTROL_CHANNEL_LOG = Logger.getLogger("io.github.hyco.relay.tyrus.internal.ControlChannel");

    private final RelayEmulator emulator;
    private final RelayConnectionString connectionString;
    private final SeContainer cdi;
    private final RelayStatus status;
    private final ChatWebServer web;
    private final CountDownLatch closed = new CountDownLatch(1);

    private ChatApp(RelayEmulator emulator, RelayConnectionString connectionString, SeContainer cdi,
            ChatWebServer web) {
        this.emulator = emulator;
        this.connectionString = connectionString;
        this.cdi = cdi;
        this.status = cdi.select(RelayStatus.class).get();
        this.web = web;
    }

    /** Where the connection string came from: it decides how the console's CLI command gets it. */
    public enum Source {
        /** None given: the embedded emulator's, whose development key may be shown. */
        EMULATOR,
        /** The environment variable {@code HYCO_RELAY_CONNECTION_STRING}. */
        ENVIRONMENT,
        /** The {@code --connection-string} option. */
        OPTION
    }

    /**
     * The command-line options.
     *
     * @param source where {@code connectionString} came from ({@link Source#EMULATOR} when it is empty)
     */
    public record Options(Optional<String> connectionString, Source source, int port, Duration tokenValidity,
            boolean help) {

        /** Options whose connection string, if any, came from {@code --connection-string}. */
        public Options(Optional<String> connectionString, int port, Duration tokenValidity, boolean help) {
            this(connectionString, connectionString.isPresent() ? Source.OPTION : Source.EMULATOR, port,
                    tokenValidity, help);
        }

        /**
         * Reads the arguments; the connection string may also come from the environment.
         *
         * @throws IllegalArgumentException naming the bad option (never showing a secret)
         */
        public static Options parse(String[] args, Map<String, String> environment) {
            String connectionString = environment.get("HYCO_RELAY_CONNECTION_STRING");
            Source source = Source.ENVIRONMENT;
            int port = 8080;
            Duration validity = Duration.ofSeconds(60);
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> help = true;
                    case "--connection-string" -> {
                        connectionString = value(args, ++i, "--connection-string");
                        source = Source.OPTION;
                    }
                    case "--port" -> port = number(value(args, ++i, "--port"), "--port", 0, 65535);
                    case "--token-validity" -> validity = Duration.ofSeconds(
                            number(value(args, ++i, "--token-validity"), "--token-validity", 1, 86400));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            Optional<String> given = Optional.ofNullable(connectionString).filter(s -> !s.isBlank());
            given.ifPresent(RelayConnectionString::parse); // fail now, with the parser's secret-free message
            return new Options(given, given.isPresent() ? source : Source.EMULATOR, port, validity, help);
        }

        static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        static int number(String text, String option, int min, int max) {
            try {
                int n = Integer.parseInt(text);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a number from " + min + " to " + max
                    + ", was '" + text + "'");
        }
    }

    public static void main(String[] args) throws InterruptedException {
        // The console is the user interface here; libraries' INFO lines would drown it, and their
        // warnings are easier to read on one line (JUL's default puts a date line before each).
        if (System.getProperty("java.util.logging.config.file") == null) {
            if (System.getProperty(LOG_FORMAT_KEY) == null) {
                System.setProperty(LOG_FORMAT_KEY, "%4$s: %5$s%6$s%n");
            }
            Logger.getLogger("").setLevel(Level.WARNING);
            // RelayStatus tells each new reason the listener cannot connect, with what to do.
            CONTROL_CHANNEL_LOG.setFilter(r -> !String.valueOf(r.getMessage()).contains(" could not connect: "));
        }
        PrintStream out = System.out;
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + "\n\n" + USAGE);
            System.exit(64);
            return;
        }
        if (options.help()) {
            out.print(USAGE);
            return;
        }
        out.println(options.connectionString().isPresent()
                ? "Starting the chat on the given namespace..." : "Starting the relay emulator and the chat...");
        ChatApp app;
        try {
            app = start(options);
        } catch (BindException e) {
            System.err.println("error: port " + options.port() + " is in use; choose another with --port "
                    + "(0 = any free port)");
            System.exit(1);
            return;
        } catch (IOException | RuntimeException e) {
            System.err.println("error: the chat cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping...");
            app.close();
            out.println("Stopped.");
        }, "chat-shutdown"));
        app.printWelcome(out, options.source());
        app.status.reportTo(out::println);
        app.closed.await();
    }

    /**
     * Starts the relay (unless a connection string is given), the chat endpoint and the web page,
     * and waits up to 20 s for the chat listener to come online or to fail to connect for the first
     * time ({@link #isOnline()} says whether it is online; it keeps trying).
     */
    public static ChatApp start(Options options) throws IOException {
        RelayEmulator emulator = null;
        ChatWebServer web = null;
        SeContainer cdi = null;
        try {
            String text = options.connectionString().orElse(null);
            if (text == null) {
                emulator = RelayEmulator.builder().hybridConnection(ChatEndpoint.HYBRID_CONNECTION).start();
                text = emulator.connectionString();
            }
            RelayConnectionString connectionString = RelayConnectionString.parse(text);
            // The page first: the relay's HTTP requests are forwarded to its port, which CDI reads at start-up.
            AtomicReference<SeContainer> running = new AtomicReference<>();
            web = ChatWebServer.start(options.port(), connectionString, options.tokenValidity(),
                    () -> isOnline(running.get()), () -> {
                        SeContainer started = running.get();
                        return started == null || !started.isRunning() ? Optional.empty()
                                : started.select(RelayStatus.class).get().problem();
                    }, () -> {
                        SeContainer started = running.get();
                        return started == null ? Map.of() : started.select(RoomRegistry.class).get().rooms();
                    });
            cdi = startCdi(text, web.uri());
            running.set(cdi);
            ChatApp app = new ChatApp(emulator, connectionString, cdi, web);
            app.status.awaitSettled(ONLINE_WAIT);
            return app;
        } catch (IOException | RuntimeException e) {
            if (web != null) {
                web.close();
            }
            if (cdi != null) {
                cdi.close();
            }
            if (emulator != null) {
                emulator.close();
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting", e);
        }
    }

    /** Weld SE with exactly our beans, and the relay extension found through META-INF/services. */
    private static SeContainer startCdi(String connectionString, URI page) {
        SeContainerInitializer initializer = SeContainerInitializer.newInstance()
                .disableDiscovery()
                .addBeanClasses(ChatEndpoint.class, RoomRegistry.class, RelayStatus.class)
                // We close Weld ourselves, after the web page and before the emulator.
                .addProperty("org.jboss.weld.se.shutdownHook", false);
        ServiceLoader.load(Extension.class).forEach(initializer::addExtensions);
        // The extension reads these keys while the container starts.
        System.setProperty(CONNECTION_STRING_KEY, connectionString);
        System.setProperty(FORWARD_TO_KEY, page.toString());
        try {
            return initializer.initialize();
        } finally {
            System.clearProperty(CONNECTION_STRING_KEY);
            System.clearProperty(FORWARD_TO_KEY);
        }
    }

    /** The web page, {@code http://127.0.0.1:port/}. */
    public URI pageUri() {
        return web.uri();
    }

    /**
     * The same page through the relay, {@code http(s)://{namespace}/chat/?sb-hc-token=…}, with a token
     * valid for an hour.
     */
    public URI relayPageUri() {
        return web.relayUri();
    }

    /** The relay's connection string (with its key: a secret for a real namespace). */
    public RelayConnectionString connectionString() {
        return connectionString;
    }

    /** The embedded emulator, unless a real namespace is used. */
    public Optional<RelayEmulator> emulator() {
        return Optional.ofNullable(emulator);
    }

    /** Whether the chat listener is online at the relay. */
    public boolean isOnline() {
        return isOnline(cdi);
    }

    private static boolean isOnline(SeContainer cdi) {
        return cdi != null && cdi.isRunning() && cdi.select(RelayEndpoints.class).get().isOnline(ChatEndpoint.class);
    }

    /** Stops the web page, then the chat (its listener goes offline), then the emulator. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        web.close();
        if (cdi.isRunning()) {
            cdi.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        closed.countDown();
    }

    private void printWelcome(PrintStream out, Source source) {
        boolean embedded = source == Source.EMULATOR;
        out.println("hyco-jakarta chat example");
        out.println("  Relay:     " + (embedded
                ? "embedded emulator, namespace " + connectionString.namespace() + " (development key)"
                : "namespace " + connectionString.namespace() + " (" + connectionString + ")"));
        out.println("  Listener:  " + (isOnline()
                ? "online on Hybrid Connection \"" + ChatEndpoint.HYBRID_CONNECTION + "\""
                : "NOT online yet (it keeps trying)" + status.problem().map(p -> ": " + p).orElse("")));
        out.println("  Web page:  " + pageUri());
        long hours = ChatWebServer.RELAY_PAGE_TOKEN_VALIDITY.toHours();
        if (embedded) {
            out.println("  Via relay: " + relayPageUri() + " (the same page through the relay; its token is valid "
                    + hours + " h)");
        } else {
            // a token of a real namespace is a secret: the page hands it to the browser instead
            URI relayed = relayPageUri();
            out.println("  Via relay: " + pageUri().resolve("/via-relay") + " (redirects to the same page through the "
                    + "relay, " + relayed.getScheme() + "://" + relayed.getRawAuthority() + relayed.getRawPath()
                    + ", with a token valid " + hours + " h)");
        }
        for (String line : cliLines(source, connectionString)) {
            out.println(line);
        }
        out.println("Open the web page in two browser tabs, join the same room and chat. Ctrl-C stops everything.");
    }

    /**
     * How to join from a terminal, as a command that works as printed. The embedded emulator's
     * connection string (a development key) is given inline; a real one holds a key, which must not
     * end up in whatever records this console, so the client reads it from the environment, as the
     * user is told.
     */
    static List<String> cliLines(Source source, RelayConnectionString connectionString) {
        String jar = jarPath();
        // quoted for the shell unless it needs no quotes
        String client = "java -cp " + (jar.matches("[A-Za-z0-9_./:@%+=-]+") ? jar : "'" + jar.replace("'", "'\\''") + "'")
                + " " + ChatClient.class.getName();
        String join = " --room lobby --name ann";
        return switch (source) {
            case EMULATOR -> List.of("  CLI:       " + client + " --connection-string '"
                    + connectionString.toConnectionString() + "'" + join);
            case ENVIRONMENT -> List.of("  CLI:       " + client + join,
                    "             (the client reads HYCO_RELAY_CONNECTION_STRING, as this app did: set it in that "
                            + "terminal too; it holds the key, so it is not printed here)");
            case OPTION -> List.of("  CLI:       " + client + join,
                    "             (first set HYCO_RELAY_CONNECTION_STRING in that terminal to the connection string "
                            + "given with --connection-string: export HYCO_RELAY_CONNECTION_STRING='"
                            + connectionString.toString().replace("'", "") + "' with your key in place of ***; "
                            + "it is not printed here, as it holds the key)");
        };
    }

    /** The runnable jar as the user can type it, relative to the working directory when inside it. */
    private static String jarPath() {
        try {
            Path jar = Path.of(ChatApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (jar.toString().endsWith(".jar")) {
                Path here = Path.of("").toAbsolutePath();
                return jar.startsWith(here) ? here.relativize(jar).toString() : jar.toString();
            }
        } catch (Exception e) {
            // no code source (or not a file): fall back to the usual place
        }
        return "examples/target/hyco-jakarta-example.jar";
    }
}
