package org.bobine.itests;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/** What the tests over HTTP share: the configured components, and a client of the whiteboard's port. */
abstract class RunningWeb {

    static final Duration WAIT = Duration.ofSeconds(15);

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    @InjectService(timeout = 10_000)
    HttpServiceRuntime httpRuntime;

    Http http;

    @BeforeEach
    void configureAndConnect() throws Exception {
        Configurations.applyDefaults(configurationAdmin);
        http = Http.of(context);
        http.await("/api/v1/config", response -> response.statusCode() == 200, WAIT);
    }
}
