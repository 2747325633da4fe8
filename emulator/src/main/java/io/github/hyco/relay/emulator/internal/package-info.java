// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
/** Implementation of the emulator; not a public API, may change at any time. */
package io.github.hyco.relay.emulator.internal;
