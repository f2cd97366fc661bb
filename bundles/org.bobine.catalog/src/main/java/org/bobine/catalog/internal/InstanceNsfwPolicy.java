package org.bobine.catalog.internal;

import org.bobine.web.api.ApiUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * The instance's default NSFW policy ({@code instance.default_nsfw_policy}), which video lists apply to visitors
 * who are not logged in. The setting belongs to the {@code instance} section, described with the web bundle's
 * other instance settings; this component only reads it.
 */
@Component(service = InstanceNsfwPolicy.class, configurationPid = "bobine.instance",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class InstanceNsfwPolicy {

    /** The part of the {@code instance} section read here; the default is the documented one. */
    @interface Config {
        String defaultNsfwPolicy() default ApiUser.NSFW_DO_NOT_LIST;
    }

    private final String policy;

    @Activate
    public InstanceNsfwPolicy(Config config) {
        this(config.defaultNsfwPolicy());
    }

    InstanceNsfwPolicy(String policy) {
        this.policy = policy;
    }

    /** @return {@link ApiUser#NSFW_DISPLAY}, {@link ApiUser#NSFW_BLUR} or {@link ApiUser#NSFW_DO_NOT_LIST} */
    String policy() {
        return policy;
    }
}
