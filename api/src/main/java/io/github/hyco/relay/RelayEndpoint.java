package io.github.hyco.relay;

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
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RelayEndpoint {

    /** The Hybrid Connection name (entity path) on the namespace, such as {@code "echo"}. */
    String value();
}
