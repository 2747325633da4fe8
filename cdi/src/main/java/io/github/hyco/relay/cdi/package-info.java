// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Deploys {@link io.github.hyco.relay.RelayEndpoint @RelayEndpoint} classes through Azure Relay
 * when a CDI container starts (Weld SE, or a Jakarta EE server), and takes them offline when it
 * stops.
 *
 * <p>Put {@code hyco-jakarta-cdi} and an implementation ({@code hyco-jakarta-tyrus}) on the class
 * path and configure a connection string; the extension does the rest. Inject
 * {@link io.github.hyco.relay.cdi.RelayEndpoints} to see whether endpoints are online, and observe
 * {@link io.github.hyco.relay.cdi.RelayListenerEvent} to react when they go online or offline.
 *
 * <h2>Configuration</h2>
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>meaning</th></tr>
 * <tr><td>{@code hyco.relay.connection-string}</td><td>the connection string of endpoints that
 * name no connection</td></tr>
 * <tr><td>{@code hyco.relay.<name>.connection-string}</td><td>the connection string of endpoints
 * with {@code @RelayEndpoint(connection = "<name>")}</td></tr>
 * </table>
 * Keys are read from MicroProfile Config when the application has it, otherwise from system
 * properties and then environment variables ({@code HYCO_RELAY_CONNECTION_STRING},
 * {@code HYCO_RELAY_<NAME>_CONNECTION_STRING}: upper case, non-alphanumerics as {@code _}). A CDI
 * bean of type {@link io.github.hyco.relay.RelayedServerOptions.Builder} (for a named connection,
 * qualified {@code @Named("<name>")}) overrides configuration.
 */
package io.github.hyco.relay.cdi;
