/** The listener facts of hyco-jakarta as Micrometer meters. */
// micrometer-core is an automatic module, but a stable one: its manifest declares the name
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.hyco.relay.micrometer {
    requires transitive io.github.hyco.relay;
    requires transitive micrometer.core;

    exports io.github.hyco.relay.micrometer;
}
