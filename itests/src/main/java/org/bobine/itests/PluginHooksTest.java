package org.bobine.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.bobine.api.hook.AcceptResult;
import org.bobine.api.hook.HookNames;
import org.bobine.api.hook.Hooks;
import org.bobine.itests.hooks.FlyFilter;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * A plugin bundle that registers filter hooks is installed into a running framework: the {@link Hooks} service
 * runs its filters at once, and once the bundle is uninstalled everything is as before, without a restart.
 */
class PluginHooksTest {

    private static final long WAIT_MILLIS = 15_000;

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 10_000)
    Hooks hooks;

    @Test
    void aPluginsFiltersApplyWhileItIsInstalledAndNoLonger() throws Exception {
        Map<String, Object> list = Map.of("total", 2, "data", List.of(Map.of("name", "A good film"),
                Map.of("name", "A forbidden film")));
        Map<String, Object> upload = Map.of("videoBody", Map.of("name", "A forbidden film", "channelId", 1));
        assertTrue(hooks.accept(HookNames.VIDEO_UPLOAD_ACCEPT_RESULT, upload).accepted());

        Bundle plugin = context.installBundle("itest:no-forbidden", noForbiddenPlugin());
        try {
            plugin.start();
            await(() -> hooks.has(HookNames.VIDEO_UPLOAD_ACCEPT_RESULT) && hooks.has(HookNames.VIDEOS_LIST_RESULT));

            AcceptResult refused = hooks.accept(HookNames.VIDEO_UPLOAD_ACCEPT_RESULT, upload);
            assertFalse(refused.accepted());
            assertEquals("No forbidden videos here", refused.errorMessage());
            assertTrue(hooks.accept(HookNames.VIDEO_UPLOAD_ACCEPT_RESULT,
                    Map.of("videoBody", Map.of("name", "A good film"))).accepted());
            assertEquals(Map.of("total", 1, "data", List.of(Map.of("name", "A good film"))),
                    hooks.filter(HookNames.VIDEOS_LIST_RESULT, list, Map.of()));
            assertFalse(hooks.has(HookNames.VIDEO_GET_RESULT), "registered only for the hooks it names");
        } finally {
            plugin.uninstall();
        }

        await(() -> !hooks.has(HookNames.VIDEO_UPLOAD_ACCEPT_RESULT) && !hooks.has(HookNames.VIDEOS_LIST_RESULT));
        AcceptResult accepted = hooks.accept(HookNames.VIDEO_UPLOAD_ACCEPT_RESULT, upload);
        assertTrue(accepted.accepted());
        assertNull(accepted.errorMessage());
        assertEquals(list, hooks.filter(HookNames.VIDEOS_LIST_RESULT, list, Map.of()));
    }

    /** A plugin as its author's build would make it: {@link FlyFilter} as a DS component for two hooks. */
    private static InputStream noForbiddenPlugin() {
        String component = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="fly.filter" immediate="true">
                  <implementation class="org.bobine.itests.hooks.FlyFilter"/>
                  <service><provide interface="org.bobine.api.hook.FilterHook"/></service>
                  <property name="bobine.hook.name" type="String">%s
                %s</property>
                  <property name="bobine.hook.priority" type="Integer" value="10"/>
                </scr:component>
                """.formatted(HookNames.VIDEO_UPLOAD_ACCEPT_RESULT, HookNames.VIDEOS_LIST_RESULT);
        return new BundleBuilder("itest.plugin.no-forbidden", "1.0.0")
                .header("Import-Package", "org.bobine.api.hook;version=\"[1.0,2)\"")
                .header("Service-Component", "OSGI-INF/filter.xml")
                .header("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)"
                        + "(version>=1.3.0)(!(version>=2.0.0)))\"")
                .entry("OSGI-INF/filter.xml", component)
                .copyClass(FlyFilter.class)
                .build();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Not within " + WAIT_MILLIS + " ms");
            }
            Thread.sleep(50);
        }
    }
}
