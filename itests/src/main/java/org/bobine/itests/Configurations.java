package org.bobine.itests;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.ConfigurationAdmin;

/** Gives the components the configurations that the launcher gives them in a real instance. */
final class Configurations {

    private Configurations() {
    }

    static void applyDefaults(ConfigurationAdmin admin) throws IOException {
        Dictionary<String, Object> instance = new Hashtable<>();
        instance.put("name", "Integration test instance");
        admin.getConfiguration("bobine.instance", "?").updateIfDifferent(instance);
        Dictionary<String, Object> webserver = new Hashtable<>();
        webserver.put("hostname", "localhost");
        webserver.put("port", 9000);
        admin.getConfiguration("bobine.webserver", "?").updateIfDifferent(webserver);
        Dictionary<String, Object> transcoding = new Hashtable<>();
        transcoding.put("resolutions", new int[] {480, 720});
        admin.getConfiguration("bobine.transcoding", "?").updateIfDifferent(transcoding);
    }
}
