package org.bobine.web.internal;

import org.bobine.web.api.ApiResponse;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.Router;
import org.osgi.service.component.annotations.Component;

/** {@code GET /api/v1/ping}: the liveness probe PeerTube's tools use. */
@Component(service = ApiRoutes.class)
public class CoreRoutes implements ApiRoutes {

    @Override
    public void register(Router router) {
        router.get("/ping", request -> ApiResponse.text("pong"));
    }
}
