package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class AcceptCommandTest {

    @Test
    void readsTheAcceptOfProtocolSection21() {
        AcceptCommand c = AcceptCommand.parse("""
                {"accept":{"address":"wss://g1.servicebus.windows.net:443/$hc/hyco/orders?tenant=7&sb-hc-action=accept&sb-hc-id=x_G3",
                 "id":"x_G3","connectHeaders":{"Host":"contoso","Sec-WebSocket-Protocol":"v2.chat, v1.chat","X-Tenant":"7"},
                 "remoteEndpoint":{"address":"203.0.113.25","port":50112}}}""").orElseThrow();
        assertThat(c.address()).endsWith("sb-hc-id=x_G3");
        assertThat(c.id()).isEqualTo("x_G3");
        assertThat(c.connectHeaders().get("x-tenant")).isEqualTo("7");
        assertThat(c.remoteEndpoint()).contains(InetSocketAddress.createUnresolved("203.0.113.25", 50112));
    }

    @Test
    void remoteEndpointIsOptionalAndOtherCommandsAreIgnored() {
        assertThat(AcceptCommand.parse("{\"accept\":{\"address\":\"ws://h/$hc/x\",\"id\":\"1\"}}").orElseThrow()
                .remoteEndpoint()).isEmpty();
        assertThat(AcceptCommand.parse("{\"request\":{\"address\":\"ws://h/$hc/x\"}}")).isEmpty();
    }

    @Test
    void garbageIsAnIllegalArgument() {
        assertThatThrownBy(() -> AcceptCommand.parse("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AcceptCommand.parse("{\"accept\":{}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("address");
    }

    @Test
    void renewTokenIsTheRawToken() {
        assertThat(AcceptCommand.renewToken("SharedAccessSignature sr=a&sig=b%3D&se=1&skn=k"))
                .isEqualTo("{\"renewToken\":{\"token\":\"SharedAccessSignature sr=a&sig=b%3D&se=1&skn=k\"}}");
    }
}
