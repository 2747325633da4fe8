/**
 * CDI portable extension that deploys {@code @RelayEndpoint} classes at start-up.
 *
 * <p>Not built yet: it arrives with the CDI issue.
 */
package io.github.hyco.relay.cdi;
