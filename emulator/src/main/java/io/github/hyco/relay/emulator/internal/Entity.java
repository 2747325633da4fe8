// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/** One Hybrid Connection: its listeners (at most 25) and its relayed connections. */
final class Entity {

    static final int MAX_LISTENERS = 25;

    final String name;
    final boolean requiresClientAuthorization;
    final Set<Rendezvous> connections = ConcurrentHashMap.newKeySet();
    private final List<ListenerChannel> listeners = new ArrayList<>();

    Entity(String name, boolean requiresClientAuthorization) {
        this.name = name;
        this.requiresClientAuthorization = requiresClientAuthorization;
    }

    /** Takes one of the 25 listener slots; false if all are taken. */
    synchronized boolean reserve(ListenerChannel listener) {
        if (listeners.size() >= MAX_LISTENERS) {
            return false;
        }
        listeners.add(listener);
        return true;
    }

    synchronized void remove(ListenerChannel listener) {
        listeners.remove(listener);
    }

    synchronized List<ListenerChannel> listeners() {
        return List.copyOf(listeners);
    }

    /** A random online listener, as the service balances senders, or null if none is online. */
    ListenerChannel pick() {
        return pick(l -> true);
    }

    /** A random online listener that {@code eligible} accepts, or null. */
    ListenerChannel pick(Predicate<ListenerChannel> eligible) {
        List<ListenerChannel> online = listeners().stream().filter(ListenerChannel::isOnline).filter(eligible)
                .toList();
        return online.isEmpty() ? null : online.get(ThreadLocalRandom.current().nextInt(online.size()));
    }

    int onlineListeners() {
        return (int) listeners().stream().filter(ListenerChannel::isOnline).count();
    }
}
