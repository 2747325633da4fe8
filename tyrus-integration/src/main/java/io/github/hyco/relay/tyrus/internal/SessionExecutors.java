// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.internal.SessionTimers;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.core.BaseContainer;

/**
 * The container Tyrus gives its client sessions, so that their executors (idle timeouts, async
 * sends, Reader and InputStream messages) live as long as the {@link Dialer}.
 *
 * <p>Tyrus's {@code ClientManager} shuts its own executors down whenever its last connection
 * closes, and a connection opening at that moment can be handed one that is being shut down
 * (eclipse-ee4j/tyrus#640): its next send then fails with {@code RejectedExecutionException}. A
 * relay listener's connections come and go all the time, so its sessions run on executors of ours
 * that are shut down only with the dialer.
 *
 * <p>The pools are ours, small, with named threads that end when idle: Tyrus's own keep ten
 * scheduler threads per client.
 *
 * <p>A {@code ClientManager} given a container reads its session defaults from it, so they live
 * here (with Tyrus's client defaults); connecting and properties stay the {@code ClientManager}'s.
 */
final class SessionExecutors extends BaseContainer {

    /**
     * Idle timeouts and async-send timeouts: short tasks, so two threads, which idle away; without
     * Tyrus's no-op idle check per message ({@link SessionTimers}).
     */
    private final ScheduledThreadPoolExecutor timers;
    /** Runs handlers of Reader and InputStream messages, one thread per message being read. */
    private final ThreadPoolExecutor workers;
    /** Set right after construction: the client needs this object before it exists itself. */
    private volatile ClientManager client;
    private volatile long asyncSendTimeout;
    private volatile long maxSessionIdleTimeout;
    private volatile int maxBinaryMessageBufferSize = Integer.MAX_VALUE;
    private volatile int maxTextMessageBufferSize = Integer.MAX_VALUE;

    /** @param threadName prefix of the pools' thread names */
    SessionExecutors(String threadName) {
        timers = new SessionTimers(2, RelayRuntime.threads(threadName + "-timer"));
        workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                RelayRuntime.threads(threadName));
    }

    void connectWith(ClientManager client) {
        this.client = client;
    }

    @Override
    public ScheduledExecutorService getScheduledExecutorService() {
        return timers;
    }

    @Override
    public ExecutorService getExecutorService() {
        return workers;
    }

    @Override
    public void shutdown() {
        timers.shutdownNow();
        workers.shutdown();
    }

    @Override
    public Map<String, Object> getProperties() {
        return client.getProperties();
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path)
            throws DeploymentException, IOException {
        return client.connectToServer(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return client.connectToServer(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig config, URI path)
            throws DeploymentException, IOException {
        return client.connectToServer(endpointInstance, config, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig config, URI path)
            throws DeploymentException, IOException {
        return client.connectToServer(endpointClass, config, path);
    }

    @Override
    public long getDefaultAsyncSendTimeout() {
        return asyncSendTimeout;
    }

    @Override
    public void setAsyncSendTimeout(long timeoutMillis) {
        this.asyncSendTimeout = timeoutMillis;
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return maxSessionIdleTimeout;
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        this.maxSessionIdleTimeout = timeout;
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return maxBinaryMessageBufferSize;
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        this.maxBinaryMessageBufferSize = max;
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return maxTextMessageBufferSize;
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        this.maxTextMessageBufferSize = max;
    }

    @Override
    public Set<Extension> getInstalledExtensions() {
        return Set.of();
    }
}
