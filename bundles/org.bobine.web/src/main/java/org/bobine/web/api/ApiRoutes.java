package org.bobine.web.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A set of endpoints under {@code /api/v1}, contributed by a bundle as an OSGi service.
 *
 * <p>The web bundle calls {@link #register(Router)} once for every {@code ApiRoutes} service when the
 * service appears, and drops its routes when the service goes, while serving requests. Paths are relative to
 * {@code /api/v1} and may hold parameters in braces: {@code /videos/{id}/comment-threads}.
 *
 * <pre>{@code
 * @Component(service = ApiRoutes.class)
 * public class PingRoutes implements ApiRoutes {
 *     public void register(Router router) {
 *         router.get("/ping", request -> ApiResponse.text("pong"));
 *     }
 * }
 * }</pre>
 *
 * <p>When two services declare the same method and path, the one with the higher service ranking wins and a
 * warning is logged.
 */
@ConsumerType
public interface ApiRoutes {

    /**
     * Declares this service's routes. Must not block, and must not keep the router beyond the call.
     *
     * @param router where to declare the routes
     */
    void register(Router router);
}
