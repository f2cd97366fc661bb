package org.bobine.catalog.internal;

import java.util.Map;

import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ServerConfigContributor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The {@code video_channels} settings, and the {@code videoChannels} section of {@code /api/v1/config}. */
@Component(service = {ServerConfigContributor.class, ChannelSettings.class}, configurationPid = ChannelSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ChannelSettings.Config.class)
public class ChannelSettings implements ServerConfigContributor {

    /** The configuration PID, fed by the {@code video_channels} section of bobine.yaml. */
    public static final String PID = "bobine.video_channels";

    /** PeerTube's default of {@code video_channels.max_per_user}. */
    static final int DEFAULT_MAX_PER_USER = 20;

    /** The {@code video_channels} section. */
    @ObjectClassDefinition(id = PID, name = "Video channels", description = "The video channels of users.")
    public @interface Config {
        @AttributeDefinition(name = "Channels per user", description = "How many channels each user may have, "
                + "their default channel included.", min = "1")
        int maxPerUser() default DEFAULT_MAX_PER_USER;
    }

    private final int maxPerUser;
    private final Map<String, Object> section;

    @Activate
    public ChannelSettings(Config config) {
        this.maxPerUser = config.maxPerUser();
        this.section = Map.of("videoChannels", Map.of("maxPerUser", maxPerUser));
    }

    /** @return how many channels a user may have */
    int maxPerUser() {
        return maxPerUser;
    }

    @Override
    public Map<String, Object> serverConfig(ApiRequest request) {
        return section;
    }
}
