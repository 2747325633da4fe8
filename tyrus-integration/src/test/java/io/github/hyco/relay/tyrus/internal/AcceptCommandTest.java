// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

class AcceptCommandTest {

    private static final Consumer<String> IGNORE = command -> { };

    private static Optional<AcceptCommand> parse(String message) {
        return AcceptCommand.parse(message, IGNORE);
    }

    @Test
    void readsTheAcceptOfProtocolSection21() {
        AcceptCommand c = AcceptCommand.parse("""
                {"accept":{"address":"wss://g1.servicebus.windows.net:443/$hc/hyco/orders?tenant=7&sb-hc-action=accept&sb-hc-id=x_G3",
                 "id":"x_G3","connectHeaders":{"Host":"contoso","Sec-WebSocket-Protocol":"v2.chat, v1.chat","X-Tenant":"7"},
                 "remoteEndpoint":{"address":"203.0.113.25","port":50112}}}""", IGNORE).orElseThrow();
        assertThat(c.address()).endsWith("sb-hc-id=x_G3");
        assertThat(c.id()).isEqualTo("x_G3");
        assertThat(c.connectHeaders().get("x-tenant")).isEqualTo("7");
        assertThat(c.remoteEndpoint()).contains(InetSocketAddress.createUnresolved("203.0.113.25", 50112));
    }

    @Test
    void remoteEndpointIsOptionalAndOtherCommandsAreIgnored() {
        assertThat(parse("{\"accept\":{\"address\":\"ws://h/$hc/x\",\"id\":\"1\"}}").orElseThrow()
                .remoteEndpoint()).isEmpty();
        assertThat(parse("{\"request\":{\"address\":\"ws://h/$hc/x\"}}")).isEmpty();
    }

    @Test
    void garbageIsAnIllegalArgument() {
        assertThatThrownBy(() -> parse("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("{\"accept\":{}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("address");
    }

    @Test
    void wrongTypesNameTheFieldAndKeepTheTrackingId() {
        assertThatThrownBy(() -> parse("{\"accept\":{\"address\":5,\"id\":\"t-1\"}}"))
                .isInstanceOf(AcceptCommand.MalformedException.class)
                .hasMessage("accept.address is a number, not a string")
                .extracting(e -> ((AcceptCommand.MalformedException) e).trackingId()).isEqualTo("t-1");
        assertThatThrownBy(() -> parse("{\"accept\":{\"address\":\"ws://h/$hc/x\",\"id\":\"t-2\","
                + "\"connectHeaders\":[1]}}"))
                .hasMessage("accept.connectHeaders is an array, not an object")
                .extracting(e -> ((AcceptCommand.MalformedException) e).trackingId()).isEqualTo("t-2");
        assertThatThrownBy(() -> parse("{\"accept\":{\"address\":\"ws://h/$hc/x\",\"connectHeaders\":"
                + "{\"X-A\":1}}}")).hasMessage("accept.connectHeaders.X-A is a number, not a string");
        assertThatThrownBy(() -> parse("{\"accept\":{\"address\":\"ws://h/$hc/x\",\"remoteEndpoint\":\"x\"}}"))
                .hasMessage("accept.remoteEndpoint is a string, not an object");
        assertThatThrownBy(() -> parse("{\"accept\":{\"address\":\"ws://h/$hc/x\",\"remoteEndpoint\":"
                + "{\"address\":\"1.2.3.4\",\"port\":\"80\"}}}"))
                .hasMessage("accept.remoteEndpoint.port is \"80\", not a port number");
        assertThatThrownBy(() -> parse("{\"accept\":\"x\"}")).hasMessage("accept is a string, not an object");
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(AcceptCommand.MalformedException.class)
                .hasMessageStartingWith("control message is not a JSON object");
    }

    @Test
    void unknownFieldsAreKeptForAWarningAndOtherCommandsAreNamed() {
        assertThat(parse("{\"accept\":{\"address\":\"ws://h/$hc/x\",\"zeta\":1,\"alpha\":{}}}").orElseThrow()
                .unknownFields()).containsExactlyInAnyOrder("zeta", "alpha");
        List<String> others = new ArrayList<>();
        assertThat(AcceptCommand.parse("{\"request\":{}}", others::add)).isEmpty();
        assertThat(others).containsExactly("request");
    }

    @Test
    void renewTokenIsTheRawToken() {
        assertThat(AcceptCommand.renewToken("SharedAccessSignature sr=a&sig=b%3D&se=1&skn=k"))
                .isEqualTo("{\"renewToken\":{\"token\":\"SharedAccessSignature sr=a&sig=b%3D&se=1&skn=k\"}}");
    }
}
