package org.bobine.api.hook;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A filter hook contributed by a plugin: it receives the value Bobine is about to use (the result of the filters
 * before it) with the call's parameters, and answers the value to use instead.
 *
 * <p>Register an implementation as an OSGi service with the property {@link #NAME} naming the PeerTube hooks it
 * handles, and optionally {@link #PRIORITY} (PeerTube's {@code priority}: higher runs first; default 0). With Declarative Services the property type {@link FilterHookService} sets both:
 *
 * <pre>{@code
 * @Component
 * @FilterHookService(name = HookNames.VIDEO_UPLOAD_ACCEPT_RESULT, priority = 10)
 * public class NoSpam implements FilterHook {
 *     public Object filter(String hook, Object result, Map<String, Object> params) {
 *         Map<?, ?> video = (Map<?, ?>) params.get("videoBody");
 *         if (String.valueOf(video.get("name")).contains("spam")) {
 *             return AcceptResult.reject("No spam here");
 *         }
 *         return result;
 *     }
 * }
 * }</pre>
 *
 * <p>Contract:
 * <ul>
 * <li>{@code result} is the filter's own: a copy of the value, which the filter may change in place and answer,
 *     or it may answer a new value. The answer must have the value's shape: a {@code Map} for a map, a
 *     {@code List} for a list, an {@link AcceptResult} for an accept hook, the same type otherwise. An answer of
 *     another shape, or {@code null}, is logged and ignored: the value stays as it was.</li>
 * <li>{@code params} is read-only; changing it throws.</li>
 * <li>Bobine calls filters from its own bounded pool of threads, one filter of a call at a time, concurrently
 *     for concurrent requests: implementations must be thread-safe.</li>
 * <li>A filter that throws is logged and skipped. A filter that has not answered within two seconds is
 *     interrupted and skipped, so filters must not do slow I/O on the request's path.</li>
 * </ul>
 */
@ConsumerType
public interface FilterHook {

    /**
     * Service property of filters and actions: the names of the hooks the handler handles, a {@code String} or
     * {@code String[]}, each a PeerTube hook name such as {@code filter:api.videos.list.result} (see
     * {@link HookNames}). A handler without it is never called.
     */
    String NAME = "bobine.hook.name";

    /**
     * Service property of filters and actions: PeerTube's {@code priority}, an {@code Integer}. Handlers of a hook
     * run from the highest priority to the lowest, in the order they were registered when equal. It is a
     * property of its own rather than {@code service.ranking} so that PeerTube's numbers carry over as they are
     * and a handler's order among hooks says nothing about its service's rank elsewhere.
     */
    String PRIORITY = "bobine.hook.priority";

    /** The priority of a handler without {@link #PRIORITY}, PeerTube's default. */
    int DEFAULT_PRIORITY = 0;

    /**
     * Changes a value.
     *
     * @param hook the name of the hook being run, one of those the service registered for
     * @param result the value so far, the filter's own copy
     * @param params what the hook point passes along, read-only; its keys are documented in {@link HookNames}
     * @return the value to use from now on, of the same shape as {@code result}
     * @throws Exception to leave the value as it was (the exception is logged)
     */
    Object filter(String hook, Object result, Map<String, Object> params) throws Exception;
}
