package org.bobine.itests.hooks;

import java.util.List;
import java.util.Map;

import org.bobine.api.hook.AcceptResult;
import org.bobine.api.hook.FilterHook;

/**
 * A plugin's filter that keeps one word out: uploads whose name contains it are refused, and videos whose name
 * contains it are left out of the video list. It is not used by the test bundle itself: the tests copy its class
 * file into the bundles they build, and register it for the hooks they name.
 */
public class FlyFilter implements FilterHook {

    /** The word kept out. */
    public static final String WORD = "forbidden";

    @Override
    public Object filter(String hook, Object result, Map<String, Object> params) {
        if (result instanceof AcceptResult) {
            Map<?, ?> body = (Map<?, ?>) params.get("videoBody");
            String name = body == null ? "" : String.valueOf(body.get("name"));
            return name.contains(WORD) ? AcceptResult.reject("No " + WORD + " videos here") : result;
        }
        if (result instanceof Map<?, ?> page && page.get("data") instanceof List<?> data) {
            @SuppressWarnings("unchecked") // the filter's own copy of a JSON-like map
            Map<String, Object> filtered = (Map<String, Object>) page;
            List<?> kept = data.stream()
                    .filter(video -> !String.valueOf(((Map<?, ?>) video).get("name")).contains(WORD))
                    .toList();
            filtered.put("data", kept);
            filtered.put("total", kept.size());
            return filtered;
        }
        return result;
    }
}
