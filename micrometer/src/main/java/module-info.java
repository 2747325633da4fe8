/** The listener facts of hyco-jakarta as Micrometer meters. */
@SuppressWarnings("requires-transitive-automatic") // micrometer-core declares its module name in its manifest
module io.github.hyco.relay.micrometer {
    requires transitive io.github.hyco.relay;
    requires transitive micrometer.core;

    exports io.github.hyco.relay.micrometer;
}
