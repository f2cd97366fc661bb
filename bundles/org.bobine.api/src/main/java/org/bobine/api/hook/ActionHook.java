package org.bobine.api.hook;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An action hook contributed by a plugin: told that something happened, after the fact, in the background.
 *
 * <p>Register an implementation as an OSGi service with the property {@link FilterHook#NAME} naming the PeerTube
 * action hooks it handles (such as {@code action:api.video.uploaded}, see {@link HookNames}), and optionally
 * {@link FilterHook#PRIORITY}. With Declarative Services the property type
 * {@link ActionHookService} sets both:
 *
 * <pre>{@code
 * @Component
 * @ActionHookService(name = "action:api.video.uploaded")
 * public class Announce implements ActionHook {
 *     public void run(String hook, Map<String, Object> params) {
 *         Map<?, ?> video = (Map<?, ?>) params.get("video");
 *         LOG.info("New video: {}", video.get("name"));
 *     }
 * }
 * }</pre>
 *
 * <p>Actions are fire-and-forget, as in PeerTube: Bobine queues them once the operation has happened and
 * answers the request without waiting. The queue is bounded: when it is full, actions are dropped and a line is
 * logged. An action that throws is logged; nothing else happens. Actions of one hook are queued by priority but
 * may run concurrently.
 */
@ConsumerType
public interface ActionHook {

    /**
     * Reacts to an event.
     *
     * @param hook the name of the hook, one of those the service registered for
     * @param params what happened, read-only; shaped as PeerTube passes it for the hook
     * @throws Exception logged, without other effect
     */
    void run(String hook, Map<String, Object> params) throws Exception;
}
