package org.bobine.jobs.internal;

import java.util.List;

import org.bobine.persistence.api.EntityContribution;
import org.osgi.service.component.annotations.Component;

/** The entities and schema migrations of the job queue. */
@Component(service = EntityContribution.class)
public class JobsEntities implements EntityContribution {

    /** The name of this contribution. */
    static final String NAME = "jobs";

    /** The target of references to the transaction service that knows this bundle's entities. */
    static final String WITH_JOBS = "(bobine.persistence.contributions=" + NAME + ")";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Class<?>> entityClasses() {
        return List.of(QueuedJob.class, QueueSettings.class);
    }

    @Override
    public String migrationsPath() {
        return "db/migration/" + NAME;
    }
}
