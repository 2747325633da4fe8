// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code RelayedServerContainer} implementation on Tyrus.
 *
 * <p>Not built yet: it arrives with the container issue. The module exists so that the build
 * layout is final from the start.
 */
package io.github.hyco.relay.tyrus;
