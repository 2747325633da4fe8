// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.Test;

/** The masking of protocol.md's token forms, and the filter on a logger, without sockets. */
class LogRedactionTest {

    /** protocol.md §5.3 V1. */
    private static final String V1 = "SharedAccessSignature sr=http%3A%2F%2Fcontoso.servicebus.windows.net%3A443%2Fhyco"
            + "&sig=MjC%2FIQToIYjkL3N3sIw6ggeZvt5bQrz4QbAokhPjYYQ%3D&se=1700000000&skn=RootManageSharedAccessKey";
    private static final String V1_MASKED = "SharedAccessSignature sr=http%3A%2F%2Fcontoso.servicebus.windows.net"
            + "%3A443%2Fhyco&sig=***&se=1700000000&skn=RootManageSharedAccessKey";
    private static final String KEY = "kC5PvHd0aZsQbbF0uGOyxW1dI2JUx8GQ3b5bKF3Vx+4=";

    @Test
    void aSasTokenKeepsAudienceExpiryAndKeyNameButNotItsSignature() {
        assertThat(LogRedaction.mask(V1)).isEqualTo(V1_MASKED);
        assertThat(LogRedaction.mask("> ServiceBusAuthorization: " + V1 + "\n> Upgrade: websocket"))
                .isEqualTo("> ServiceBusAuthorization: " + V1_MASKED + "\n> Upgrade: websocket");
        // a Python-made token leaves '/' unencoded in sig (protocol.md §5.1)
        assertThat(LogRedaction.mask("sr=x&sig=vnfqceipxOqxQoK3MhZ27vifpOx3SHBAVq/3rWNRI3M=&se=1893456000"))
                .isEqualTo("sr=x&sig=***&se=1893456000");
    }

    @Test
    void proxyCredentialsAreMasked() {
        assertThat(LogRedaction.mask("CONNECT 127.0.0.1:9090 HTTP/1.1\nProxy-Authorization: Basic c3ZjOnMzY3JldA==\n"))
                .isEqualTo("CONNECT 127.0.0.1:9090 HTTP/1.1\nProxy-Authorization: Basic ***\n");
        assertThat(LogRedaction.mask("{proxy-authorization=Basic c3ZjOnMzY3JldA==}"))
                .isEqualTo("{proxy-authorization=Basic ***}");
    }

    @Test
    void aRenewTokenCommandIsMasked() {
        assertThat(LogRedaction.mask("Sending text message: {\"renewToken\":{\"token\":\"" + V1 + "\"}}"))
                .isEqualTo("Sending text message: {\"renewToken\":{\"token\":\"" + V1_MASKED + "\"}}");
    }

    @Test
    void anSbHcTokenParameterIsMaskedWholeAndTheRestOfTheUriKept() {
        // protocol.md §5.3, appendRelayToken
        String uri = "wss://contoso.servicebus.windows.net:443/$hc/hyco?sb-hc-action=listen&sb-hc-token="
                + "SharedAccessSignature%20sr%3Dhttp%253A%252F%252Fcontoso.servicebus.windows.net%253A443%252Fhyco"
                + "%26sig%3DnsGhZ5v0AgQOQRDuh6GJP4DQmOqGgCNAPMKFkELuniI%253D%26se%3D1700000000%26skn%3Dr";
        assertThat(LogRedaction.mask(uri + "&sb-hc-id=42"))
                .isEqualTo("wss://contoso.servicebus.windows.net:443/$hc/hyco?sb-hc-action=listen&sb-hc-token=***"
                        + "&sb-hc-id=42");
        assertThat(LogRedaction.mask("Connecting to '" + uri + "' (no proxy)."))
                .isEqualTo("Connecting to 'wss://contoso.servicebus.windows.net:443/$hc/hyco?sb-hc-action=listen"
                        + "&sb-hc-token=***' (no proxy).");
    }

    @Test
    void anEncodedTokenOutsideItsParameterStillLosesItsSignatureOnly() {
        assertThat(LogRedaction.mask("SharedAccessSignature%20sr%3Dhttp%253A%252F%252Fns%252Fhyco"
                + "%26sig%3DnsGhZ5v0AgQOQRDuh6GJP4DQmOqGgCNAPMKFkELuniI%253D%26se%3D1700000000%26skn%3Dr"))
                .isEqualTo("SharedAccessSignature%20sr%3Dhttp%253A%252F%252Fns%252Fhyco%26sig%3D***%26se%3D1700000000"
                        + "%26skn%3Dr");
        // encoded twice, as Tyrus's Grizzly client prints a URI it was given encoded
        assertThat(LogRedaction.mask("%2526sig%253DnsGhZ5v0AgQOQRDuh6GJP4DQmOqGgCNAPMKFkELuniI%25253D%2526se%253D1"))
                .isEqualTo("%2526sig%253D***%2526se%253D1");
    }

    @Test
    void connectionStringsLoseTheirKeyOrSignature() {
        assertThat(LogRedaction.mask("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName="
                + "RootManageSharedAccessKey;SharedAccessKey=" + KEY + ";EntityPath=hyco"))
                .isEqualTo("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName="
                        + "RootManageSharedAccessKey;SharedAccessKey=***;EntityPath=hyco");
        assertThat(LogRedaction.mask("Endpoint=sb://ns/;SharedAccessSignature=" + V1 + ";EntityPath=hyco"))
                .isEqualTo("Endpoint=sb://ns/;SharedAccessSignature=" + V1_MASKED + ";EntityPath=hyco");
    }

    @Test
    void aJwtLosesItsSignatureSegment() {
        assertThat(LogRedaction.mask("ServiceBusAuthorization: eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL3JlbGF5In0"
                + ".c2lnbmF0dXJlLWJ5dGVz-_x"))
                .isEqualTo("ServiceBusAuthorization: eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL3JlbGF5In0.***");
    }

    @Test
    void textWithoutSecretsIsReturnedAsItIs() {
        String text = "Received handshake response: 101 Switching Protocols, sb-hc-action=accept&sb-hc-id=7";
        assertThat(LogRedaction.mask(text)).isSameAs(text);
        assertThat(LogRedaction.mask(null)).isNull();
    }

    @Test
    void theFilterMasksMessageParametersAndThrownChainBeforeAnyHandler() {
        Logger logger = isolated("masking");
        List<LogRecord> records = capture(logger);
        Object packet = new Object() {
            @Override
            public String toString() {
                return "headers=[servicebusauthorization=" + V1 + "]";
            }
        };
        IOException cause = new IOException("refused " + V1);
        IllegalStateException thrown = new IllegalStateException("failed: sb-hc-token=s3cr3tQuery", cause);

        logger.log(Level.FINEST, String.format("Sending text message: %s", V1));
        logger.log(Level.FINEST, "headers=\n{0} size={1}", new Object[] {packet, 3});
        logger.log(Level.WARNING, "connect failed", thrown);

        assertThat(records).extracting(LogRecord::getMessage)
                .containsExactly("Sending text message: " + V1_MASKED, "headers=\n{0} size={1}", "connect failed");
        assertThat(records.get(1).getParameters())
                .containsExactly("headers=[servicebusauthorization=" + V1_MASKED + "]", 3);
        assertThat(new SimpleFormatter().formatMessage(records.get(1)))
                .isEqualTo("headers=\n" + "headers=[servicebusauthorization=" + V1_MASKED + "] size=3");
        Throwable logged = records.get(2).getThrown();
        StringWriter trace = new StringWriter();
        logged.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("MjC%2FIQ", "s3cr3tQuery")
                .contains("java.lang.IllegalStateException: failed: sb-hc-token=***",
                        "Caused by: java.io.IOException: refused " + V1_MASKED,
                        "at " + getClass().getName());
        assertThat(logged.getStackTrace()).isEqualTo(thrown.getStackTrace());
    }

    @Test
    void aFilterAlreadyOnTheLoggerStillDecidesAndSeesTheMaskedRecord() {
        Logger logger = isolated("chained");
        List<String> seenByTheirs = new ArrayList<>();
        Filter theirs = r -> seenByTheirs.add(r.getMessage()) && !r.getMessage().startsWith("drop");
        logger.setFilter(theirs);
        List<LogRecord> records = capture(logger);

        LogRedaction.install(logger.getName());
        Filter installed = logger.getFilter();
        LogRedaction.install(logger.getName());
        logger.info("keep " + V1);
        logger.info("drop " + V1);

        assertThat(logger.getFilter()).isSameAs(installed).isNotSameAs(theirs);
        assertThat(seenByTheirs).containsExactly("keep " + V1_MASKED, "drop " + V1_MASKED);
        assertThat(records).extracting(LogRecord::getMessage).containsExactly("keep " + V1_MASKED);
    }

    @Test
    void belowTheLoggersLevelNothingIsFormattedOrScanned() {
        Logger logger = isolated("quiet");
        logger.setLevel(Level.INFO);
        List<LogRecord> records = capture(logger);
        AtomicInteger formatted = new AtomicInteger();
        Object parameter = new Object() {
            @Override
            public String toString() {
                formatted.incrementAndGet();
                return V1;
            }
        };

        logger.log(Level.FINE, "debug {0}", parameter);

        assertThat(records).isEmpty();
        assertThat(formatted).hasValue(0);
    }

    @Test
    void theFilterStaysWhenNothingElseHoldsTheLogger() {
        String name = LogRedactionTest.class.getName() + ".unreferenced";
        LogRedaction.install(name);
        System.gc();
        assertThat(Logger.getLogger(name).getFilter()).isNotNull();
    }

    /** A logger of this test only, at ALL, with the filter, printing nowhere. */
    private static Logger isolated(String suffix) {
        Logger logger = Logger.getLogger(LogRedactionTest.class.getName() + "." + suffix);
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        LogRedaction.install(logger.getName());
        return logger;
    }

    private static List<LogRecord> capture(Logger logger) {
        List<LogRecord> records = new ArrayList<>();
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return records;
    }
}
