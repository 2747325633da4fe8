/**
 * Implementation helpers of the api module. Not a public API: anything here may change without
 * notice.
 */
package io.github.hyco.relay.internal;
