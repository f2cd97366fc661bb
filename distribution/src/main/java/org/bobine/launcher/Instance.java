package org.bobine.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A running instance: the Felix framework with Bobine's bundles, over one data directory.
 *
 * <p>The core bundles travel inside {@code bobine.jar} under {@code bundles/}. They are installed into Felix's
 * bundle cache, which lives in the data directory, on first start and whenever the jar brings a different copy
 * of one; later starts reuse the cache instead of unpacking them again.
 */
final class Instance {

    static final String CORE_LOCATION_PREFIX = "bobine:core/";
    static final String BUNDLES_FOLDER = "bundles/";

    /** Start levels: the service loader mediator and logging first, plugins last. */
    static final int LEVEL_WEAVING = 1;
    static final int LEVEL_LOGGING = 2;
    static final int LEVEL_CONFIGURATION = 3;
    static final int LEVEL_CORE = 4;
    static final int LEVEL_PLUGINS = 5;
    /** How long the start waits for Config Admin to deliver the events of the changes it made. */
    static final long CONFIGURATION_EVENTS_TIMEOUT_SECONDS = 30;

    private final DataDirectory directory;
    private final ConfigFile.Values configuration;
    private final Path distribution;
    private final Map<String, String> extraProperties;
    private Framework framework;

    Instance(DataDirectory directory, ConfigFile.Values configuration, Path distribution) {
        this(directory, configuration, distribution, Map.of());
    }

    /** An instance with more framework properties, for example a command to run and no web server. */
    Instance(DataDirectory directory, ConfigFile.Values configuration, Path distribution,
            Map<String, String> extraProperties) {
        this.directory = directory;
        this.configuration = configuration;
        this.distribution = distribution;
        this.extraProperties = Map.copyOf(extraProperties);
    }

    /** The jar this class was loaded from. */
    static Path runningJar() {
        try {
            return Path.of(Instance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate bobine.jar", e);
        }
    }

    Map<String, String> frameworkProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, directory.frameworkCache().toString());
        // Keep the cache between starts: that is what makes later starts fast.
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, "none");
        properties.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(LEVEL_CONFIGURATION));
        // The launcher hands the configuration to Config Admin, so both must see the same API classes.
        properties.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.osgi.service.cm;version=1.6.1");
        properties.put(Constants.FRAMEWORK_BOOTDELEGATION, "sun.*,com.sun.*");
        properties.put("bobine.data", directory.root().toString());
        properties.put("bobine.storage", directory.storage().toString());

        // Felix HTTP (Jetty 12)
        properties.put("org.osgi.service.http.port", configuration.get(ConfigSchema.WEBSERVER_PORT).toString());
        properties.put("org.apache.felix.http.host", (String) configuration.get(ConfigSchema.LISTEN_HOSTNAME));
        properties.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        properties.put("org.apache.felix.http.name", "Bobine");
        // Jetty's WebSocket servlets (the WebSocket tracker at /tracker/socket).
        properties.put("org.apache.felix.jetty.websocket.enable", "true");
        // On Java 21 and later, Jetty serves requests on virtual threads.
        properties.put("org.apache.felix.http.jetty.virtualthreads.enable",
                Boolean.toString(Runtime.version().feature() >= 21));

        // FileInstall: the plugins directory, bundles only (settings go through the configuration file).
        properties.put("felix.fileinstall.dir", directory.plugins().toString());
        properties.put("felix.fileinstall.filter", ".*\\.jar");
        properties.put("felix.fileinstall.poll", configuration.get(ConfigSchema.PLUGINS_POLL).toString());
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.start.level", Integer.toString(LEVEL_PLUGINS));
        properties.put("felix.fileinstall.active.level", Integer.toString(LEVEL_PLUGINS));
        properties.put("felix.fileinstall.enableConfigSave", "false");
        properties.put("felix.fileinstall.log.level", "2");
        properties.put("felix.fileinstall.tmpdir", directory.root().resolve("cache").resolve("plugins").toString());
        properties.putAll(extraProperties);
        return properties;
    }

    /** Starts the framework and the bundles; returns once every start level is reached. */
    void start() throws BundleException, IOException, InterruptedException {
        Files.createDirectories(directory.root().resolve("cache").resolve("plugins"));
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, Instance.class.getClassLoader())
                .findFirst().orElseThrow(() -> new IllegalStateException("No OSGi framework in bobine.jar"));
        framework = factory.newFramework(frameworkProperties());
        framework.init();
        installCoreBundles(framework.getBundleContext());
        framework.start();
        applyConfiguration(framework.getBundleContext());
        raiseStartLevel(LEVEL_PLUGINS);
    }

    private void installCoreBundles(BundleContext context) throws IOException, BundleException {
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(CORE_LOCATION_PREFIX)) {
                installed.put(bundle.getLocation(), bundle);
            }
        }
        List<Bundle> toStart = new ArrayList<>();
        try (JarFile jar = new JarFile(distribution.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (!name.startsWith(BUNDLES_FOLDER) || !name.endsWith(".jar") || entry.isDirectory()) {
                    continue;
                }
                // The entry's CRC and size name the copy: a jar that brings another copy installs it anew.
                String location = CORE_LOCATION_PREFIX + name.substring(BUNDLES_FOLDER.length()) + "?crc="
                        + Long.toHexString(entry.getCrc()) + "&size=" + entry.getSize();
                Bundle bundle = installed.remove(location);
                if (bundle == null) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        bundle = context.installBundle(location, in);
                    }
                }
                bundle.adapt(BundleStartLevel.class).setStartLevel(startLevel(bundle.getSymbolicName()));
                if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                    toStart.add(bundle);
                }
            }
        }
        // Copies that the jar no longer brings (an upgrade replaced them).
        for (Bundle stale : installed.values()) {
            stale.uninstall();
        }
        for (Bundle bundle : toStart) {
            bundle.start(Bundle.START_ACTIVATION_POLICY);
        }
    }

    static int startLevel(String symbolicName) {
        if (symbolicName == null) {
            return LEVEL_CORE;
        }
        if (symbolicName.startsWith("org.apache.aries.spifly") || symbolicName.startsWith("org.objectweb.asm")) {
            return LEVEL_WEAVING;
        }
        if (symbolicName.startsWith("slf4j.") || symbolicName.startsWith("ch.qos.logback")) {
            return LEVEL_LOGGING;
        }
        if (symbolicName.equals("org.apache.felix.configadmin")) {
            return LEVEL_CONFIGURATION;
        }
        if (symbolicName.equals("org.apache.felix.fileinstall")) {
            return LEVEL_PLUGINS;
        }
        return LEVEL_CORE;
    }

    private void applyConfiguration(BundleContext context) throws IOException, InterruptedException {
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> tracker = new ServiceTracker<>(context,
                ConfigurationAdmin.class, null);
        tracker.open();
        try {
            ConfigurationAdmin admin = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            if (admin == null) {
                throw new IllegalStateException("Config Admin did not start");
            }
            // Config Admin tells its listeners of a change on a thread of its own, later. Were that event to reach
            // Declarative Services after the core bundles started, their components would already hold the new
            // values and would be deactivated and activated again for nothing, leaving their services away for a
            // moment while the instance answers. So the core bundles start only once every event was delivered.
            Set<String> undelivered = ConcurrentHashMap.newKeySet();
            CountDownLatch delivered = new CountDownLatch(1);
            ConfigurationListener listener = event -> {
                if (undelivered.remove(event.getPid()) && undelivered.isEmpty()) {
                    delivered.countDown();
                }
            };
            var registration = context.registerService(ConfigurationListener.class, listener, null);
            try {
                for (Map.Entry<String, Dictionary<String, Object>> entry
                        : configuration.configurations().entrySet()) {
                    // "?" lets any bundle bind the configuration: the bundle that owns a PID may be updated.
                    Configuration config = admin.getConfiguration(entry.getKey(), "?");
                    undelivered.add(entry.getKey());
                    if (!config.updateIfDifferent(entry.getValue())) {
                        undelivered.remove(entry.getKey());
                    }
                }
                if (!undelivered.isEmpty() && !delivered.await(CONFIGURATION_EVENTS_TIMEOUT_SECONDS,
                        TimeUnit.SECONDS)) {
                    // Components then reconfigure once the events arrive: slower, still correct.
                    System.err.println("bobine: Config Admin did not report the change of " + undelivered
                            + " within " + CONFIGURATION_EVENTS_TIMEOUT_SECONDS + " s; starting anyway");
                }
            } finally {
                registration.unregister();
            }
        } finally {
            tracker.close();
        }
    }

    private void raiseStartLevel(int level) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        framework.adapt(FrameworkStartLevel.class).setStartLevel(level, event -> {
            if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED || event.getType() == FrameworkEvent.ERROR) {
                reached.countDown();
            }
        });
        reached.await(2, TimeUnit.MINUTES);
    }

    /**
     * Waits for a service matching {@code filter} and answers its properties, or {@code null} after
     * {@code timeoutMillis}: how a command run inside the framework reports back.
     */
    Map<String, Object> awaitService(String filter, long timeoutMillis) throws Exception {
        BundleContext context = framework.getBundleContext();
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
        tracker.open(true);
        try {
            if (tracker.waitForService(timeoutMillis) == null) {
                return null;
            }
            org.osgi.framework.ServiceReference<Object> reference = tracker.getServiceReference();
            Map<String, Object> properties = new HashMap<>();
            for (String key : reference.getPropertyKeys()) {
                properties.put(key, reference.getProperty(key));
            }
            return properties;
        } finally {
            tracker.close();
        }
    }

    /** Waits until the framework stops; answers whether it stopped because it was asked to. */
    boolean awaitStop() throws InterruptedException {
        FrameworkEvent event = framework.waitForStop(0);
        return event.getType() == FrameworkEvent.STOPPED;
    }

    /** Stops the framework, waiting at most {@code timeoutMillis}. */
    void stop(long timeoutMillis) throws BundleException, InterruptedException {
        if (framework != null && (framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
            framework.stop();
            framework.waitForStop(timeoutMillis);
        }
    }
}
