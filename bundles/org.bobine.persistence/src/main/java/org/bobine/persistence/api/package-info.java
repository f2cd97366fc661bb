/**
 * The database of Bobine, as services: bundles contribute their JPA entities and the SQL migrations of their
 * tables, and work with the database through transactions.
 *
 * <p>The persistence bundle owns everything below the JPA API: the connection pool, the database (embedded H2
 * by default, PostgreSQL when configured), Hibernate ORM as the JPA provider, and Flyway for the migrations.
 * Other bundles never bootstrap Hibernate and never see a JDBC URL:
 * <ul>
 * <li>a bundle that stores data registers an {@link org.bobine.persistence.api.EntityContribution} service
 * naming its entity classes and the folder of its migrations; the persistence bundle applies the migrations
 * to the database, then makes the entities part of the persistence unit;</li>
 * <li>a bundle that reads or writes data uses the {@link org.bobine.persistence.api.TransactionService}: each
 * call runs a piece of work in its own {@link jakarta.persistence.EntityManager} and transaction.</li>
 * </ul>
 *
 * <p>The {@code TransactionService} is registered only once the database is reachable, migrated and the
 * persistence unit built, so a component that references it activates when the database is ready. Its
 * {@value org.bobine.persistence.api.TransactionService#CONTRIBUTIONS} service property names the contributions
 * whose entities the current persistence unit holds: a component that needs its own bundle's entities
 * references the service with a target filter on its contribution's name.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.bobine.persistence.api;
