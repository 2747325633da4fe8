// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.junit5;

import io.github.hyco.relay.emulator.RelayEmulator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a {@link RelayEmulator} on a free port of 127.0.0.1, injected into any
 * test, lifecycle method or constructor parameter of type {@code RelayEmulator}.
 *
 * <pre>{@code
 * @RelayEmulatorTest(hybridConnections = "orders")
 * class OrdersTest {
 *     @Test
 *     void relays(RelayEmulator relay) {
 *         String cs = relay.connectionString("orders");
 *     }
 * }
 * }</pre>
 *
 * For settings this annotation does not offer, register {@link RelayEmulatorExtension#of} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RelayEmulatorExtension.class)
public @interface RelayEmulatorTest {

    /** Hybrid connections that require a token from senders. */
    String[] hybridConnections() default {"hyco"};

    /** Hybrid connections that let senders in without a token. */
    String[] noAuthHybridConnections() default {};

    /** Create hybrid connections on first listen. */
    boolean autoCreate() default false;

    /** Also serve {@code wss://} with a self-signed certificate ({@link RelayEmulator#sslContext()}). */
    boolean tls() default false;

    /** One emulator for the whole class (default), or a fresh one for each test. */
    Lifecycle lifecycle() default Lifecycle.PER_CLASS;

    /** How long emulators live. */
    enum Lifecycle {
        PER_CLASS,
        PER_METHOD
    }
}
