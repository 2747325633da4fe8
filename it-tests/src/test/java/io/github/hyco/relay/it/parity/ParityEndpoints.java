// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.parity;

import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelaySessions;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The endpoints of the parity suite. Each reports what it observes back to the sender, so that
 * the sender's transcript captures the endpoint's view of its Session.
 */
final class ParityEndpoints {

    private ParityEndpoints() {
    }

    /** Copies a header into the per-connection user properties, as applications do. */
    public static class WhoConfigurator extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            List<String> who = request.getHeaders().get("x-who");
            sec.getUserProperties().put("who", who == null ? "nobody" : who.get(0));
        }
    }

    @RelayEndpoint("info")
    @ServerEndpoint(value = "/info/{room}", subprotocols = {"p1", "p2"}, configurator = WhoConfigurator.class)
    public static class Info {

        @OnOpen
        public void open(Session s, EndpointConfig config, @PathParam("room") String room) throws IOException {
            s.getBasicRemote().sendText("open room=" + room + " pathParams=" + new TreeMap<>(s.getPathParameters())
                    + " path=" + s.getRequestURI().getRawPath() + " query=" + s.getQueryString()
                    + " params=" + new TreeMap<>(s.getRequestParameterMap())
                    + " subprotocol=" + s.getNegotiatedSubprotocol() + " extensions=" + s.getNegotiatedExtensions()
                    + " secure=" + s.isSecure() + " who=" + s.getUserProperties().get("who")
                    + " open=" + s.getOpenSessions().size() + " container=" + (s.getContainer() != null)
                    + " idle=" + s.getMaxIdleTimeout() + " version=" + s.getProtocolVersion()
                    + " principal=" + s.getUserPrincipal()
                    + " configIsServer=" + (config instanceof ServerEndpointConfig));
        }

        @OnMessage
        public String text(String m, Session s) throws Exception {
            switch (m) {
                case "throw":
                    throw new IllegalStateException("boom");
                case "open":
                    return "open=" + s.getOpenSessions().size();
                case "asyncFuture":
                    s.getAsyncRemote().setSendTimeout(5_000);
                    s.getAsyncRemote().sendText("via future").get(5, TimeUnit.SECONDS);
                    return "future done timeout=" + s.getAsyncRemote().getSendTimeout();
                case "asyncHandler":
                    s.getAsyncRemote().sendText("via handler", result ->
                            s.getAsyncRemote().sendText("handler ok=" + result.isOK()));
                    return null;
                case "ping":
                    s.getBasicRemote().sendPing(ByteBuffer.wrap("srv".getBytes(StandardCharsets.UTF_8)));
                    return null;
                case "close":
                    s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4001), "bye"));
                    return null;
                case "idle":
                    s.setMaxIdleTimeout(300);
                    return "idle=" + s.getMaxIdleTimeout();
                default:
                    return "echo:" + m;
            }
        }

        @OnMessage
        public void pong(PongMessage pong, Session s) throws IOException {
            s.getBasicRemote().sendText("pong:" + StandardCharsets.UTF_8.decode(pong.getApplicationData()));
        }

        @OnError
        public void error(Session s, Throwable t) throws IOException {
            Throwable root = t;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (s.isOpen()) {
                s.getBasicRemote().sendText("error:" + root.getClass().getSimpleName() + ":" + root.getMessage());
            }
        }

        @OnClose
        public void close(CloseReason reason) {
            ServerLog.add("info closed " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }
    }

    /** Puts two entries into the per-connection user properties. */
    public static class PropsConfigurator extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            sec.getUserProperties().put("tenant", request.getParameterMap().get("tenant").get(0));
            sec.getUserProperties().put("handshakes", sec.getUserProperties().size() + 1);
        }
    }

    /**
     * Reports its session's user properties and those of the config {@code onOpen} gets exactly,
     * and the relay's facts on request.
     */
    @RelayEndpoint("props")
    @ServerEndpoint(value = "/props", configurator = PropsConfigurator.class)
    public static class Props {
        @OnOpen
        public void open(Session s, EndpointConfig config) throws IOException {
            s.getUserProperties().put("opened", true);
            s.getBasicRemote().sendText(describe(s, config));
        }

        static String describe(Session s, EndpointConfig config) {
            return "session " + new TreeMap<>(s.getUserProperties())
                    + " config " + new TreeMap<>(config.getUserProperties())
                    + " sameMap=" + (config.getUserProperties() == s.getUserProperties())
                    + " server=" + (config instanceof ServerEndpointConfig sec
                            ? sec.getPath() + " " + sec.getEndpointClass().getSimpleName()
                            + " " + sec.getConfigurator().getClass().getSimpleName() : "no");
        }

        @OnMessage
        public String facts(String m, Session s) {
            return "relayed=" + RelaySessions.isRelayed(s)
                    + " tracking=" + RelaySessions.trackingId(s).orElse("-")
                    + " hc=" + RelaySessions.hybridConnection(s).orElse("-")
                    + " remote=" + RelaySessions.remoteAddress(s).map(a -> a.getHostString()).orElse("-");
        }
    }

    /** What a programmatic endpoint's {@code onOpen} sees: Tyrus gives it the handshake's config, not the deployed one. */
    public static class ProgrammaticProps extends Endpoint {
        @Override
        public void onOpen(Session s, EndpointConfig config) {
            s.getUserProperties().put("opened", true);
            try {
                s.getBasicRemote().sendText(Props.describe(s, config));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static ServerEndpointConfig programmaticPropsConfig() {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(ProgrammaticProps.class, "/progprops")
                .configurator(new PropsConfigurator()).build();
        config.getUserProperties().put(io.github.hyco.relay.RelayedServerContainer.HYBRID_CONNECTION, "progprops");
        return config;
    }

    /** Its stream message fails only once the session has closed under it. */
    @RelayEndpoint("late")
    @ServerEndpoint("/late")
    public static class Late {
        private final CountDownLatch closed = new CountDownLatch(1);

        @OnMessage
        public void read(Reader reader, Session s) throws InterruptedException, IOException {
            s.getBasicRemote().sendText("reading"); // a server binds the instance only while the session is open
            if (!closed.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the session did not close");
            }
            throw new IllegalStateException("failed after the close");
        }

        @OnClose
        public void close(CloseReason reason) {
            ServerLog.add("late closed " + reason.getCloseCode().getCode());
            closed.countDown();
        }

        @OnError
        public void error(Session s, Throwable t) {
            ServerLog.add("late error " + t.getClass().getSimpleName() + ": " + t.getMessage() + " open=" + s.isOpen());
        }
    }

    /** Adds two handshake response headers. */
    public static class HeadersConfigurator extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            response.getHeaders().put("X-Served-By", List.of("parity"));
            response.getHeaders().put("X-Region", List.of("test"));
        }
    }

    @RelayEndpoint("headers")
    @ServerEndpoint(value = "/headers", configurator = HeadersConfigurator.class)
    public static class Headers {
        @OnMessage
        public String echo(String m) {
            return m;
        }
    }

    /** Whole messages under a session buffer limit from the path (0: the container's default). */
    @RelayEndpoint("sizes")
    @ServerEndpoint("/sizes/{limit}")
    public static class Sizes {
        @OnOpen
        public void open(Session s, @PathParam("limit") int limit) {
            if (limit > 0) {
                s.setMaxTextMessageBufferSize(limit);
                s.setMaxBinaryMessageBufferSize(limit);
            }
        }

        @OnMessage
        public String text(String m, Session s) {
            return m.equals("limits") ? "limits text=" + s.getMaxTextMessageBufferSize() + " binary="
                    + s.getMaxBinaryMessageBufferSize() : "text " + m.length();
        }

        @OnMessage
        public String binary(ByteBuffer b) {
            return "binary " + b.remaining();
        }

        @OnError
        public void error(Throwable t) {
            ServerLog.add("sizes error " + t.getClass().getSimpleName());
        }

        @OnClose
        public void close(CloseReason reason) {
            ServerLog.add("sizes closed " + reason.getCloseCode().getCode());
        }
    }

    /** Partial messages under a session buffer limit from the path (0: the container's default). */
    @RelayEndpoint("sizes-parts")
    @ServerEndpoint("/sizes-parts/{limit}")
    public static class SizesParts {
        @OnOpen
        public void open(Session s, @PathParam("limit") int limit) {
            new Sizes().open(s, limit);
        }

        @OnMessage
        public String text(String part, boolean last) {
            return "text part " + part.length() + " " + last;
        }

        @OnMessage
        public String binary(ByteBuffer part, boolean last) {
            return "binary part " + part.remaining() + " " + last;
        }

        @OnError
        public void error(Throwable t) {
            ServerLog.add("sizes-parts error " + t.getClass().getSimpleName());
        }

        @OnClose
        public void close(CloseReason reason) {
            ServerLog.add("sizes-parts closed " + reason.getCloseCode().getCode());
        }
    }

    /** Reports the extensions its session has, then echoes lengths. */
    @RelayEndpoint("deflate")
    @ServerEndpoint("/deflate")
    public static class Deflate {
        @OnOpen
        public void open(Session s) throws IOException {
            s.getBasicRemote().sendText("endpoint extensions=" + s.getNegotiatedExtensions());
        }

        @OnMessage
        public String echo(String m) {
            return "echo " + m.length();
        }
    }

    /** The same, deployed with a config that declares permessage-deflate. */
    public static class DeclaredDeflate extends Endpoint {
        @Override
        public void onOpen(Session s, EndpointConfig config) {
            s.addMessageHandler(String.class, m -> s.getAsyncRemote().sendText("echo " + m.length()));
            s.getAsyncRemote().sendText("endpoint extensions=" + s.getNegotiatedExtensions());
        }
    }

    static ServerEndpointConfig declaredDeflateConfig() {
        return ServerEndpointConfig.Builder.create(DeclaredDeflate.class, "/deflate-declared")
                .extensions(List.of(new org.glassfish.tyrus.core.TyrusExtension("permessage-deflate"))).build();
    }

    /** A 2-D point, sent as {@code x,y} and answered as {@code P(x,y)}. */
    public record Point(int x, int y) {
    }

    public static class PointDecoder implements Decoder.Text<Point> {
        @Override
        public void init(EndpointConfig config) {
            ServerLog.add("decoder init with " + (config instanceof ServerEndpointConfig sec ? sec.getPath() : config));
        }

        @Override
        public Point decode(String s) throws DecodeException {
            String[] p = s.split(",");
            try {
                return new Point(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            } catch (RuntimeException e) {
                throw new DecodeException(s, "not a point");
            }
        }

        @Override
        public boolean willDecode(String s) {
            return s.contains(",");
        }
    }

    public static class PointEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point p) throws EncodeException {
            return "P(" + p.x() + "," + p.y() + ")";
        }
    }

    @RelayEndpoint("coded")
    @ServerEndpoint(value = "/coded", decoders = PointDecoder.class, encoders = PointEncoder.class)
    public static class Coded {
        @OnMessage
        public Point mirror(Point p, Session s) throws Exception {
            s.getBasicRemote().sendObject(new Point(p.y(), p.x()));
            return new Point(p.x() * 10, p.y() * 10);
        }

        @OnError
        public void error(Session s, Throwable t) throws IOException {
            s.getBasicRemote().sendText("error:" + t.getClass().getSimpleName());
        }
    }

    @RelayEndpoint("parts")
    @ServerEndpoint("/parts")
    public static class Parts {
        @OnMessage
        public String part(String part, boolean last) {
            return "part:" + part + ":" + last;
        }

        @OnMessage
        public String stream(InputStream in) throws IOException {
            int length = in.readAllBytes().length;
            // Tyrus now and then calls a stream handler once more, with an empty stream, after a
            // streamed message (its own server and the relayed session alike), at times once the
            // session has closed, where an answer fails: that call gets none
            return length == 0 ? null : "stream:" + length;
        }
    }

    @RelayEndpoint("limited")
    @ServerEndpoint("/limited")
    public static class Limited {
        @OnMessage(maxMessageSize = 16)
        public String small(String m) {
            return m;
        }

        @OnClose
        public void close(CloseReason reason) {
            ServerLog.add("limited closed " + reason.getCloseCode().getCode());
        }
    }

    /** A programmatic endpoint: {@code Reader} messages, binary echo. */
    public static class Programmatic extends Endpoint {
        @Override
        public void onOpen(Session s, EndpointConfig config) {
            s.addMessageHandler(Reader.class, (MessageHandler.Whole<Reader>) reader -> {
                try {
                    StringWriter w = new StringWriter();
                    reader.transferTo(w);
                    s.getBasicRemote().sendText("read:" + w + " user=" + config.getUserProperties().get("static"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> {
                try {
                    s.getBasicRemote().sendBinary(b);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public void onClose(Session s, CloseReason reason) {
            ServerLog.add("programmatic closed " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }
    }

    static ServerEndpointConfig programmaticConfig() {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Programmatic.class, "/prog").build();
        config.getUserProperties().put("static", "yes");
        config.getUserProperties().put(io.github.hyco.relay.RelayedServerContainer.HYBRID_CONNECTION, "prog");
        return config;
    }
}
