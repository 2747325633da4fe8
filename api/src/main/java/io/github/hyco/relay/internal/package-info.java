// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Implementation helpers of the api module. Not a public API: anything here may change without
 * notice.
 */
package io.github.hyco.relay.internal;
