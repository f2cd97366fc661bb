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
 * Avatars of accounts and channels, and banners of channels, as PeerTube: {@code POST /users/me/avatar/pick} and
 * {@code POST /video-channels/{handle}/avatar/pick} (multipart field {@code avatarfile}, at most 4 MB) answer
 * {@code {avatars: [...]}}; {@code POST /video-channels/{handle}/banner/pick} (field {@code bannerfile}) answers
 * {@code {banners: [...]}}; {@code DELETE /users/me/avatar}, {@code DELETE /video-channels/{handle}/avatar} and
 * {@code DELETE /video-channels/{handle}/banner} answer 204. A channel's images are changed by its owner or a holder
 * of {@code MANAGE_ANY_VIDEO_CHANNEL}. Also the {@code avatar} and {@code banner} sections of {@code /api/v1/config}.
 *
 * <p>New files are written before the database changes and the replaced ones deleted after it commits, so that
 * every image the database names exists; a failure in between leaves unreferenced files, never missing ones.
 */
@Component(service = {ApiRoutes.class, ServerConfigContributor.class})
public class ActorImageRoutes implements ApiRoutes, ServerConfigContributor {

    private static final Logger LOG = LoggerFactory.getLogger(ActorImageRoutes.class);

    /** PeerTube's limit for image uploads. */
    static final long MAX_SIZE = 4L << 20;
    /** PeerTube's avatar sizes, largest first. */
    static final int[] WIDTHS = {1500, 600, 120, 48};
    /** PeerTube's banner sizes (about 6:1), largest first: {width, height}. */
    static final int[][] BANNER_SIZES = {{1920, 317}, {600, 100}};

    /** What differs between avatars and banners. */
    private record Kind(int type, String field, String area, String answer) {
    }

    static final Kind AVATAR = new Kind(ActorImage.AVATAR, "avatarfile", FileStore.AVATARS, "avatars");
    static final Kind BANNER = new Kind(ActorImage.BANNER, "bannerfile", ActorImage.BANNERS_AREA, "banners");

    private final Actors actors;
    private final TransactionService transactions;
    private final FileStore store;
    private final Map<String, Object> section = Map.of("avatar", Map.of("file",
            Map.of("size", Map.of("max", MAX_SIZE), "extensions", Images.EXTENSIONS)), "banner", Map.of("file",
            Map.of("size", Map.of("max", MAX_SIZE), "extensions", Images.EXTENSIONS)));

    @Activate
    public ActorImageRoutes(@Reference Actors actors, @Reference FileStore store) {
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
        router.post("/video-channels/{handle}/banner/pick", this::pickChannelBanner);
        router.delete("/video-channels/{handle}/banner", this::removeChannelBanner);
    }

    @Override
    public Map<String, Object> serverConfig(ApiRequest request) {
        return section;
    }

    Map<String, Object> pickMine(ApiRequest request) {
        ApiUser user = request.requireUser();
        return pick(request, AVATAR, em -> Actors.accountOfUser(em, user.id())
                .orElseThrow(() -> ApiException.badRequest("This user has no account")).actor());
    }

    Object removeMine(ApiRequest request) {
        ApiUser user = request.requireUser();
        remove(AVATAR, em -> Actors.accountOfUser(em, user.id())
                .orElseThrow(() -> ApiException.badRequest("This user has no account")).actor());
        return null;
    }

    Map<String, Object> pickChannel(ApiRequest request) {
        ApiUser user = request.requireUser();
        return pick(request, AVATAR, em -> manageableChannel(em, request, user));
    }

    Object removeChannel(ApiRequest request) {
        ApiUser user = request.requireUser();
        remove(AVATAR, em -> manageableChannel(em, request, user));
        return null;
    }

    Map<String, Object> pickChannelBanner(ApiRequest request) {
        ApiUser user = request.requireUser();
        return pick(request, BANNER, em -> manageableChannel(em, request, user));
    }

    Object removeChannelBanner(ApiRequest request) {
        ApiUser user = request.requireUser();
        remove(BANNER, em -> manageableChannel(em, request, user));
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

    private Map<String, Object> pick(ApiRequest request, Kind kind, ActorLookup lookup) {
        // Rights before the file, as PeerTube's validators answer.
        transactions.read(lookup::find);
        UploadedFile file = request.file(kind.field(), MAX_SIZE).orElseThrow(() -> ApiException.invalidParam(
                kind.field(),
                "This file is not supported or too large. Please, make sure it is of the following type: "
                        + String.join(", ", Images.EXTENSIONS)));
        byte[] data;
        try (InputStream in = file.open()) {
            data = in.readNBytes((int) MAX_SIZE + 1);
        } catch (IOException e) {
            throw ApiException.badRequest("The uploaded file could not be read");
        }
        List<Images.Encoded> sizes = new ArrayList<>();
        try {
            if (kind == AVATAR) {
                sizes.addAll(Images.squares(data, WIDTHS));
            } else {
                for (int[] size : BANNER_SIZES) {
                    sizes.add(Images.cover(data, size[0], size[1]));
                }
            }
        } catch (Images.InvalidImage e) {
            throw ApiException.invalidParam(kind.field(), e.getMessage());
        }
        List<String> written = new ArrayList<>();
        try {
            for (Images.Encoded size : sizes) {
                String name = UUID.randomUUID() + "." + size.extension();
                store.put(kind.area(), name, new ByteArrayInputStream(size.bytes()));
                written.add(name);
            }
        } catch (IOException e) {
            deleteFiles(kind, written);
            throw new IllegalStateException("Could not store an image", e);
        }
        List<String> replaced = new ArrayList<>();
        Map<String, Object> answer;
        try {
            answer = transactions.call(em -> {
                Actor actor = lookup.find(em);
                replaced.addAll(deleteRows(em, actor, kind.type()));
                var now = Actors.now();
                List<ActorImage> images = new ArrayList<>();
                for (int i = 0; i < sizes.size(); i++) {
                    ActorImage image = new ActorImage(actor, kind.type(), written.get(i), sizes.get(i).width(),
                            sizes.get(i).height(), now);
                    em.persist(image);
                    images.add(image);
                }
                return Map.of(kind.answer(), CatalogJson.images(actor, images));
            });
        } catch (RuntimeException e) {
            deleteFiles(kind, written);
            throw e;
        }
        deleteFiles(kind, replaced);
        return answer;
    }

    private void remove(Kind kind, ActorLookup lookup) {
        List<String> removed = transactions.call(em -> deleteRows(em, lookup.find(em), kind.type()));
        deleteFiles(kind, removed);
    }

    /** Deletes the image rows of one type of an actor, in the caller's transaction; @return their file names */
    static List<String> deleteRows(EntityManager em, Actor actor, int type) {
        List<ActorImage> old = em.createQuery("select i from ActorImage i where i.actor = :actor and i.type = :type",
                ActorImage.class).setParameter("actor", actor).setParameter("type", type)
                .getResultList();
        old.forEach(em::remove);
        return old.stream().map(ActorImage::fileName).toList();
    }

    private void deleteFiles(Kind kind, List<String> names) {
        for (String name : names) {
            try {
                store.delete(kind.area(), name);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not delete the image file {} of {}: {}", name, kind.area(), e.getMessage());
            }
        }
    }
}
