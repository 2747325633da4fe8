// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.cdi.RelayEndpoints;
import io.github.hyco.relay.cdi.internal.RelayExtension;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.RelayEvent;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code hyco.relay.<name>.credential} with a namespace-only connection string, in Weld SE against
 * the emulator; the credential comes from the {@code CredentialTokenProviders} service (here this
 * module's stand-in for hyco-jakarta-azure-identity).
 */
class CredentialKeyIT {

    private static final String CONNECTION_STRING = "hyco.relay.entra.connection-string";
    private static final String CREDENTIAL = "hyco.relay.entra.credential";

    private RelayEmulator relay;

    @BeforeEach
    void start() {
        relay = RelayEmulator.builder().hybridConnection("entra").start();
        EmulatorCredentials.relay = relay;
    }

    @AfterEach
    void stop() {
        System.clearProperty(CONNECTION_STRING);
        System.clearProperty(CREDENTIAL);
        relay.close();
    }

    private static SeContainer boot() {
        return SeContainerInitializer.newInstance().disableDiscovery().addExtensions(new RelayExtension())
                .addBeanClasses(EntraEndpoint.class).initialize();
    }

    private static String trace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    @Test
    void aNamespaceWithoutAKeyAndACredentialBringTheEndpointOnline() throws Exception {
        System.setProperty(CONNECTION_STRING, "Endpoint=sb://" + relay.namespace() + "/;UseDevelopmentEmulator=true");
        System.setProperty(CREDENTIAL, "emulator");

        try (SeContainer weld = boot()) {
            RelayEndpoints endpoints = weld.select(RelayEndpoints.class).get();
            await().atMost(Duration.ofSeconds(20)).until(endpoints::allOnline);
            assertThat(relay.takeEvent(RelayEvent.ListenerConnected.class, Duration.ofSeconds(10))).isNotNull();
        }
    }

    @Test
    void aCredentialNextToAKeyIsRefusedWithoutTheKey() {
        System.setProperty(CONNECTION_STRING, "Endpoint=sb://" + relay.namespace()
                + "/;SharedAccessKeyName=p;SharedAccessKey=TOPSECRETKEY;UseDevelopmentEmulator=true");
        System.setProperty(CREDENTIAL, "emulator");

        Throwable failure = catchThrowable(CredentialKeyIT::boot);

        assertThat(failure).hasStackTraceContaining(EntraEndpoint.class.getName() + ": " + CREDENTIAL
                + " (").hasStackTraceContaining("names a credential, but the connection string in "
                + CONNECTION_STRING + " has a shared access key or signature too");
        assertThat(trace(failure)).doesNotContain("TOPSECRETKEY");
    }

    @Test
    void aNamespaceWithoutAKeyOrCredentialSaysWhichKeysToSet() {
        System.setProperty(CONNECTION_STRING, "Endpoint=sb://" + relay.namespace() + "/;UseDevelopmentEmulator=true");

        assertThat(catchThrowable(CredentialKeyIT::boot)).hasStackTraceContaining(EntraEndpoint.class.getName()
                + ": the connection string in " + CONNECTION_STRING + " has no key: add SharedAccessKeyName and "
                + "SharedAccessKey, or set " + CREDENTIAL).hasStackTraceContaining("HYCO_RELAY_ENTRA_CREDENTIAL");
    }

    @Test
    void anUnknownCredentialIsNamed() {
        System.setProperty(CONNECTION_STRING, "Endpoint=sb://" + relay.namespace() + "/;UseDevelopmentEmulator=true");
        System.setProperty(CREDENTIAL, "kerberos");

        assertThat(catchThrowable(CredentialKeyIT::boot)).hasStackTraceContaining(CREDENTIAL)
                .hasStackTraceContaining("is not a credential: credential must be 'emulator', was 'kerberos'");
    }
}
