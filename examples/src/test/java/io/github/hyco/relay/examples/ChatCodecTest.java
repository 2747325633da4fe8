// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.websocket.DecodeException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatCodecTest {

    @Test
    void messagesAreTheJsonThePageReads() throws Exception {
        ChatMessage message = new ChatMessage(ChatMessage.Type.MESSAGE, "lobby", "ann", "say \"hi\" \u2603\n",
                List.of(), Instant.parse("2025-01-02T03:04:05Z"));
        String json = new ChatCodec.MessageEncoder().encode(message);
        assertThat(json).isEqualTo("{\"type\":\"message\",\"room\":\"lobby\",\"name\":\"ann\","
                + "\"text\":\"say \\\"hi\\\" \u2603\\n\",\"members\":[],\"at\":\"2025-01-02T03:04:05Z\"}");
        assertThat(new ChatCodec.MessageDecoder().decode(json)).isEqualTo(message);
    }

    @Test
    void joinsCarryTheMembers() throws Exception {
        ChatMessage joined = ChatMessage.joined("lobby", "bob", List.of("ann", "bob"));
        ChatMessage back = new ChatCodec.MessageDecoder().decode(new ChatCodec.MessageEncoder().encode(joined));
        assertThat(back).isEqualTo(joined);
        assertThat(back.text()).isEmpty();
    }

    @Test
    void postsRoundTrip() throws Exception {
        String json = new ChatCodec.PostEncoder().encode(new Post("hello"));
        assertThat(json).isEqualTo("{\"text\":\"hello\"}");
        assertThat(new ChatCodec.PostDecoder().decode(json)).isEqualTo(new Post("hello"));
    }

    @Test
    void malformedInputIsADecodeExceptionThatSaysWhatIsWrong() {
        ChatCodec.PostDecoder posts = new ChatCodec.PostDecoder();
        assertThat(posts.willDecode("hello")).isFalse();
        assertThat(posts.willDecode("{\"text\":\"hello\"}")).isTrue();
        assertThatThrownBy(() -> posts.decode("{\"text\":42}")).isInstanceOf(DecodeException.class)
                .hasMessageContaining("a post needs a string \"text\"");
        assertThatThrownBy(() -> posts.decode("{broken")).isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("not a JSON object");
        assertThatThrownBy(() -> new ChatCodec.MessageDecoder().decode("{\"type\":\"shout\"}"))
                .isInstanceOf(DecodeException.class).hasMessageStartingWith("not a chat message");
    }
}
