// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a rendezvous address from the control channel may be dialled. A listener opens
 * whatever address an accept names, so a compromised or impersonated relay could otherwise make it
 * send requests anywhere its network reaches. Dialled are only: the namespace's scheme; the
 * namespace host, or a DNS name under one of the service domains (Azure's gateway hosts); the
 * namespace's port, or the scheme's default port on a service-domain host; no user info; a path
 * below {@code /$hc/} and the listener's Hybrid Connection, without dot segments; and
 * {@code sb-hc-action=accept} for an accept's address, {@code sb-hc-action=request} for an HTTP
 * request's (each only where it belongs).
 */
final class AddressGuard {

    private final String scheme;
    private final String host;
    private final int port;
    private final List<String> serviceDomains;

    /**
     * @param namespace {@code ws://host[:port]} or {@code wss://host[:port]}
     * @param serviceDomains lower-case domains such as {@code servicebus.windows.net}
     */
    AddressGuard(URI namespace, List<String> serviceDomains) {
        this.scheme = namespace.getScheme().toLowerCase(Locale.ROOT);
        this.host = normalizeHost(namespace.getHost());
        this.port = RelayAddress.port(namespace);
        this.serviceDomains = List.copyOf(serviceDomains);
    }

    /**
     * Why {@code address} must not be dialled for a listener of the Hybrid Connection whose decoded
     * path segments are {@code entity}, or empty if it may be.
     */
    Optional<String> refusal(URI address, List<String> entity) {
        return refusal(address, entity, "accept");
    }

    /** As {@link #refusal(URI, List)}, for an address that must carry {@code sb-hc-action=action}. */
    Optional<String> refusal(URI address, List<String> entity, String action) {
        if (address.getScheme() == null || !address.getScheme().equalsIgnoreCase(scheme)) {
            return Optional.of("scheme " + address.getScheme() + " is not the namespace's " + scheme);
        }
        if (address.getRawUserInfo() != null) {
            return Optional.of("it carries user info");
        }
        if (address.getHost() == null) {
            return Optional.of("it names no host");
        }
        String h = normalizeHost(address.getHost());
        boolean namespaceHost = h.equals(host);
        boolean serviceHost = !namespaceHost && isServiceDomainHost(h);
        if (!namespaceHost && !serviceHost) {
            return Optional.of("host " + address.getHost() + " is neither the namespace host " + host
                    + " nor under a service domain " + serviceDomains);
        }
        int p = RelayAddress.port(address);
        if (p != port && !(serviceHost && p == RelayAddress.defaultPort(scheme))) {
            return Optional.of("port " + p + " is not the namespace's port " + port);
        }
        String rawPath = address.getRawPath() == null ? "" : address.getRawPath();
        if (!rawPath.startsWith("/$hc/")) {
            return Optional.of("path " + rawPath + " is not below /$hc/");
        }
        List<String> segments = RelayAddress.decodedSegments(rawPath.substring(4));
        if (segments.contains(".") || segments.contains("..")) {
            return Optional.of("path " + rawPath + " has dot segments");
        }
        if (segments.size() < entity.size() || !segments.subList(0, entity.size()).equals(entity)) {
            return Optional.of("path " + rawPath + " is not below the Hybrid Connection /$hc/"
                    + String.join("/", entity));
        }
        if (address.getRawFragment() != null) {
            return Optional.of("it has a fragment");
        }
        if (!action.equals(onlyAction(address.getRawQuery()))) {
            return Optional.of("its query does not say sb-hc-action=" + action + " (once)");
        }
        return Optional.empty();
    }

    private boolean isServiceDomainHost(String h) {
        if (h.startsWith("[") || h.matches("[0-9.]+")) {
            return false; // IP literals are trusted only as the namespace host itself
        }
        for (String domain : serviceDomains) {
            if (h.length() > domain.length() + 1 && h.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    /** The value of the only {@code sb-hc-action} parameter, or null if there is none or more than one. */
    private static String onlyAction(String rawQuery) {
        String action = null;
        if (rawQuery != null) {
            for (String part : rawQuery.split("&")) {
                int eq = part.indexOf('=');
                String name = eq < 0 ? part : part.substring(0, eq);
                if (name.equalsIgnoreCase("sb-hc-action")) {
                    if (action != null) {
                        return null;
                    }
                    action = eq < 0 ? "" : part.substring(eq + 1);
                }
            }
        }
        return action;
    }

    private static String normalizeHost(String h) {
        String lower = h.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

}
