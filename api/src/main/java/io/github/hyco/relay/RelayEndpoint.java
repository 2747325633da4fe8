package io.github.hyco.relay;

import jakarta.enterprise.inject.Stereotype;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serves a {@code @ServerEndpoint} class through an Azure Relay Hybrid Connection.
 *
 * <pre>{@code
 * @RelayEndpoint("chat")
 * @ServerEndpoint("/chat/{room}")
 * public class Chat { ... }
 * }</pre>
 *
 * <h2>Path rule</h2>
 * A sender connects to {@code wss://{namespace}/$hc/{value}[/more/segments][?query]}. The part of
 * its path after {@code /$hc} (here {@code /chat/lobby}) is the request path the endpoint sees, and
 * it is matched against the {@code @ServerEndpoint} template as a server matches request paths:
 * the same number of segments, literal segments equal, each {@code {name}} taking exactly one
 * segment, and a literal match preferred over a template one. If the template does not itself
 * start with the Hybrid Connection name (say {@code @ServerEndpoint("/ws")} with
 * {@code @RelayEndpoint("orders")}), it is mounted below the name: the template is matched against
 * what follows the name ({@code $hc/orders/ws}). A sender whose path matches no endpoint deployed
 * on the Hybrid Connection is rejected with 404.
 *
 * <p>Several endpoints may name the same Hybrid Connection: one listener then serves them all and
 * routes each sender by its path.
 *
 * <h2>CDI</h2>
 * The annotation is a CDI stereotype, so an annotated endpoint is a bean (by default
 * {@code @Dependent}: one instance per session) even in archives discovered in the default
 * {@code annotated} mode, and the {@code hyco-jakarta-cdi} extension finds and deploys it. Without
 * CDI on the class path the stereotype marker is ignored.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Stereotype
@SuppressWarnings("exports") // CDI is optional: without it the annotation is a plain one
public @interface RelayEndpoint {

    /** The Hybrid Connection name (entity path) on the namespace, such as {@code "echo"}. */
    String value();

    /**
     * The name of the relay connection (namespace and credentials) to use, as configured for
     * the CDI extension ({@code hyco.relay.<name>.connection-string}); empty for the default
     * connection ({@code hyco.relay.connection-string}). Ignored by
     * {@link RelayedServerContainer#addEndpoint(Class)}, whose container has its own.
     */
    String connection() default "";

    /**
     * How many listeners (control channels) to keep open on the Hybrid Connection, 1 to 25 (Azure's
     * limit per Hybrid Connection). More than one keeps the endpoint reachable while one
     * reconnects, and the relay spreads new senders across them. When several endpoints share a
     * Hybrid Connection, the largest count applies.
     */
    int listeners() default 1;
}
