// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Endpoint applications that the context class loader test loads twice, each copy in a class
 * loader of its own (as two web applications of one server); nothing else may use these classes.
 */
package io.github.hyco.relay.it.parity.apps;
