package org.bobine.catalog.internal;

import java.util.List;

import org.bobine.persistence.api.EntityContribution;
import org.osgi.service.component.annotations.Component;

/** The entities and schema migrations of the catalog. */
@Component(service = EntityContribution.class)
public class CatalogEntities implements EntityContribution {

    /** The name of this contribution, and of its migration history table's suffix. */
    static final String NAME = "catalog";

    /** The target of the components that need the catalog's tables and entities. */
    static final String WITH_CATALOG_ENTITIES = "(bobine.persistence.contributions=" + NAME + ")";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Class<?>> entityClasses() {
        return List.of(Actor.class, Account.class, VideoChannel.class, ActorImage.class, Video.class,
                VideoFile.class, StoredFileDeletion.class, VideoCaption.class, VideoRating.class, VideoViewsDay.class,
                VideoComment.class, VideoPlaylist.class, VideoPlaylistElement.class,
                VideoPassword.class, VideoStreamingPlaylist.class);
    }

    @Override
    public String migrationsPath() {
        return "db/migration/catalog";
    }
}
