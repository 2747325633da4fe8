// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks relay secrets in the JUL records of third-party loggers that print them at debug levels
 * (Tyrus logs whole upgrade requests, URIs and sent text frames). JUL applies a logger's
 * {@link Filter} only to records logged on that very logger, before any handler sees them, so the
 * filter goes on each logger that prints secrets, keeps any filter already there, and rewrites the
 * record in place; the handlers and their format stay the user's ({@link LoggerFilters} keeps the
 * loggers). A filter only runs for records the logger's level lets through, so at INFO the debug
 * calls cost what they cost before.
 */
public final class LogRedaction {

    static final String MASK = "***";

    /**
     * {@code sb-hc-token=} (any value), {@code SharedAccessKey=} (connection strings), {@code sig=}
     * in SAS tokens, plain or URL-encoded once or more (its value ends at a plain or encoded
     * {@code &}), the signature segment of a JWT, and a proxy's {@code Proxy-Authorization} credentials.
     */
    private static final Pattern SECRET = Pattern.compile(
            "(?i:(sb-hc-token=))[^&\\s\"'<>#]+"
            + "|(?i:(SharedAccessKey=))[^;\\s\"'<>]+"
            + "|(?i:(sig(?:=|%(?:25)*3D)))(?:[A-Za-z0-9+/=_.~-]|%(?!(?:25)*26)[0-9A-Fa-f]{2})+"
            + "|(eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.)[A-Za-z0-9_-]+"
            + "|(?i:(Proxy-Authorization[:=]\\s*\\w+\\s+))[A-Za-z0-9+/=._~-]+");

    private LogRedaction() {
    }

    /**
     * Puts the masking filter on each named logger, once; cheap to call again (at each container or
     * connection), which also restores it if someone replaced the logger's filter.
     */
    public static void install(String... loggerNames) {
        for (String name : loggerNames) {
            LoggerFilters.chain(name, Masking.class, Masking::new);
        }
    }

    /** {@code text} with every secret replaced by {@value #MASK}; the same instance if it has none. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SECRET.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String kept = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2)
                    : m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : m.group(5);
            m.appendReplacement(out, Matcher.quoteReplacement(kept + MASK));
        } while (m.find());
        return m.appendTail(out).toString();
    }

    /**
     * Masks the message, each parameter (as its {@code toString}, which is what a formatter prints;
     * Tyrus also passes pre-formatted {@code String.format} messages) and the messages of the thrown
     * chain. Records without secrets are left as they are.
     */
    private static final class Masking implements Filter {
        private final Filter next;

        Masking(Filter next) {
            this.next = next;
        }

        @Override
        public boolean isLoggable(LogRecord record) {
            record.setMessage(mask(record.getMessage()));
            Object[] parameters = record.getParameters();
            if (parameters != null) {
                Object[] masked = null;
                for (int i = 0; i < parameters.length; i++) {
                    String text = parameters[i] == null ? null : String.valueOf(parameters[i]);
                    String safe = mask(text);
                    if (!Objects.equals(text, safe)) {
                        if (masked == null) {
                            masked = parameters.clone();
                        }
                        masked[i] = safe;
                    }
                }
                if (masked != null) {
                    record.setParameters(masked);
                }
            }
            if (record.getThrown() != null && hasSecret(record.getThrown())) {
                record.setThrown(Redacted.of(record.getThrown()));
            }
            return next == null || next.isLoggable(record);
        }

        private static boolean hasSecret(Throwable thrown) {
            for (Throwable t : chain(thrown)) {
                String text = t.toString();
                if (!text.equals(mask(text))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code thrown} and its causes, each once (a cause chain may loop). */
    private static List<Throwable> chain(Throwable thrown) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** Stands in for a thrown whose messages carry a secret: same class name, stack and causes, masked text. */
    private static final class Redacted extends Throwable {
        private static final long serialVersionUID = 1L;

        private Redacted(Throwable original, Throwable cause) {
            super(mask(original.toString()), cause, false, true);
            setStackTrace(original.getStackTrace());
        }

        static Redacted of(Throwable thrown) {
            List<Throwable> chain = chain(thrown);
            Redacted copy = null;
            for (int i = chain.size() - 1; i >= 0; i--) {
                copy = new Redacted(chain.get(i), copy);
            }
            return copy;
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
