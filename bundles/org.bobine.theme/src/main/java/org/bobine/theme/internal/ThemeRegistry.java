package org.bobine.theme.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.bobine.api.theme.Theme;
import org.bobine.theme.api.ThemeStyles;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ServerConfigContributor;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The themes that plugins register, by name, and the {@code theme} section of {@code /api/v1/config}.
 */
@Component(service = {ThemeRegistry.class, ServerConfigContributor.class, ThemeStyles.class}, configurationPid = ThemeRegistry.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ThemeRegistry.Config.class)
public class ThemeRegistry implements ServerConfigContributor, ThemeStyles {

    /** The configuration PID, fed by the {@code theme} section of bobine.yaml. */
    public static final String PID = "bobine.theme";

    private static final Logger LOG = LoggerFactory.getLogger(ThemeRegistry.class);

    /** The name PeerTube gives to the built-in look; it needs no plugin. */
    static final String BUILT_IN_THEME = "default";

    static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,50}");
    static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?");

    /** The {@code theme} section of the configuration. */
    @ObjectClassDefinition(id = PID, name = "Appearance",
            description = "The theme that visitors see.")
    public @interface Config {
        @AttributeDefinition(name = "Default theme", description = "default, or the name of an installed theme "
                + "plugin. When the plugin is not installed, visitors see the default theme.")
        String defaultTheme() default BUILT_IN_THEME;
    }

    /** A registered theme with what decides between two of the same name. */
    record Registration(Theme theme, String name, String version, List<String> cssFiles, int ranking,
            long serviceId) {
    }

    private static final Comparator<Registration> PREFERENCE = Comparator
            .comparingInt(Registration::ranking).reversed()
            .thenComparingLong(Registration::serviceId);

    private final Map<Long, Registration> byServiceId = new TreeMap<>();
    private volatile Map<String, Registration> byName = Map.of();
    private volatile String defaultTheme;

    @Activate
    public ThemeRegistry(Config config) {
        this.defaultTheme = config.defaultTheme();
    }

    @Modified
    void modified(Config config) {
        this.defaultTheme = config.defaultTheme();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTheme(Theme theme, Map<String, Object> properties) {
        long serviceId = (Long) properties.get(Constants.SERVICE_ID);
        int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        Registration registration;
        try {
            registration = describe(theme, ranking, serviceId);
        } catch (RuntimeException e) {
            LOG.error("Theme {} is not registered: {}", theme.getClass().getName(), e.getMessage());
            return;
        }
        synchronized (byServiceId) {
            byServiceId.put(serviceId, registration);
            rebuild();
        }
        LOG.info("Theme {} {} registered", registration.name(), registration.version());
    }

    void removeTheme(Theme theme, Map<String, Object> properties) {
        Registration removed;
        synchronized (byServiceId) {
            removed = byServiceId.remove((Long) properties.get(Constants.SERVICE_ID));
            rebuild();
        }
        if (removed != null) {
            LOG.info("Theme {} {} removed", removed.name(), removed.version());
        }
    }

    static Registration describe(Theme theme, int ranking, long serviceId) {
        String name = theme.name();
        String version = theme.version();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("its name \"" + name + "\" is not 1 to 50 of a-z, 0-9, - and _");
        }
        if (name.equals(BUILT_IN_THEME) || name.equals("instance-default")) {
            throw new IllegalArgumentException("the name \"" + name + "\" is reserved");
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("its version \"" + version + "\" is not of the form 1.2.3");
        }
        List<String> css = List.copyOf(theme.cssFiles());
        for (String path : css) {
            if (!ThemePaths.isSafe(path)) {
                throw new IllegalArgumentException("its style sheet path \"" + path + "\" is not a safe relative path");
            }
        }
        return new Registration(theme, name, version, css, ranking, serviceId);
    }

    private void rebuild() {
        Map<String, Registration> rebuilt = new TreeMap<>();
        byServiceId.values().stream().sorted(PREFERENCE)
                .forEach(registration -> rebuilt.putIfAbsent(registration.name(), registration));
        byName = rebuilt;
    }

    Optional<Registration> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    List<Registration> registered() {
        return new ArrayList<>(byName.values());
    }

    @Override
    public List<String> styleSheets(String preferred) {
        Map<String, Registration> themes = byName;
        Registration chosen = preferred == null ? null : themes.get(preferred);
        if (chosen == null && !BUILT_IN_THEME.equals(preferred)) {
            chosen = themes.get(defaultTheme);
        }
        if (chosen == null) {
            return List.of();
        }
        String base = "/themes/" + chosen.name() + "/" + chosen.version() + "/css/";
        return chosen.cssFiles().stream().map(file -> base + file).toList();
    }

    @Override
    public Map<String, Object> serverConfig(ApiRequest request) {
        List<Map<String, Object>> registered = new ArrayList<>();
        for (Registration registration : byName.values()) {
            Map<String, Object> theme = new LinkedHashMap<>();
            theme.put("npmName", "peertube-theme-" + registration.name());
            theme.put("name", registration.name());
            theme.put("version", registration.version());
            theme.put("description", String.valueOf(registration.theme().description()));
            theme.put("css", registration.cssFiles());
            theme.put("clientScripts", Map.of());
            registered.add(theme);
        }
        String configured = defaultTheme;
        String effective = byName.containsKey(configured) ? configured : BUILT_IN_THEME;
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("registered", registered);
        section.put("default", effective);
        return Map.of("theme", section);
    }
}
