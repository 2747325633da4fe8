/** Implementation of the emulator; not a public API, may change at any time. */
package io.github.hyco.relay.emulator.internal;
