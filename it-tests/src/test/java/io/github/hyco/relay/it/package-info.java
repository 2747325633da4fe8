// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Cross-module tests: the parity suite, Arquillian, Jakarta EE server and interop tests.
 * They arrive with the container and CDI issues.
 */
package io.github.hyco.relay.it;
