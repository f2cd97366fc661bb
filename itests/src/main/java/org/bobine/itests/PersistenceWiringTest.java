package org.bobine.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.bobine.itests.notes.Note;
import org.bobine.persistence.api.EntityContribution;
import org.bobine.persistence.api.TransactionService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Another bundle's entities and migrations reach the database through the persistence bundle, in the
 * framework: the migration runs, the entity persists and loads, and Hibernate's lazy proxy of the entity is
 * defined in the entity's own bundle.
 */
class PersistenceWiringTest {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    ServiceRegistration<EntityContribution> contribution;

    @AfterEach
    void removeContribution() {
        if (contribution != null) {
            contribution.unregister();
        }
    }

    @Test
    void anEntityOfAnotherBundleIsPersistedAndProxied() throws Exception {
        Dictionary<String, Object> database = new Hashtable<>();
        database.put("url", "jdbc:h2:mem:itest-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        configurationAdmin.getConfiguration("bobine.database", "?").updateIfDifferent(database);
        contribution = context.registerService(EntityContribution.class, new EntityContribution() {
            @Override
            public String name() {
                return "itestnotes";
            }

            @Override
            public List<Class<?>> entityClasses() {
                return List.of(Note.class);
            }

            @Override
            public String migrationsPath() {
                return "db/migration/itestnotes";
            }
        }, null);

        TransactionService transactions = awaitTransactions("(" + TransactionService.CONTRIBUTIONS + "=itestnotes)");
        Long id = transactions.call(em -> {
            Note note = new Note("written from another bundle");
            em.persist(note);
            return note.getId();
        });
        assertNotNull(id);
        assertEquals("written from another bundle", transactions.read(em -> em.find(Note.class, id).getText()));

        String proxyText = transactions.read(em -> {
            Note reference = em.getReference(Note.class, id);
            assertTrue(reference.getClass().getName().contains("HibernateProxy"), reference.getClass().getName());
            assertEquals(FrameworkUtil.getBundle(Note.class), FrameworkUtil.getBundle(reference.getClass()));
            return reference.getText();
        });
        assertEquals("written from another bundle", proxyText);
        long count = transactions.read(em -> em.createQuery("select count(n) from Note n", Long.class)
                .getSingleResult());
        assertEquals(1L, count);
    }

    private TransactionService awaitTransactions(String filter) throws Exception {
        ServiceTracker<TransactionService, TransactionService> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + TransactionService.class.getName() + ")" + filter + ")"),
                null);
        tracker.open();
        try {
            TransactionService service = tracker.waitForService(TimeUnit.SECONDS.toMillis(60));
            assertNotNull(service, "The database did not become ready with the test's entities");
            return service;
        } finally {
            tracker.close();
        }
    }
}
