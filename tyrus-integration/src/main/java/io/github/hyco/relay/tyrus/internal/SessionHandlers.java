// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import org.glassfish.tyrus.core.ReflectionHelper;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The message handlers of one relayed session. Each is registered on the rendezvous socket as a
 * proxy that calls it with the deploying application's context class loader. The proxy implements
 * the handler's {@code MessageHandler} interfaces, Tyrus's package-private ones included (they
 * carry the message type and {@code @OnMessage(maxMessageSize)} of annotated endpoints), so Tyrus
 * treats it as it would the handler; the endpoint only ever sees its own handlers.
 */
@SuppressWarnings("try") // ContextLoader scopes are entered for their effect alone
final class SessionHandlers {

    private final Session socket;
    private final ClassLoader loader;
    /** Guarded by itself; by identity, as handlers may define equals. */
    private final Map<MessageHandler, MessageHandler> proxies = new IdentityHashMap<>();
    private final Map<MessageHandler, MessageHandler> handlers = new IdentityHashMap<>();
    /** The registered proxies that take whole text or binary messages without a decoder; guarded by {@link #proxies}. */
    private final Map<MessageHandler, Boolean> plainWhole = new IdentityHashMap<>();
    private volatile boolean plainWholeText;
    private volatile boolean plainWholeBinary;

    SessionHandlers(Session socket, ClassLoader loader) {
        this.socket = socket;
        this.loader = loader;
    }

    void add(MessageHandler handler) {
        if (!(handler instanceof MessageHandler.Whole || handler instanceof MessageHandler.Partial)) {
            socket.addMessageHandler(handler); // Tyrus refuses it with its own message
            return;
        }
        if (declaresType(handler)) {
            if (!tyrusTypesOpen(handler)) {
                // On the module path without --add-opens the proxy could not call Tyrus's own
                // interfaces: Tyrus gets its handler as it is, on its threads' context class loader.
                socket.addMessageHandler(handler);
                return;
            }
            MessageHandler proxy = proxy(handler);
            socket.addMessageHandler(proxy);
            remember(handler, proxy, handler instanceof MessageHandler.Whole ? tyrusType(handler) : null);
        } else {
            MessageHandler proxy = proxy(handler);
            // A proxy has no type arguments: resolve the handler's as Tyrus would have.
            boolean partial = handler instanceof MessageHandler.Partial;
            Class<?> type = ReflectionHelper.getClassType(handler.getClass(),
                    partial ? MessageHandler.Partial.class : MessageHandler.Whole.class);
            addTyped(type == null ? Object.class : type, proxy, partial);
            remember(handler, proxy, partial ? null : type);
        }
    }

    <T> void add(Class<T> type, MessageHandler.Whole<T> handler) {
        MessageHandler proxy = handler == null ? null : proxy(handler);
        addTyped(type, proxy, false);
        remember(handler, proxy, type);
    }

    <T> void add(Class<T> type, MessageHandler.Partial<T> handler) {
        MessageHandler proxy = handler == null ? null : proxy(handler);
        addTyped(type, proxy, true);
        remember(handler, proxy, null);
    }

    /**
     * Whether a message of this kind goes to a handler that takes it whole as a {@code String}
     * ({@code text}), {@code ByteBuffer} or {@code byte[]}: then its fragments may be gathered
     * before Tyrus ({@link FrameReader}), which hands the handler the same message.
     */
    boolean takesWholeWithoutDecoder(boolean text) {
        return text ? plainWholeText : plainWholeBinary;
    }

    /** The message type Tyrus's own handler (of an annotated endpoint) declares, or null if it cannot be read. */
    private static Class<?> tyrusType(MessageHandler handler) {
        for (Class<?> i : interfaces(handler)) {
            if (i.getName().startsWith("org.glassfish.tyrus.")) {
                try {
                    Method getType = i.getMethod("getType");
                    getType.setAccessible(true);
                    return getType.invoke(handler) instanceof Class<?> type ? type : null;
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void addTyped(Class type, MessageHandler proxy, boolean partial) {
        if (partial) {
            socket.addMessageHandler(type, (MessageHandler.Partial) proxy);
        } else {
            socket.addMessageHandler(type, (MessageHandler.Whole) proxy);
        }
    }

    void remove(MessageHandler handler) {
        MessageHandler proxy;
        synchronized (proxies) {
            proxy = proxies.remove(handler);
            if (proxy != null) {
                handlers.remove(proxy);
                plainWhole.remove(proxy);
                countPlainWhole();
            }
        }
        socket.removeMessageHandler(proxy != null ? proxy : handler);
    }

    Set<MessageHandler> all() {
        Set<MessageHandler> out = new HashSet<>();
        synchronized (proxies) {
            for (MessageHandler registered : socket.getMessageHandlers()) {
                out.add(handlers.getOrDefault(registered, registered));
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** @param wholeType the type of a whole-message handler, else null */
    private void remember(MessageHandler handler, MessageHandler proxy, Class<?> wholeType) {
        if (handler != null) {
            synchronized (proxies) {
                proxies.put(handler, proxy);
                handlers.put(proxy, handler);
                if (wholeType == String.class || wholeType == ByteBuffer.class || wholeType == byte[].class) {
                    plainWhole.put(proxy, wholeType == String.class);
                    countPlainWhole();
                }
            }
        }
    }

    private void countPlainWhole() {
        plainWholeText = plainWhole.containsValue(Boolean.TRUE);
        plainWholeBinary = plainWhole.containsValue(Boolean.FALSE);
    }

    /** Whether Tyrus reads the type from the handler itself (its own handlers for annotated endpoints). */
    private static boolean declaresType(MessageHandler handler) {
        for (Class<?> i : interfaces(handler)) {
            if (i.getName().startsWith("org.glassfish.tyrus.")) {
                return true;
            }
        }
        return false;
    }

    private static boolean tyrusTypesOpen(MessageHandler handler) {
        for (Class<?> i : interfaces(handler)) {
            if (!openToThisModule(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether this module may reflect deeply on {@code type}: always on the class path; on the module
     * path for Tyrus's classes only where the application opens their packages to
     * {@code io.github.hyco.relay.tyrus} (see the README's module path section).
     */
    static boolean openToThisModule(Class<?> type) {
        return type.getModule().isOpen(type.getPackageName(), SessionHandlers.class.getModule());
    }

    private static Class<?>[] interfaces(MessageHandler handler) {
        return INTERFACES.get(handler.getClass());
    }

    /** The MessageHandler interfaces of a handler class, worked out once per class (not per session). */
    private static final ClassValue<Class<?>[]> INTERFACES = new ClassValue<>() {
        @Override
        protected Class<?>[] computeValue(Class<?> type) {
            Set<Class<?>> out = new LinkedHashSet<>();
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Class<?> i : c.getInterfaces()) {
                    if (MessageHandler.class.isAssignableFrom(i)) {
                        out.add(i);
                    }
                }
            }
            return out.toArray(Class<?>[]::new);
        }
    };

    private MessageHandler proxy(MessageHandler handler) {
        return (MessageHandler) Proxy.newProxyInstance(handler.getClass().getClassLoader(), interfaces(handler),
                new InLoader(handler, loader, new ConcurrentHashMap<>()));
    }

    /**
     * Calls the handler, its {@code onMessage} with the application's context class loader. The
     * handler is called directly, not reflectively: this runs for every message. Tyrus asks its own
     * interfaces' getters ({@code getType}, {@code getMaxMessageSize}) for every message too; their
     * answers never change, so each is asked of the handler once.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private record InLoader(MessageHandler handler, ClassLoader loader, Map<Method, Object> constants)
            implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("onMessage")) {
                try (ContextLoader app = ContextLoader.enter(loader)) {
                    if (args.length == 1 && handler instanceof MessageHandler.Whole whole) {
                        whole.onMessage(args[0]);
                        return null;
                    }
                    if (args.length == 2 && handler instanceof MessageHandler.Partial partial) {
                        partial.onMessage(args[0], (Boolean) args[1]);
                        return null;
                    }
                    return call(method, args);
                }
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> handler.toString();
                };
            }
            if (args == null && method.getDeclaringClass().getName().startsWith("org.glassfish.tyrus.")) {
                Object known = constants.get(method);
                if (known == null) {
                    known = call(method, null);
                    if (known != null) {
                        constants.put(method, known);
                    }
                }
                return known;
            }
            return call(method, args);
        }

        private Object call(Method method, Object[] args) throws Throwable {
            if (!method.canAccess(handler)) {
                method.setAccessible(true); // Tyrus's getType and getMaxMessageSize, on package-private interfaces
            }
            try {
                return method.invoke(handler, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
