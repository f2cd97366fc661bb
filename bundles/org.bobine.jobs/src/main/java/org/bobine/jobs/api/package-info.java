/**
 * The instance's persistent job queue: work done off the request path (transcoding, federation delivery,
 * imports, e-mail, housekeeping).
 *
 * <ul>
 * <li>{@link org.bobine.jobs.api.JobQueue}: the service that takes jobs ({@link org.bobine.jobs.api.JobRequest})
 * and tells their state ({@link org.bobine.jobs.api.JobView}, {@link org.bobine.jobs.api.JobState});</li>
 * <li>{@link org.bobine.jobs.api.JobHandler}: the services that run the jobs of one type, registered with the
 * properties of {@link org.bobine.jobs.api.JobHandlerType}; they are given a
 * {@link org.bobine.jobs.api.JobContext}.</li>
 * </ul>
 *
 * <p>Jobs are rows of the database, so they survive restarts and crashes, and every node of an instance that
 * shares one PostgreSQL database takes jobs from the same queue; a job runs on one node at a time. A job is run
 * <em>at least</em> once: a node that dies in the middle of a job leaves it to be run again once its lease has
 * expired, so handlers must tolerate running a job a second time.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.bobine.jobs.api;
