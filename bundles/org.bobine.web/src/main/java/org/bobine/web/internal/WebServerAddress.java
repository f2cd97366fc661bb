package org.bobine.web.internal;

import org.bobine.web.api.InstanceAddress;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The instance's public address, from the {@code webserver} section of the configuration. */
@Component(service = InstanceAddress.class, configurationPid = WebServerAddress.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebServerAddress.Config.class)
public class WebServerAddress implements InstanceAddress {

    /** The configuration PID, fed by the {@code webserver} section of bobine.yaml. */
    public static final String PID = "bobine.webserver";

    /** The {@code webserver} section. */
    @ObjectClassDefinition(id = PID, name = "Public address",
            description = "How clients and other servers reach this instance.")
    public @interface Config {
        @AttributeDefinition(name = "Host name", description = "The public host name, without scheme or port.")
        String hostname() default "localhost";

        @AttributeDefinition(name = "Port", description = "The public port.", min = "1", max = "65535")
        int port() default 9000;

        @AttributeDefinition(name = "HTTPS", description = "Whether clients reach the instance over HTTPS.")
        boolean https() default false;
    }

    private final String hostname;
    private final int port;
    private final boolean https;

    @Activate
    public WebServerAddress(Config config) {
        this.hostname = config.hostname();
        this.port = config.port();
        this.https = config.https();
    }

    @Override
    public String hostname() {
        return hostname;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public boolean https() {
        return https;
    }

    @Override
    public String host() {
        boolean defaultPort = https ? port == 443 : port == 80;
        return defaultPort ? hostname : hostname + ":" + port;
    }

    @Override
    public String baseUrl() {
        return (https ? "https://" : "http://") + host();
    }
}
