package org.bobine.catalog.internal;

import java.util.List;
import java.util.Map;

import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ServerConfigContributor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@code trending} settings: over how many days the {@code trending} order of video lists counts views; and the
 * {@code trending} section of {@code /api/v1/config}.
 */
@Component(service = {ServerConfigContributor.class, TrendingSettings.class}, configurationPid = TrendingSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TrendingSettings.Config.class)
public class TrendingSettings implements ServerConfigContributor {

    /** The configuration PID, fed by the {@code trending} section of bobine.yaml. */
    public static final String PID = "bobine.trending";

    /** PeerTube's default of {@code trending.videos.interval_days}. */
    static final int DEFAULT_INTERVAL_DAYS = 7;

    /** The {@code trending} section. */
    @ObjectClassDefinition(id = PID, name = "Trending videos", description = "How trending videos are chosen.")
    public @interface Config {
        @AttributeDefinition(name = "Days of views", description = "Over how many days, today included, the "
                + "trending order of video lists counts views.", min = "1", max = "3650")
        int videos_intervalDays() default DEFAULT_INTERVAL_DAYS;
    }

    private final int intervalDays;
    private final Map<String, Object> section;

    @Activate
    public TrendingSettings(Config config) {
        this.intervalDays = Math.min(Math.max(1, config.videos_intervalDays()), 3650);
        // The algorithms are PeerTube's defaults, which its web client offers as the trending pages.
        this.section = Map.of("trending", Map.of("videos", Map.of("intervalDays", intervalDays, "algorithms",
                Map.of("enabled", List.of("hot", "most-viewed", "most-liked"), "default", "most-viewed"))));
    }

    /** @return over how many days, today included, trending counts views */
    int intervalDays() {
        return intervalDays;
    }

    @Override
    public Map<String, Object> serverConfig(ApiRequest request) {
        return section;
    }
}
