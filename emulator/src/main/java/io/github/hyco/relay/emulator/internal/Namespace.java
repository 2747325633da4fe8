// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The namespace's Hybrid Connections (names compared without case), each with its listener slots and
 * relayed connections, and what can be done to its listeners from outside (the fault switches).
 */
final class Namespace {

    private static final System.Logger LOG = System.getLogger(Namespace.class.getName());
    private static final Pattern ENTITY_NAME = Pattern.compile("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");

    private final Map<String, Entity> entities = new ConcurrentHashMap<>();
    private final boolean autoCreate;

    Namespace(Map<String, Boolean> entities, boolean autoCreate) {
        this.autoCreate = autoCreate;
        entities.forEach(this::create);
    }

    void create(String name, boolean requiresClientAuthorization) {
        entities.compute(key(name), (k, existing) -> existing != null && existing.requiresClientAuthorization
                == requiresClientAuthorization ? existing : new Entity(name, requiresClientAuthorization));
    }

    /**
     * Removes an entity and closes its listeners and connections with 1001; null if there is none.
     * Senders still waiting for its listeners are the caller's to answer.
     */
    Entity delete(String name) {
        Entity entity = entities.remove(key(name));
        if (entity == null) {
            return null;
        }
        CloseReason deleted = new CloseReason(CloseCodes.GOING_AWAY, "The hybrid connection was deleted.");
        entity.listeners().forEach(l -> l.close(deleted.getCloseCode().getCode(), deleted.getReasonPhrase()));
        List.copyOf(entity.connections).forEach(r -> r.close(deleted));
        LOG.log(Level.INFO, "Hybrid connection ''{0}'' deleted", entity.name);
        return entity;
    }

    List<String> names() {
        return entities.values().stream().map(e -> e.name).sorted().toList();
    }

    boolean contains(String name) {
        return entities.containsKey(key(name));
    }

    int listenerCount(String name) {
        Entity e = entities.get(key(name));
        return e == null ? 0 : e.onlineListeners();
    }

    int connectionCount(String name) {
        Entity e = entities.get(key(name));
        return e == null ? 0 : e.connections.size();
    }

    /** The entity a listener asks for by its exact name, created first if auto-creation is on. */
    Entity forListen(String path, String addressed) throws RelayFailure {
        Entity entity = entities.get(key(path));
        if (entity == null && autoCreate && ENTITY_NAME.matcher(path).matches()) {
            create(path, true);
            entity = entities.get(key(path));
            LOG.log(Level.INFO, "Hybrid connection ''{0}'' created on first listen", path);
        }
        if (entity == null) {
            throw notFound(path, addressed);
        }
        return entity;
    }

    /** The entity a sender's path names: the longest entity name that is a segment-wise prefix; or null. */
    Entity forSend(String path) {
        String lower = key(path);
        Entity best = null;
        for (Map.Entry<String, Entity> e : entities.entrySet()) {
            String name = e.getKey();
            if ((lower.equals(name) || lower.startsWith(name + "/"))
                    && (best == null || name.length() > best.name.length())) {
                best = e.getValue();
            }
        }
        return best;
    }

    /** Names the namespace as the client addressed it, with how to create the hybrid connection. */
    static RelayFailure notFound(String path, String addressed) {
        String name = Target.abbreviate(path);
        return new RelayFailure(404, "Endpoint does not exist. No hybrid connection '" + name + "' on '"
                + addressed + "'. Create it: start the emulator with --hc " + name + " or --auto-create "
                + "(in code: createHybridConnection or autoCreate(true)).");
    }

    /** Pings silent control channels and drops those that left a ping unanswered. */
    void checkLiveness(long now) {
        for (Entity e : entities.values()) {
            e.listeners().forEach(l -> l.checkLiveness(now));
        }
    }

    // ---------------------------------------------------------------- faults

    /** Does {@code fault} to every listener of the entity; returns how many there were. */
    int toListeners(String entity, Consumer<ListenerChannel> fault) {
        List<ListenerChannel> listeners = require(entity).listeners();
        listeners.forEach(fault);
        return listeners.size();
    }

    /** Does {@code fault} to every listener of every entity; returns how many there were. */
    int toAllListeners(Consumer<ListenerChannel> fault) {
        int count = 0;
        for (Entity e : entities.values()) {
            for (ListenerChannel l : e.listeners()) {
                fault.accept(l);
                count++;
            }
        }
        return count;
    }

    private Entity require(String name) {
        Entity e = entities.get(key(name));
        if (e == null) {
            throw new IllegalArgumentException("entity '" + name + "' does not exist; known: " + names());
        }
        return e;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
