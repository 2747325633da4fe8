package io.github.hyco.relay.it.cdi;

/** A message decoded by {@link ShoutDecoder}. */
public record Shout(String text) {
}
