package org.bobine.web.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * The {@code transcoding} section of {@code /api/v1/config}, from the {@code transcoding} section of the
 * configuration: what upload clients read to know which outputs the instance produces.
 */
@Component(service = ServerConfigContributor.class, configurationPid = TranscodingSection.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TranscodingSection.Config.class)
public class TranscodingSection implements ServerConfigContributor {

    /** The configuration PID, fed by the {@code transcoding} section of bobine.yaml. */
    public static final String PID = "bobine.transcoding";

    /** The {@code transcoding} section. */
    @ObjectClassDefinition(id = PID, name = "Transcoding",
            description = "What uploaded videos are transcoded to.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "Whether uploaded videos are transcoded.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Web videos", description = "One MP4 file per resolution.")
        boolean webVideos_enabled() default false;

        @AttributeDefinition(name = "HLS", description = "An HLS stream, needed for peer-to-peer playback.")
        boolean hls_enabled() default true;

        @AttributeDefinition(name = "Resolutions", description = "The resolutions to produce (0 is audio only).")
        int[] resolutions() default {240, 360, 480, 720, 1080};

        @AttributeDefinition(name = "Threads", description = "Threads per job; 0 lets FFmpeg choose.", min = "0")
        int threads() default 1;

        @AttributeDefinition(name = "Concurrency", description = "Jobs that run at once.", min = "1")
        int concurrency() default 1;

        @AttributeDefinition(name = "Keep the original",
                description = "Whether to keep the uploaded file after transcoding.")
        boolean originalFile_keep() default false;
    }

    private final Map<String, Object> section;

    @Activate
    public TranscodingSection(Config config) {
        List<Integer> resolutions = config.enabled()
                ? Arrays.stream(config.resolutions()).sorted().boxed().toList() : List.of();
        Map<String, Object> transcoding = new LinkedHashMap<>();
        transcoding.put("hls", Map.of("enabled", config.enabled() && config.hls_enabled()));
        transcoding.put("web_videos", Map.of("enabled", config.enabled() && config.webVideos_enabled()));
        transcoding.put("enabledResolutions", resolutions);
        transcoding.put("profile", "default");
        transcoding.put("availableProfiles", List.of("default"));
        transcoding.put("remoteRunners", Map.of("enabled", false));
        this.section = Map.of("transcoding", transcoding);
    }

    @Override
    public Map<String, Object> serverConfig(ApiRequest request) {
        return section;
    }
}
