package org.bobine.persistence.internal;

import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.bobine.persistence.api.EntityContribution;
import org.bobine.persistence.api.TransactionService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Database} of the {@code bobine.database} configuration in the framework: collects the
 * {@link EntityContribution} services, and registers the {@link TransactionService} once the database is
 * ready, updating its {@value TransactionService#CONTRIBUTIONS} property after each rebuild of the persistence
 * unit.
 *
 * <p>Activation returns at once; the database opens on a thread of its own.
 */
@Component(service = {}, configurationPid = PersistenceComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PersistenceComponent.Config.class)
public class PersistenceComponent {

    private static final Logger LOG = LoggerFactory.getLogger(PersistenceComponent.class);

    /** The configuration PID, fed by the {@code database} section of the instance's configuration. */
    public static final String PID = "bobine.database";

    /** The framework property naming the instance's data directory. */
    static final String DATA_DIR_PROPERTY = "bobine.data";
    /** The data directory when the framework does not name one: relative to the working directory. */
    static final String DEFAULT_DATA_DIR = "bobine-data";

    /** The {@code database} section of the configuration. */
    @ObjectClassDefinition(id = PID, name = "Database",
            description = "Where Bobine keeps its data: an embedded H2 database in the data directory, "
                    + "or a PostgreSQL server.")
    public @interface Config {
        /** The default size of the connection pool. */
        int DEFAULT_POOL_SIZE = 10;
        /** The default connection timeout, in seconds. */
        int DEFAULT_CONNECTION_TIMEOUT_SECONDS = 10;

        @AttributeDefinition(name = "JDBC URL", required = false,
                description = "The database to use: empty for the embedded H2 database, kept in db/ under the "
                        + "data directory; or a PostgreSQL URL such as "
                        + "jdbc:postgresql://localhost:5432/bobine (the database must exist and the user must "
                        + "be allowed to create tables in it). Any other H2 URL (jdbc:h2:...) is accepted too.")
        String url() default "";

        @AttributeDefinition(name = "User", required = false,
                description = "The database user. Empty means 'sa' for the embedded database, and the "
                        + "driver's default (the operating system user) for PostgreSQL.")
        String username() default "";

        @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD,
                description = "The database user's password.")
        String password() default "";

        @AttributeDefinition(name = "Connection pool size", min = "1",
                description = "The largest number of connections open to the database at once.")
        int poolSize() default DEFAULT_POOL_SIZE;

        @AttributeDefinition(name = "Connection timeout (s)", min = "1",
                description = "How long a request waits for a free connection of the pool, and how long "
                        + "opening a connection to the database may take, in seconds.")
        int connectionTimeoutSeconds() default DEFAULT_CONNECTION_TIMEOUT_SECONDS;
    }

    private final BundleContext context;
    private final Database database;
    private volatile boolean deactivated;
    private volatile ServiceRegistration<TransactionService> registration;

    @Activate
    public PersistenceComponent(BundleContext context, Config config) {
        this.context = context;
        this.database = new Database(settings(config, context.getProperty(DATA_DIR_PROPERTY)), this::built);
        database.start();
    }

    /** @return the settings of a configuration, with the data directory from the framework property */
    static DatabaseSettings settings(Config config, String dataDirProperty) {
        Path dataDir;
        if (dataDirProperty == null || dataDirProperty.isBlank()) {
            dataDir = Path.of(DEFAULT_DATA_DIR).toAbsolutePath();
            if (config.url().isBlank()) {
                LOG.warn("The framework property {} is not set: the database goes to {}", DATA_DIR_PROPERTY,
                        dataDir);
            }
        } else {
            dataDir = Path.of(dataDirProperty.strip());
        }
        return new DatabaseSettings(config.url(), config.username(), config.password(), config.poolSize(),
                config.connectionTimeoutSeconds(), dataDir);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addContribution(EntityContribution contribution, ServiceReference<EntityContribution> reference) {
        // The migrations sit beside the contribution's class; a contribution whose class is not from a bundle
        // keeps them in the bundle that registered it.
        Bundle bundle = FrameworkUtil.getBundle(contribution.getClass());
        if (bundle == null) {
            bundle = reference.getBundle();
        }
        if (bundle == null) {
            return; // Unregistered meanwhile.
        }
        database.addContribution(contribution, new BundleMigrationSource(bundle));
    }

    void removeContribution(EntityContribution contribution) {
        database.removeContribution(contribution);
    }

    @Deactivate
    void deactivate() {
        deactivated = true;
        ServiceRegistration<TransactionService> registered = registration;
        unregister(registered);
        database.close();
        // The worker may have registered the service while it was being stopped.
        ServiceRegistration<TransactionService> late = registration;
        if (late != registered) {
            unregister(late);
        }
    }

    /** Called on the database's worker thread, never concurrently. */
    private void built(Database db, List<String> contributions) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(TransactionService.CONTRIBUTIONS, contributions.toArray(String[]::new));
        properties.put(TransactionService.DATABASE, db.databaseProduct());
        ServiceRegistration<TransactionService> registered = registration;
        if (registered != null) {
            try {
                registered.setProperties(properties);
            } catch (IllegalStateException e) {
                // Unregistered by deactivate().
            }
            return;
        }
        if (deactivated) {
            return;
        }
        registered = context.registerService(TransactionService.class, db, properties);
        registration = registered;
        if (deactivated) {
            unregister(registered);
        }
    }

    private static void unregister(ServiceRegistration<?> registered) {
        if (registered != null) {
            try {
                registered.unregister();
            } catch (IllegalStateException e) {
                // Already unregistered.
            }
        }
    }
}
