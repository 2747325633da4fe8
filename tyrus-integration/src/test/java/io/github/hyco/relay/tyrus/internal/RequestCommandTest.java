// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RequestCommandTest {

    private static RequestCommand parse(String message) {
        return RequestCommand.parse(AcceptCommand.read(message).get("request"));
    }

    @Test
    void readsTheVariantARequestOfProtocolSection22() {
        RequestCommand c = parse("""
                {"request":{"address":"wss://g17.servicebus.windows.net:443/$hc/hyco?sb-hc-action=request&sb-hc-id=9a_G4",
                  "id":"9a_G4","requestTarget":"/hyco/api/items?page=2","method":"POST",
                  "remoteEndpoint":{"address":"198.51.100.7","port":61234},
                  "requestHeaders":{"Content-Type":"application/json","User-Agent":"curl/8.5.0"},"body":true}}""");
        assertThat(c.rendezvousOnly()).isFalse();
        assertThat(c.id()).isEqualTo("9a_G4");
        assertThat(c.method()).isEqualTo("POST");
        assertThat(c.requestTarget()).isEqualTo("/hyco/api/items?page=2");
        assertThat(c.body()).isTrue();
        assertThat(c.headers().get("content-type")).isEqualTo("application/json");
        assertThat(c.headers().keySet()).containsExactlyInAnyOrder("Content-Type", "User-Agent");
        assertThat(c.remoteEndpoint()).contains(InetSocketAddress.createUnresolved("198.51.100.7", 61234));
    }

    @Test
    void onlyARequestWithNeitherMethodNorBodyIsRendezvousOnly() {
        // the .NET and Java SDKs key on a missing body, hyco-https on a missing method
        assertThat(parse("{\"request\":{\"address\":\"ws://h/$hc/x?sb-hc-action=request\",\"id\":\"b\"}}")
                .rendezvousOnly()).isTrue();
        RequestCommand noBody = parse("{\"request\":{\"id\":\"a\",\"method\":\"GET\",\"requestTarget\":\"/x\"}}");
        assertThat(noBody.rendezvousOnly()).isFalse();
        assertThat(noBody.body()).isFalse();
        assertThat(noBody.address()).isEmpty();
        assertThatThrownBy(() -> parse("{\"request\":{\"id\":\"c\",\"body\":true,\"requestTarget\":\"/x\"}}"))
                .isInstanceOf(AcceptCommand.MalformedException.class).hasMessage("request without a method");
        assertThatThrownBy(() -> parse("{\"request\":{\"id\":\"d\"}}"))
                .hasMessage("request without method, body and address");
        assertThatThrownBy(() -> parse("{\"request\":{\"id\":\"e\",\"method\":\"GET\",\"requestTarget\":\"x\"}}"))
                .hasMessage("request.requestTarget 'x' does not start with /");
        assertThatThrownBy(() -> parse("{\"request\":{\"id\":\"f\",\"method\":\"GET\",\"requestTarget\":\"/\","
                + "\"body\":\"yes\"}}")).hasMessage("request.body is a string, not a boolean");
        assertThatThrownBy(() -> parse("{\"request\":{\"id\":\"g\",\"method\":\"GET\",\"requestTarget\":\"/\","
                + "\"requestHeaders\":{\"X\":1}}}")).hasMessage("request.requestHeaders.X is a number, not a string")
                .extracting(e -> ((AcceptCommand.MalformedException) e).trackingId()).isEqualTo("g");
    }

    @Test
    void writesTheResponseOfProtocolSection23() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        assertThat(RequestCommand.response("9a_G4", 200, "OK", headers, true)).isEqualTo("{\"response\":{"
                + "\"requestId\":\"9a_G4\",\"statusCode\":200,\"statusDescription\":\"OK\","
                + "\"responseHeaders\":{\"Content-Type\":\"application/json\"},\"body\":true}}");
        assertThat(RequestCommand.response("x", 204, null, Map.of(), false))
                .isEqualTo("{\"response\":{\"requestId\":\"x\",\"statusCode\":204,\"body\":false}}");
    }
}
