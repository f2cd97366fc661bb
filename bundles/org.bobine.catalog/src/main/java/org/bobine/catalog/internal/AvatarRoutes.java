package org.bobine.catalog.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.bobine.persistence.api.TransactionService;
import org.bobine.storage.api.FileStore;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Router;
import org.bobine.web.api.ServerConfigContributor;
import org.bobine.web.api.UploadedFile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avatars of accounts and channels, as PeerTube: {@code POST /users/me/avatar/pick} and
 * {@code POST /video-channels/{handle}/avatar/pick} (multipart field {@code avatarfile}, at most 4 MB) answer
 * {@code {avatars: [...]}}; {@code DELETE /users/me/avatar} and {@code DELETE /video-channels/{handle}/avatar}
 * answer 204. A channel's avatar is changed by its owner or a holder of {@code MANAGE_ANY_VIDEO_CHANNEL}. Also the
 * {@code avatar} section of {@code /api/v1/config}.
 *
 * <p>New files are written before the database changes and the replaced ones deleted after it commits, so that
 * every image the database names exists; a failure in between leaves unreferenced files, never missing ones.
 */
@Component(service = {ApiRoutes.class, ServerConfigContributor.class})
public class AvatarRoutes implements ApiRoutes, ServerConfigContributor {

    private static final Logger LOG = LoggerFactory.getLogger(AvatarRoutes.class);

    /** PeerTube's limit for image uploads. */
    static final long MAX_SIZE = 4L << 20;
    /** PeerTube's avatar sizes, largest first. */
    static final int[] WIDTHS = {1500, 600, 120, 48};
    static final String FIELD = "avatarfile";

    private final Actors actors;
    private final TransactionService transactions;
    private final FileStore store;
    private final Map<String, Object> section = Map.of("avatar", Map.of("file",
            Map.of("size", Map.of("max", MAX_SIZE), "extensions", Images.EXTENSIONS)));

    @Activate
    public AvatarRoutes(@Reference Actors actors, @Reference FileStore store) {
        this.actors = actors;
        this.transactions = actors.transactions();
        this.store = store;
    }

    @Override
    public void register(Router router) {
        router.post("/users/me/avatar/pick", this::pickMine);
        router.delete("/users/me/avatar", this::removeMine);
        router.post("/video-channels/{handle}/avatar/pick", this::pickChannel);
        router.delete("/video-channels/{handle}/avatar", this::removeChannel);
    }

    @Override
    public Map<String, Object> serverConfig(ApiRequest request) {
        return section;
    }

    Map<String, Object> pickMine(ApiRequest request) {
        ApiUser user = request.requireUser();
        return pick(request, em -> Actors.accountOfUser(em, user.id())
                .orElseThrow(() -> ApiException.badRequest("This user has no account")).actor());
    }

    Object removeMine(ApiRequest request) {
        ApiUser user = request.requireUser();
        remove(em -> Actors.accountOfUser(em, user.id())
                .orElseThrow(() -> ApiException.badRequest("This user has no account")).actor());
        return null;
    }

    Map<String, Object> pickChannel(ApiRequest request) {
        ApiUser user = request.requireUser();
        return pick(request, em -> manageableChannel(em, request, user));
    }

    Object removeChannel(ApiRequest request) {
        ApiUser user = request.requireUser();
        remove(em -> manageableChannel(em, request, user));
        return null;
    }

    private Actor manageableChannel(EntityManager em, ApiRequest request, ApiUser user) {
        VideoChannel channel = actors.findChannel(em, request.pathParam("handle"))
                .orElseThrow(() -> ApiException.notFound("Video channel not found"));
        return ChannelRoutes.manageable(channel, user).actor();
    }

    private interface ActorLookup {
        /** Finds the actor, or throws the API's answer (404, 403). */
        Actor find(EntityManager em);
    }

    private Map<String, Object> pick(ApiRequest request, ActorLookup lookup) {
        // Rights before the file, as PeerTube's validators answer.
        transactions.read(lookup::find);
        UploadedFile file = request.file(FIELD, MAX_SIZE).orElseThrow(() -> ApiException.invalidParam(FIELD,
                "This file is not supported or too large. Please, make sure it is of the following type: "
                        + String.join(", ", Images.EXTENSIONS)));
        byte[] data;
        try (InputStream in = file.open()) {
            data = in.readNBytes((int) MAX_SIZE + 1);
        } catch (IOException e) {
            throw ApiException.badRequest("The uploaded file could not be read");
        }
        List<Images.Encoded> sizes;
        try {
            sizes = Images.squares(data, WIDTHS);
        } catch (Images.InvalidImage e) {
            throw ApiException.invalidParam(FIELD, e.getMessage());
        }
        List<String> written = new ArrayList<>();
        try {
            for (Images.Encoded size : sizes) {
                String name = UUID.randomUUID() + "." + size.extension();
                store.put(FileStore.AVATARS, name, new ByteArrayInputStream(size.bytes()));
                written.add(name);
            }
        } catch (IOException e) {
            deleteFiles(written);
            throw new IllegalStateException("Could not store an avatar", e);
        }
        List<String> replaced = new ArrayList<>();
        Map<String, Object> answer;
        try {
            answer = transactions.call(em -> {
                Actor actor = lookup.find(em);
                replaced.addAll(deleteRows(em, actor));
                var now = Actors.now();
                List<ActorImage> images = new ArrayList<>();
                for (int i = 0; i < sizes.size(); i++) {
                    ActorImage image = new ActorImage(actor, ActorImage.AVATAR, written.get(i), sizes.get(i).width(),
                            sizes.get(i).height(), now);
                    em.persist(image);
                    images.add(image);
                }
                return Map.of("avatars", CatalogJson.images(actor, images));
            });
        } catch (RuntimeException e) {
            deleteFiles(written);
            throw e;
        }
        deleteFiles(replaced);
        return answer;
    }

    private void remove(ActorLookup lookup) {
        List<String> removed = transactions.call(em -> deleteRows(em, lookup.find(em)));
        deleteFiles(removed);
    }

    /** Deletes the avatar rows of an actor, in the caller's transaction; @return their file names */
    static List<String> deleteRows(EntityManager em, Actor actor) {
        List<ActorImage> old = em.createQuery("select i from ActorImage i where i.actor = :actor and i.type = :type",
                ActorImage.class).setParameter("actor", actor).setParameter("type", ActorImage.AVATAR)
                .getResultList();
        old.forEach(em::remove);
        return old.stream().map(ActorImage::fileName).toList();
    }

    private void deleteFiles(List<String> names) {
        for (String name : names) {
            try {
                store.delete(FileStore.AVATARS, name);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not delete the avatar file {}: {}", name, e.getMessage());
            }
        }
    }
}
