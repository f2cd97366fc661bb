package org.bobine.auth.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ServerConfigContributor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The {@code user} section of {@code /api/v1/config}: the quotas a new user gets. */
@Component(service = {ServerConfigContributor.class, UserDefaultsSection.class},
        configurationPid = UserDefaultsSection.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = UserDefaultsSection.Config.class)
public class UserDefaultsSection implements ServerConfigContributor {

    /** The configuration PID, fed by the {@code user} section of bobine.yaml. */
    public static final String PID = "bobine.user";

    /** The {@code user} section. */
    @ObjectClassDefinition(id = PID, name = "New users", description = "What a new user gets.")
    public @interface Config {
        @AttributeDefinition(name = "Video quota", description = "How many bytes of video a new user may "
                + "upload in all; -1 for no limit.", min = "-1")
        long videoQuota() default -1;

        @AttributeDefinition(name = "Daily video quota", description = "How many bytes of video a new user may "
                + "upload per day; -1 for no limit.", min = "-1")
        long videoQuotaDaily() default -1;

        @AttributeDefinition(name = "Default channel name", description = "The display name of the channel "
                + "created with each user; $1 stands for the user name.")
        String defaultChannelName() default "Main $1 channel";
    }

    private final Map<String, Object> section;
    private final long videoQuota;
    private final long videoQuotaDaily;
    private final String defaultChannelName;

    @Activate
    public UserDefaultsSection(Config config) {
        this.videoQuota = config.videoQuota();
        this.videoQuotaDaily = config.videoQuotaDaily();
        this.defaultChannelName = config.defaultChannelName();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("videoQuota", config.videoQuota());
        user.put("videoQuotaDaily", config.videoQuotaDaily());
        this.section = Map.of("user", user);
    }

    /** @return the total quota of a new user, in bytes; -1 for none */
    long videoQuota() {
        return videoQuota;
    }

    /** @return the daily quota of a new user, in bytes; -1 for none */
    long videoQuotaDaily() {
        return videoQuotaDaily;
    }

    /** The name (handle) of the channel created with a user, as PeerTube names it. */
    String defaultChannelHandle(String username) {
        return username + "_channel";
    }

    /** The display name of the channel created with a user. */
    String defaultChannelDisplayName(String username) {
        String name = defaultChannelName.replace("$1", username);
        return name.length() > 120 ? name.substring(0, 120) : name;
    }

    @Override
    public Map<String, Object> serverConfig(ApiRequest request) {
        return section;
    }
}
