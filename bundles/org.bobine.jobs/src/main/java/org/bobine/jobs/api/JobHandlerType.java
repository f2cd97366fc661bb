package org.bobine.jobs.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type of a {@link JobHandler}: sets {@link JobHandler#TYPE} and
 * {@link JobHandler#CONCURRENCY} on the component.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface JobHandlerType {

    /** The properties' common prefix. */
    String PREFIX_ = "bobine.job.";

    /** @return the type of job the handler runs: {@link JobHandler#TYPE} */
    String type();

    /** @return how many jobs of the type one node runs at once: {@link JobHandler#CONCURRENCY} */
    int concurrency() default JobHandler.DEFAULT_CONCURRENCY;
}
