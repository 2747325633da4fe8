// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.internal;

import io.github.hyco.relay.spi.CoderInstanceFactory;
import io.github.hyco.relay.spi.EndpointInstanceReleaser;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionTarget;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gets endpoint instances and their encoders and decoders from CDI, so that {@code @Inject},
 * interceptors and {@code @PreDestroy} work, and hands every other hook to the endpoint's own
 * configurator, if it declares one.
 *
 * <p>A bean (a class with a bean-defining annotation, or any class in an archive discovered with
 * mode {@code all}) comes from {@link Instance}: a new one per session when {@code @Dependent},
 * the shared one when {@code @ApplicationScoped}. Any other class is created and injected as a
 * non-contextual instance. Either way, what was created for a session is destroyed when the
 * session ends.
 */
final class CdiEndpointConfigurator extends ServerEndpointConfig.Configurator
        implements EndpointInstanceReleaser, CoderInstanceFactory {

    private final BeanManager beanManager;
    private final ServerEndpointConfig.Configurator own;
    private final boolean ownCreatesInstances;
    /** Instances created for a session, by identity: endpoint classes may override equals. */
    private final Map<Object, Runnable> releases = Collections.synchronizedMap(new IdentityHashMap<>());

    CdiEndpointConfigurator(BeanManager beanManager, ServerEndpointConfig.Configurator own) {
        this.beanManager = beanManager;
        this.own = own;
        this.ownCreatesInstances = own != null && declaresGetEndpointInstance(own.getClass());
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (ownCreatesInstances) {
            return own.getEndpointInstance(endpointClass);
        }
        return create(endpointClass);
    }

    /** Encoders and decoders come from CDI too, as on Jakarta EE servers, and go when the session ends. */
    @Override
    public <T> T createCoder(Class<T> coderClass) {
        return create(coderClass);
    }

    @Override
    public void releaseCoder(Object coder) {
        releaseEndpointInstance(coder);
    }

    private <T> T create(Class<T> type) {
        Instance<T> beans = beanManager.createInstance().select(type);
        if (beans.isResolvable()) {
            Instance.Handle<T> handle = beans.getHandle();
            T instance = handle.get();
            if (handle.getBean().getScope() == Dependent.class) {
                releases.put(instance, handle::destroy);
            }
            return instance;
        }
        return createNonContextual(type);
    }

    @Override
    public void releaseEndpointInstance(Object endpointInstance) {
        Runnable release = releases.remove(endpointInstance);
        if (release != null) {
            release.run();
        }
    }

    /** Destroys what is still alive; for shutdown. */
    void releaseAll() {
        List<Object> alive;
        synchronized (releases) {
            alive = new ArrayList<>(releases.keySet());
        }
        alive.forEach(this::releaseEndpointInstance);
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return own != null ? own.getNegotiatedSubprotocol(supported, requested)
                : super.getNegotiatedSubprotocol(supported, requested);
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        return own != null ? own.getNegotiatedExtensions(installed, requested)
                : super.getNegotiatedExtensions(installed, requested);
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return own != null ? own.checkOrigin(originHeaderValue) : super.checkOrigin(originHeaderValue);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        if (own != null) {
            own.modifyHandshake(sec, request, response);
        } else {
            super.modifyHandshake(sec, request, response);
        }
    }

    private <T> T createNonContextual(Class<T> endpointClass) {
        InjectionTarget<T> target = beanManager.getInjectionTargetFactory(
                beanManager.createAnnotatedType(endpointClass)).createInjectionTarget(null);
        CreationalContext<T> context = beanManager.createCreationalContext(null);
        T instance = target.produce(context);
        target.inject(instance, context);
        target.postConstruct(instance);
        releases.put(instance, () -> {
            target.preDestroy(instance);
            target.dispose(instance);
            context.release();
        });
        return instance;
    }

    private static boolean declaresGetEndpointInstance(Class<?> type) {
        for (Class<?> c = type; c != ServerEndpointConfig.Configurator.class && c != null; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod("getEndpointInstance", Class.class);
                return true;
            } catch (NoSuchMethodException e) {
                // look further up
            }
        }
        return false;
    }
}
