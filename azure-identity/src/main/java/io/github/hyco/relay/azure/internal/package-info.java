// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Implementation of the azure-identity module. Not a public API: anything here may change without
 * notice.
 */
package io.github.hyco.relay.azure.internal;
