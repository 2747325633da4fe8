// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.cdi;

import io.github.hyco.relay.cdi.RelayListenerEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the CDI events about listeners, as an application's health check would observe them. */
@ApplicationScoped
public class ListenerEvents {

    private final List<RelayListenerEvent> events = new CopyOnWriteArrayList<>();

    void on(@Observes RelayListenerEvent event) {
        events.add(event);
    }

    public List<String> kinds() {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    public List<RelayListenerEvent> events() {
        return events;
    }
}
