// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar hyco-jakarta-emulator.jar [options]}: runs the relay emulator until Ctrl-C.
 * Prints the URIs and a connection string to use; {@code --help} lists the options.
 */
public final class Main {

    /** A trust store holds no secret; its password only satisfies the key store format. */
    static final String TRUST_STORE_PASSWORD = "changeit";

    static final String USAGE = """
            Usage: java -jar hyco-jakarta-emulator.jar [options]

            A local Azure Relay Hybrid Connections relay (WebSocket part).

              --host HOST              address to bind (default 127.0.0.1)
              --port PORT              plain ws:// port (default 9090, 0 = any free port)
              --tls-port PORT          also serve wss:// on PORT (0 = any free port) with a
                                       self-signed certificate made at start
              --keystore FILE          PKCS#12 (or .jks) key store to use for TLS instead
              --keystore-password PW   its password
              --export-cert FILE       write the TLS certificate (PEM) to FILE for clients
              --export-truststore FILE write a PKCS12 trust store with the certificate to FILE
                                       and print the -Djavax.net.ssl... options Java needs
              --namespace NAME         namespace name accepted in token audiences (default localhost)
              --hc NAME[:noauth]       a hybrid connection; ':noauth' lets senders in without a
                                       token; repeatable (default: one named 'hyco')
              --key-name NAME          shared access key name (default RootManageSharedAccessKey)
              --key KEY                shared access key (default: the well-known development key)
              --auto-create            create hybrid connections on first listen
              --gateway-host HOST      point accept addresses at HOST (another address of this
                                       machine, e.g. 127.0.0.2), as Azure uses gateway hosts
              --fragment-size BYTES    relay frames larger than BYTES as fragments of at most
                                       BYTES (default 65536, as Azure; 0 or off = whole)
              --forward-pings          pass pings and pongs between sender and listener
                                       (default: the relay answers each side's pings itself)
              --help                   show this help
            """;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        RelayEmulator emulator;
        try {
            emulator = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println();
            System.err.print(USAGE);
            System.exit(2);
            return;
        } catch (UncheckedIOException e) {
            System.err.println("error: " + e.getMessage()); // e.g. a port in use: one line is enough
            System.exit(1);
            return;
        }
        if (emulator == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            System.out.println("Relay emulator stopped.");
            stopped.countDown();
        }, "hyco-emulator-shutdown"));
        stopped.await();
    }

    /** Parses the options, starts the emulator and prints how to use it; null after {@code --help}. */
    static RelayEmulator start(String[] args, PrintStream out) {
        RelayEmulator.Builder builder = RelayEmulator.builder().port(9090);
        List<String> entities = new ArrayList<>();
        Path exportCert = null;
        Path exportTrustStore = null;
        boolean tls = false;
        Path keyStore = null;
        String keyStorePassword = null;
        String keyName = null;
        String key = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return null;
                }
                case "--auto-create" -> builder.autoCreate(true);
                case "--gateway-host" -> builder.gatewayHost(value(args, ++i, option));
                case "--host" -> builder.host(value(args, ++i, option));
                case "--port" -> builder.port(number(value(args, ++i, option), option));
                case "--tls-port" -> {
                    builder.tlsPort(number(value(args, ++i, option), option));
                    tls = true;
                }
                case "--keystore" -> keyStore = Path.of(value(args, ++i, option));
                case "--keystore-password" -> keyStorePassword = value(args, ++i, option);
                case "--export-cert" -> exportCert = Path.of(value(args, ++i, option));
                case "--export-truststore" -> exportTrustStore = Path.of(value(args, ++i, option)).toAbsolutePath();
                case "--namespace" -> builder.namespace(value(args, ++i, option));
                case "--hc" -> entities.add(value(args, ++i, option));
                case "--fragment-size" -> {
                    String size = value(args, ++i, option);
                    builder.fragmentSize(size.equals("off") ? 0 : number(size, option));
                }
                case "--forward-pings" -> builder.forwardPings(true);
                case "--key-name" -> keyName = value(args, ++i, option);
                case "--key" -> key = value(args, ++i, option);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        if ((keyName == null) != (key == null) && key == null) {
            throw new IllegalArgumentException("--key-name needs --key");
        }
        if (key != null) {
            builder.sharedAccessKey(keyName == null ? RelayEmulator.DEVELOPMENT_KEY_NAME : keyName, key);
        }
        if (keyStore != null) {
            builder.keyStore(keyStore, keyStorePassword == null ? null : keyStorePassword.toCharArray());
        }
        if ((exportCert != null || exportTrustStore != null) && !tls) {
            throw new IllegalArgumentException((exportCert != null ? "--export-cert" : "--export-truststore")
                    + " needs --tls-port");
        }
        if (entities.isEmpty()) {
            entities.add("hyco");
        }
        List<String> names = new ArrayList<>();
        for (String entity : entities) {
            boolean noAuth = entity.endsWith(":noauth");
            String name = noAuth ? entity.substring(0, entity.length() - ":noauth".length()) : entity;
            builder.hybridConnection(name, !noAuth);
            names.add(name);
        }
        RelayEmulator emulator = builder.start();
        try {
            if (exportCert != null) {
                Files.writeString(exportCert, emulator.certificatePem(), StandardCharsets.US_ASCII);
            }
        } catch (IOException | IllegalStateException e) {
            emulator.close();
            throw new IllegalArgumentException("--export-cert " + exportCert + ": " + e.getMessage());
        }
        try {
            if (exportTrustStore != null) {
                writeTrustStore(emulator.certificatePem(), exportTrustStore);
            }
        } catch (IOException | GeneralSecurityException | IllegalStateException e) {
            emulator.close();
            throw new IllegalArgumentException("--export-truststore " + exportTrustStore + ": " + e.getMessage());
        }
        printBanner(emulator, names, key == null, exportCert, exportTrustStore, out);
        return emulator;
    }

    private static void writeTrustStore(String certificatePem, Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("hyco-emulator", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII))));
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
    }

    private static void printBanner(RelayEmulator emulator, List<String> names, boolean developmentKey,
            Path exportCert, Path exportTrustStore, PrintStream out) {
        out.println("Azure Relay Hybrid Connections emulator (hyco-jakarta) on " + emulator.namespace());
        out.println("Key " + emulator.keyName() + (developmentKey
                ? " = " + emulator.key() + "  (the well-known development key: never use it outside tests)"
                : " (given with --key)"));
        for (String name : names) {
            out.println("Hybrid connection '" + name + "':");
            out.println("  listen: " + emulator.listenUri(name));
            out.println("  send:   " + emulator.sendUri(name));
            emulator.tlsPort().ifPresent(p -> {
                out.println("  listen: " + emulator.tlsListenUri(name));
                out.println("  send:   " + emulator.tlsSendUri(name));
            });
        }
        if (emulator.tlsPort().isPresent()) {
            out.println("TLS certificate" + (exportCert == null ? " (use --export-cert FILE to save it)"
                    : " written to " + exportCert));
            if (exportTrustStore != null) {
                out.println("Trust store written to " + exportTrustStore + "; Java clients trust the emulator with:");
                out.println("  -Djavax.net.ssl.trustStore=" + exportTrustStore
                        + " -Djavax.net.ssl.trustStorePassword=" + TRUST_STORE_PASSWORD);
            }
            out.println("TLS connection string:");
            out.println(emulator.tlsConnectionString());
        }
        out.println("Connection string:");
        out.println(emulator.connectionString());
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int number(String value, String option) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was '" + value + "'");
        }
    }
}
