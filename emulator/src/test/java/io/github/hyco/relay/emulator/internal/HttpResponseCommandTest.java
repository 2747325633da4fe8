// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;

import org.junit.jupiter.api.Test;

/** The checks a listener's {@code response} command goes through, without sockets. */
class HttpResponseCommandTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void takesWhatTheSdksSend() {
        HttpResponseCommand r = HttpResponseCommand.parse(json("{\"requestId\":\"x\",\"body\":true,\"statusCode\":201,"
                + "\"statusDescription\":\"Made\\tHere\",\"responseHeaders\":{\"X-MiXed\":\"a, b\"}}"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.description()).isEqualTo("Made\tHere");
        assertThat(r.headers()).containsExactly(java.util.Map.entry("X-MiXed", "a, b"));
        assertThat(r.body()).isTrue();
        assertThat(HttpResponseCommand.parse(json("{\"statusCode\":200,\"statusDescription\":null,\"body\":false}"))
                .description()).isNull();
    }

    @Test
    void namesWhatIsWrong() {
        assertThatThrownBy(() -> HttpResponseCommand.parse(json("{\"statusCode\":\"200\",\"body\":false}")))
                .hasMessage("'statusCode' must be a JSON number from 100 to 999, was \"200\"");
        assertThatThrownBy(() -> HttpResponseCommand.parse(json("{\"statusCode\":99,\"body\":false}")))
                .hasMessageContaining("from 100 to 999, was 99");
        assertThatThrownBy(() -> HttpResponseCommand.parse(json("{\"statusCode\":200}")))
                .hasMessage("'body' must be true or false");
        assertThatThrownBy(() -> HttpResponseCommand.parse(json("{\"statusCode\":200,\"statusDescription\":\"a\\r\\nb\","
                + "\"body\":false}"))).hasMessage("'statusDescription' contains control characters");
        assertThatThrownBy(() -> HttpResponseCommand.parse(json("{\"statusCode\":200,\"responseHeaders\":{\"X\":1},"
                + "\"body\":false}"))).hasMessage("the value of response header 'X' must be a string");
        assertThatThrownBy(() -> HttpResponseCommand.parse(json("{\"statusCode\":200,\"responseHeaders\":{\"Bad Name\":"
                + "\"v\"},\"body\":false}"))).hasMessage("the response header 'Bad Name' is not a valid header field");
    }
}
