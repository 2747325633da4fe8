// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.RelayListener;

import java.util.List;
import java.util.Map;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JDK Flight Recorder events of the listeners, emitted by an observer that every listener gets
 * when it is created. Each callback first asks whether its event is enabled, so without a
 * recording nothing is built.
 */
final class FlightRecorderEvents implements RelayListener.Observer {

    private static final String CATEGORY = "Azure Relay";

    private static final FlightRecorderEvents OBSERVER = new FlightRecorderEvents();

    private FlightRecorderEvents() {
    }

    /** Only where jdk.jfr is visible ({@code HybridConnectionHost} checks): without it this class cannot be loaded. */
    static void install(RelayListener listener) {
        listener.addObserver(OBSERVER);
    }

    @Override
    public void onConnecting(RelayListener listener, Throwable cause) {
        stateChange(listener, RelayListener.State.CONNECTING, cause);
    }

    @Override
    public void onOnline(RelayListener listener) {
        stateChange(listener, RelayListener.State.ONLINE, null);
        Reconnect event = new Reconnect();
        if (event.isEnabled()) {
            long reconnects = listener.facts().reconnects();
            // the first open is not a reconnect; the listener counts a reopen before reporting it
            if (reconnects > 0) {
                describe(event, listener);
                event.reconnects = reconnects;
                event.commit();
            }
        }
    }

    @Override
    public void onOffline(RelayListener listener, Throwable cause) {
        stateChange(listener, listener.state() == RelayListener.State.CLOSED
                ? RelayListener.State.CLOSED : RelayListener.State.OFFLINE, cause);
    }

    @Override
    public void onError(RelayListener listener, Throwable error) {
        ListenerError event = new ListenerError();
        if (event.isEnabled()) {
            describe(event, listener);
            event.error = describe(error);
            event.commit();
        }
    }

    @Override
    public void onRendezvousHeaders(RelayListener listener, Map<String, List<String>> headers) {
        Rendezvous event = new Rendezvous();
        if (event.isEnabled()) {
            describe(event, listener);
            event.commit();
        }
    }

    /** Starts timing a request the HTTP dispatcher answers: null unless a recording wants it. */
    static Object httpRequestStarted() {
        HttpRequest event = new HttpRequest();
        if (!event.isEnabled()) {
            return null;
        }
        event.begin();
        return event;
    }

    /** Records the request {@link #httpRequestStarted()} timed, if it did. */
    static void httpRequestEnded(Object started, HybridConnectionHost host, HttpExchange exchange, String outcome) {
        if (started instanceof HttpRequest event) {
            event.end();
            event.hybridConnection = host.name();
            event.address = host.address().toString();
            event.method = exchange.request().method();
            event.status = exchange.response().status();
            event.outcome = outcome;
            event.trackingId = exchange.id();
            event.commit();
        }
    }

    private static void stateChange(RelayListener listener, RelayListener.State state, Throwable cause) {
        ListenerStateChange event = new ListenerStateChange();
        if (event.isEnabled()) {
            describe(event, listener);
            event.state = state.name();
            event.cause = cause == null ? null : describe(cause);
            event.commit();
        }
    }

    private static void describe(ListenerEvent event, RelayListener listener) {
        event.hybridConnection = listener.hybridConnection();
        event.address = listener.address().toString();
    }

    /** The type and message: what the listener reports, which never holds a token or key. */
    private static String describe(Throwable error) {
        return error.getClass().getName() + ": " + error.getMessage();
    }

    /** The stack of an internal thread says nothing about the listener: not recorded. */
    @Category(CATEGORY)
    @StackTrace(false)
    abstract static class ListenerEvent extends Event {
        @Label("Hybrid Connection")
        String hybridConnection;

        @Label("Address")
        @Description("wss://{namespace}/$hc/{name}")
        String address;
    }

    @Name("io.github.hyco.relay.ListenerStateChange")
    @Label("Relay Listener State Change")
    @Description("A listener's control channel is connecting, online, offline or closed")
    static final class ListenerStateChange extends ListenerEvent {
        @Label("State")
        String state;

        @Label("Cause")
        @Description("Why it is connecting again or offline, if known")
        String cause;
    }

    @Name("io.github.hyco.relay.Reconnect")
    @Label("Relay Listener Reconnect")
    @Description("A lost control channel is open again")
    static final class Reconnect extends ListenerEvent {
        @Label("Reconnects")
        @Description("Reconnects of this listener so far, this one included")
        long reconnects;
    }

    @Name("io.github.hyco.relay.ListenerError")
    @Label("Relay Listener Error")
    @Description("A failed accept or another problem that does not take the listener offline")
    static final class ListenerError extends ListenerEvent {
        @Label("Error")
        String error;
    }

    @Name("io.github.hyco.relay.HttpRequest")
    @Label("Relayed HTTP Request")
    @Description("A plain HTTP request the listener answered, from its handler's start to its response's end")
    static final class HttpRequest extends ListenerEvent {
        @Label("Method")
        String method;

        @Label("Status")
        int status;

        @Label("Outcome")
        @Description("served (the handler's response), failed (500 or not sent) or refused (501, 503)")
        String outcome;

        @Label("Tracking Id")
        String trackingId;
    }

    @Name("io.github.hyco.relay.Rendezvous")
    @Label("Relay Rendezvous")
    @Description("An accepted sender is being connected: the rendezvous handshake is about to be sent")
    static final class Rendezvous extends ListenerEvent {
    }
}
