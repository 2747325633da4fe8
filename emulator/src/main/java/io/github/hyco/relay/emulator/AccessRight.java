// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

/** The rights of a shared access policy, as in Azure Relay. {@link #MANAGE} implies both others. */
public enum AccessRight {
    /** Open a listener control channel ({@code sb-hc-action=listen}). */
    LISTEN,
    /** Connect as a sender ({@code sb-hc-action=connect}). */
    SEND,
    /** Everything; the right of the namespace's {@code RootManageSharedAccessKey}. */
    MANAGE
}
