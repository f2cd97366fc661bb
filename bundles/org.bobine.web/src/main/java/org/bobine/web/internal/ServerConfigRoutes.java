package org.bobine.web.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.Router;
import org.bobine.web.api.ServerConfigContributor;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.Option;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/config} and {@code GET /api/v1/config/about}: PeerTube's {@code ServerConfig} and
 * {@code About} documents, from the {@code instance} section of the configuration and the sections that
 * {@link ServerConfigContributor}s add.
 */
@Component(service = ApiRoutes.class, configurationPid = ServerConfigRoutes.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ServerConfigRoutes.Config.class)
public class ServerConfigRoutes implements ApiRoutes {

    /** The configuration PID, fed by the {@code instance} section of bobine.yaml. */
    public static final String PID = "bobine.instance";

    private static final Logger LOG = LoggerFactory.getLogger(ServerConfigRoutes.class);

    /**
     * The version of PeerTube's API that Bobine implements, reported as {@code serverVersion} because
     * PeerTube's clients enable features by comparing it (see docs/compatibility.md).
     */
    static final String PEERTUBE_API_VERSION = "6.3.0";

    /** The {@code instance} section. */
    @ObjectClassDefinition(id = PID, name = "Instance",
            description = "How the instance presents itself to visitors and other servers.")
    public @interface Config {
        @AttributeDefinition(name = "Name", description = "The instance's name, shown in pages and to other "
                + "servers.")
        String name() default "Bobine";

        @AttributeDefinition(name = "Short description", description = "One sentence about the instance.")
        String shortDescription() default "A Bobine instance: videos that viewers help to broadcast.";

        @AttributeDefinition(name = "Description", description = "A longer presentation, in Markdown.")
        String description() default "";

        @AttributeDefinition(name = "Terms", description = "The terms of use, in Markdown.")
        String terms() default "";

        @AttributeDefinition(name = "Code of conduct", description = "The code of conduct, in Markdown.")
        String codeOfConduct() default "";

        @AttributeDefinition(name = "Moderation information", description = "How the instance is moderated.")
        String moderationInformation() default "";

        @AttributeDefinition(name = "Administrator", description = "Who runs the instance.")
        String administrator() default "";

        @AttributeDefinition(name = "Mostly NSFW", description = "Whether most of the instance's content is "
                + "not safe for work.")
        boolean isNsfw() default false;

        @AttributeDefinition(name = "Default NSFW policy", description = "How NSFW videos are shown to "
                + "visitors who did not choose.", options = {
                    @Option(label = "Do not list", value = "do_not_list"), @Option(label = "Blur", value = "blur"),
                    @Option(label = "Display", value = "display")})
        String defaultNsfwPolicy() default "do_not_list";

        @AttributeDefinition(name = "Default page", description = "The page visitors land on.")
        String defaultClientRoute() default "/videos/trending";
    }

    private final Config config;
    private final Map<Long, Ranked> contributors = new ConcurrentSkipListMap<>();

    private record Ranked(ServerConfigContributor contributor, int ranking) {
    }

    @Activate
    public ServerConfigRoutes(Config config) {
        this.config = config;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addContributor(ServerConfigContributor contributor, Map<String, Object> properties) {
        int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        contributors.put((Long) properties.get(Constants.SERVICE_ID), new Ranked(contributor, ranking));
    }

    void removeContributor(ServerConfigContributor contributor, Map<String, Object> properties) {
        contributors.remove((Long) properties.get(Constants.SERVICE_ID));
    }

    @Override
    public void register(Router router) {
        router.get("/config", this::serverConfig);
        router.get("/config/about", request -> about());
    }

    Map<String, Object> serverConfig(ApiRequest request) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("serverVersion", PEERTUBE_API_VERSION);
        document.put("instance", instanceSection());
        // Lowest ranking first, so that higher-ranked contributors overwrite.
        contributors.values().stream().sorted((a, b) -> Integer.compare(a.ranking(), b.ranking()))
                .forEach(ranked -> {
                    try {
                        merge(document, ranked.contributor().serverConfig(request));
                    } catch (RuntimeException e) {
                        LOG.error("{} failed to describe its configuration", ranked.contributor().getClass()
                                .getName(), e);
                    }
                });
        return document;
    }

    private Map<String, Object> instanceSection() {
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("name", config.name());
        instance.put("shortDescription", config.shortDescription());
        instance.put("isNSFW", config.isNsfw());
        instance.put("defaultNSFWPolicy", config.defaultNsfwPolicy());
        instance.put("defaultClientRoute", config.defaultClientRoute());
        instance.put("customizations", Map.of("javascript", "", "css", ""));
        instance.put("avatars", List.of());
        instance.put("banners", List.of());
        return instance;
    }

    private Map<String, Object> about() {
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("name", config.name());
        instance.put("shortDescription", config.shortDescription());
        instance.put("description", config.description());
        instance.put("terms", config.terms());
        instance.put("codeOfConduct", config.codeOfConduct());
        instance.put("moderationInformation", config.moderationInformation());
        instance.put("administrator", config.administrator());
        instance.put("creationReason", "");
        instance.put("maintenanceLifetime", "");
        instance.put("businessModel", "");
        instance.put("hardwareInformation", "");
        instance.put("languages", List.of());
        instance.put("categories", List.of());
        instance.put("isNSFW", config.isNsfw());
        instance.put("avatars", List.of());
        instance.put("banners", List.of());
        return Map.of("instance", instance);
    }

    /** Merges {@code addition} into {@code target}: objects recursively, anything else replaced. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> addition) {
        addition.forEach((key, value) -> {
            Object existing = target.get(key);
            if (existing instanceof Map<?, ?> existingMap && value instanceof Map<?, ?> valueMap) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) existingMap);
                merge(merged, (Map<String, Object>) valueMap);
                target.put(key, merged);
            } else {
                target.put(key, value);
            }
        });
    }
}
