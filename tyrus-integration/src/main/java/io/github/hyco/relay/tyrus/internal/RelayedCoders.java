// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.spi.CoderInstanceFactory;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import org.glassfish.tyrus.core.ComponentProviderService;
import org.glassfish.tyrus.core.ErrorCollector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes the encoders and decoders of rendezvous sockets that serve a deployment: each one is
 * created, initialised, called and destroyed with the deploying application's context class loader
 * (Tyrus decodes on its own threads, before any handler of ours runs), and initialised with the
 * config a server initialises it with, not the rendezvous socket's client config. A Configurator
 * that is a {@link CoderInstanceFactory} (CDI's) makes them, else they are made as Tyrus makes them.
 * Every deployment's rendezvous wrapper is given this provider ({@link Deployment#rendezvousWrapper()}).
 */
@SuppressWarnings("try") // ContextLoader scopes are entered for their effect alone
final class RelayedCoders extends ComponentProviderService {

    /** User property of a rendezvous socket's client config: the {@link Deployment} it serves. */
    static final String DEPLOYMENT = RelayedCoders.class.getName() + ".deployment";

    private static final String TYRUS_CODERS = "org.glassfish.tyrus.core.coder.";

    /** The coders of each Tyrus session that serves a deployment. */
    private final Map<Session, SessionCoders> sessions = new ConcurrentHashMap<>();

    /**
     * @param wrapped what Tyrus is given, by coder class
     * @param made the coders a {@link CoderInstanceFactory} made, to destroy and release
     */
    private record SessionCoders(Deployment deployment, Map<Class<?>, Object> wrapped, List<Object> made) {
    }

    RelayedCoders() {
        super(ComponentProviderService.createClient());
    }

    @Override
    public <T> Object getCoderInstance(Class<T> c, Session session, EndpointConfig config, ErrorCollector collector) {
        if (!(config.getUserProperties().get(DEPLOYMENT) instanceof Deployment deployment)) {
            return super.getCoderInstance(c, session, config, collector);
        }
        SessionCoders coders = sessions.computeIfAbsent(session,
                s -> new SessionCoders(deployment, new ConcurrentHashMap<>(), new CopyOnWriteArrayList<>()));
        Object wrapped = coders.wrapped().get(c);
        if (wrapped == null) {
            Object coder;
            try (ContextLoader app = deployment.enter()) {
                coder = deployment.config().getConfigurator() instanceof CoderInstanceFactory factory
                        ? make(factory, c, deployment, coders, collector)
                        : super.getCoderInstance(c, session, deployment.coderConfig(), collector); // made and inited
            }
            if (coder == null) {
                return null;
            }
            // Tyrus's own coders (its defaults for primitives, strings, buffers) need no application
            // class loader; they are asked of every message, so they stay unwrapped
            wrapped = c.getName().startsWith(TYRUS_CODERS) ? coder
                    : coder instanceof Decoder d ? new InLoaderDecoder(d, deployment.loader())
                    : wrapEncoder((Encoder) coder, deployment.loader());
            coders.wrapped().put(c, wrapped);
        }
        return wrapped;
    }

    private static Object make(CoderInstanceFactory factory, Class<?> c, Deployment deployment, SessionCoders coders,
            ErrorCollector collector) {
        Object coder;
        try {
            coder = factory.createCoder(c);
        } catch (InstantiationException | RuntimeException e) {
            collector.addException(new jakarta.websocket.DeploymentException("The Configurator of " + deployment
                    + " could not make its coder " + c.getName(), e));
            return null;
        }
        coders.made().add(coder);
        if (coder instanceof Decoder d) {
            d.init(deployment.coderConfig());
        } else if (coder instanceof Encoder e) {
            e.init(deployment.coderConfig());
        }
        return coder;
    }

    @Override
    public void removeSession(Session session) {
        SessionCoders coders = sessions.remove(session);
        if (coders == null) {
            super.removeSession(session);
            return;
        }
        try (ContextLoader app = coders.deployment().enter()) {
            super.removeSession(session); // destroys the coders it made
            for (Object coder : coders.made()) {
                if (coder instanceof Decoder d) {
                    d.destroy();
                } else if (coder instanceof Encoder e) {
                    e.destroy();
                }
                ((CoderInstanceFactory) coders.deployment().config().getConfigurator()).releaseCoder(coder);
            }
        }
    }

    /** As Tyrus picks the kind of an encoder: binary, text, binary stream, text stream. */
    private static Object wrapEncoder(Encoder encoder, ClassLoader loader) {
        if (encoder instanceof Encoder.Binary<?> binary) {
            return new InLoaderBinaryEncoder(binary, loader);
        }
        if (encoder instanceof Encoder.Text<?> text) {
            return new InLoaderTextEncoder(text, loader);
        }
        return new InLoaderStreamEncoder(encoder, loader);
    }

    /** A decoder of any kind; Tyrus calls only the methods of the kinds the decoder's class has. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private record InLoaderDecoder(Decoder decoder, ClassLoader loader) implements Decoder.Text<Object>,
            Decoder.Binary<Object>, Decoder.TextStream<Object>, Decoder.BinaryStream<Object> {

        @Override
        public Object decode(String s) throws DecodeException {
            try (ContextLoader app = ContextLoader.enter(loader)) {
                return ((Decoder.Text) decoder).decode(s);
            }
        }

        @Override
        public boolean willDecode(String s) {
            try (ContextLoader app = ContextLoader.enter(loader)) {
                return ((Decoder.Text) decoder).willDecode(s);
            }
        }

        @Override
        public Object decode(ByteBuffer bytes) throws DecodeException {
            try (ContextLoader app = ContextLoader.enter(loader)) {
                return ((Decoder.Binary) decoder).decode(bytes);
            }
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            try (ContextLoader app = ContextLoader.enter(loader)) {
                return ((Decoder.Binary) decoder).willDecode(bytes);
            }
        }

        @Override
        public Object decode(Reader reader) throws DecodeException, IOException {
            try (ContextLoader app = ContextLoader.enter(loader)) {
                return ((Decoder.TextStream) decoder).decode(reader);
            }
        }

        @Override
        public Object decode(InputStream in) throws DecodeException, IOException {
            try (ContextLoader app = ContextLoader.enter(loader)) {
                return ((Decoder.BinaryStream) decoder).decode(in);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private record InLoaderBinaryEncoder(Encoder.Binary encoder, ClassLoader loader) implements Encoder.Binary<Object> {
        @Override
        public ByteBuffer encode(Object object) throws EncodeException {
            try (ContextLoader app = ContextLoader.enter(loader)) {
                return encoder.encode(object);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private record InLoaderTextEncoder(Encoder.Text encoder, ClassLoader loader) implements Encoder.Text<Object> {
        @Override
        public String encode(Object object) throws EncodeException {
            try (ContextLoader app = ContextLoader.enter(loader)) {
                return encoder.encode(object);
            }
        }
    }

    /** A stream encoder; Tyrus calls only the kind the encoder's class has. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private record InLoaderStreamEncoder(Encoder encoder, ClassLoader loader) implements Encoder.TextStream<Object>,
            Encoder.BinaryStream<Object> {
        @Override
        public void encode(Object object, Writer writer) throws EncodeException, IOException {
            try (ContextLoader app = ContextLoader.enter(loader)) {
                ((Encoder.TextStream) encoder).encode(object, writer);
            }
        }

        @Override
        public void encode(Object object, OutputStream out) throws EncodeException, IOException {
            try (ContextLoader app = ContextLoader.enter(loader)) {
                ((Encoder.BinaryStream) encoder).encode(object, out);
            }
        }
    }
}
