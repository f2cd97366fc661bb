package org.bobine.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.lang.annotation.Annotation;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;

import org.bobine.persistence.api.EntityContribution;
import org.bobine.persistence.api.TransactionService;
import org.bobine.persistence.internal.model.Note;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/** The component in a mocked framework: settings, migrations from a bundle, and the service's registration. */
class PersistenceComponentTest {

    @TempDir
    Path dataDir;

    static PersistenceComponent.Config config(String url) {
        return new PersistenceComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PersistenceComponent.Config.class;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String username() {
                return "";
            }

            @Override
            public String password() {
                return "";
            }

            @Override
            public int poolSize() {
                return DEFAULT_POOL_SIZE;
            }

            @Override
            public int connectionTimeoutSeconds() {
                return DEFAULT_CONNECTION_TIMEOUT_SECONDS;
            }
        };
    }

    @Test
    void embeddedDatabaseLivesInTheDataDirectory() {
        DatabaseSettings settings = PersistenceComponent.settings(config(""), "/srv/bobine");
        assertThat(settings.kind()).isEqualTo(DatabaseSettings.Kind.H2);
        assertThat(settings.jdbcUrl())
                .isEqualTo("jdbc:h2:file:/srv/bobine/db/bobine;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(settings.effectiveUsername()).isEqualTo("sa");
        assertThat(settings.poolSize()).isEqualTo(10);
        assertThat(settings.connectionTimeoutSeconds()).isEqualTo(10);

        DatabaseSettings relative = PersistenceComponent.settings(config(""), null);
        assertThat(relative.dataDir()).isEqualTo(Path.of("bobine-data").toAbsolutePath());
    }

    @Test
    void postgresUrlsAreUsedAsGivenAndShownWithoutPassword() {
        DatabaseSettings settings = PersistenceComponent.settings(
                config("jdbc:postgresql://db:5432/bobine?user=x&password=s3cret&ssl=true"), "/srv/bobine");
        assertThat(settings.kind()).isEqualTo(DatabaseSettings.Kind.POSTGRESQL);
        assertThat(settings.effectiveUsername()).isEmpty();
        assertThat(settings.redactedUrl()).isEqualTo("jdbc:postgresql://db:5432/bobine?user=x&password=***&ssl=true");
    }

    @Test
    @SuppressWarnings("unchecked")
    void registersTheServiceOnceReadyAndFollowsTheContributions() throws Exception {
        BundleContext context = mock(BundleContext.class);
        when(context.getProperty(PersistenceComponent.DATA_DIR_PROPERTY)).thenReturn(dataDir.toString());
        ServiceRegistration<TransactionService> registration = mock(ServiceRegistration.class);
        when(context.registerService(eq(TransactionService.class), any(TransactionService.class), any()))
                .thenReturn(registration);

        Bundle bundle = mock(Bundle.class);
        when(bundle.findEntries("db/migration/notes", "*.sql", false)).thenAnswer(call -> {
            List<URL> urls = new ArrayList<>();
            for (MigrationScript script : DirectoryMigrations.INSTANCE.scripts("db/migration/notes")) {
                urls.add(new URL(script.location()));
            }
            return Collections.enumeration(urls);
        });
        ServiceReference<EntityContribution> reference = mock(ServiceReference.class);
        when(reference.getBundle()).thenReturn(bundle);
        EntityContribution notes = TestContribution.of("notes", "notes", Note.class);

        long start = System.nanoTime();
        PersistenceComponent component = new PersistenceComponent(context, config(""));
        component.addContribution(notes, reference);
        assertThat((System.nanoTime() - start) / 1_000_000).as("activation returns at once").isLessThan(2_000);

        ArgumentCaptor<TransactionService> service = ArgumentCaptor.forClass(TransactionService.class);
        ArgumentCaptor<Dictionary<String, Object>> properties = ArgumentCaptor.forClass(Dictionary.class);
        verify(context, timeout(60_000)).registerService(eq(TransactionService.class), service.capture(),
                properties.capture());
        assertThat((String[]) properties.getValue().get(TransactionService.CONTRIBUTIONS)).containsExactly("notes");
        assertThat(properties.getValue().get(TransactionService.DATABASE)).isEqualTo("H2");

        TransactionService tx = service.getValue();
        tx.run(em -> em.persist(new Note("through the service", null)));
        assertThat(tx.<Long>read(em -> em.createQuery("select count(n) from Note n", Long.class)
                .getSingleResult())).isEqualTo(1L);

        component.removeContribution(notes);
        ArgumentCaptor<Dictionary<String, Object>> updated = ArgumentCaptor.forClass(Dictionary.class);
        verify(registration, timeout(60_000)).setProperties(updated.capture());
        assertThat((String[]) updated.getValue().get(TransactionService.CONTRIBUTIONS)).isEmpty();

        component.deactivate();
        verify(registration).unregister();
        assertThat(dataDir.resolve("db/bobine.mv.db")).isRegularFile();
    }
}
