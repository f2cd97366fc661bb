package org.bobine.catalog.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import org.bobine.api.hook.HookNames;
import org.bobine.api.hook.Hooks;
import org.bobine.catalog.internal.PlaylistFields.ElementUpdate;
import org.bobine.catalog.internal.PlaylistFields.NewElement;
import org.bobine.catalog.internal.PlaylistFields.NewPlaylist;
import org.bobine.catalog.internal.PlaylistFields.PlaylistUpdate;
import org.bobine.catalog.internal.PlaylistFields.Reorder;
import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;
import org.bobine.web.api.Pagination;
import org.bobine.web.api.Router;
import org.bobine.web.api.UserRight;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Video playlists, as PeerTube serves them: {@code GET/POST /video-playlists}, {@code GET/PUT/DELETE
 * /video-playlists/{id}} (a number, a UUID or a short UUID), their elements ({@code /video-playlists/{id}/videos},
 * {@code …/videos/reorder}, {@code …/videos/{elementId}}), the lists of an account and of a channel, and
 * {@code /users/me/video-playlists/videos-exist}.
 *
 * <p>Who sees what: public playlists for everyone; unlisted ones for whoever names them by UUID; private ones for
 * their owner and holders of {@link UserRight#UPDATE_ANY_VIDEO_PLAYLIST}. Owners change their playlists and their
 * elements, as do holders of {@code UPDATE_ANY_VIDEO_PLAYLIST}; owners and holders of
 * {@link UserRight#REMOVE_ANY_VIDEO_PLAYLIST} remove them. Every change of elements locks the playlist's row first,
 * so that concurrent additions, removals and reorders keep positions 1..n.
 */
@Component(service = ApiRoutes.class)
public class PlaylistRoutes implements ApiRoutes {

    /** PeerTube's sortable columns of playlist lists, and the expression each sorts by. */
    static final Map<String, String> SORTS = Map.of("name", "p.displayName", "displayName", "p.displayName",
            "createdAt", "p.createdAt", "updatedAt", "p.updatedAt");

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final String WITH_OWNERS = "select p from VideoPlaylist p join fetch p.ownerAccount a "
            + "join fetch a.actor left join fetch p.channel c left join fetch c.actor";

    /** A playlist named by the path: by its number, or by its UUID (a short UUID is decoded). */
    record PlaylistRef(Long id, UUID uuid) {
    }

    private final Videos videos;
    private final Actors actors;
    private final TransactionService transactions;

    /** The plugins' hooks; optional, so that the catalog runs without the plugins bundle. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Hooks hooks;

    /** The multipart field of a playlist's thumbnail, as PeerTube names it. */
    static final String THUMBNAIL_FIELD = "thumbnailfile";

    @Activate
    public PlaylistRoutes(@Reference Videos videos) {
        this.videos = videos;
        this.actors = videos.actors();
        this.transactions = videos.transactions();
    }

    @Override
    public void register(Router router) {
        router.get("/video-playlists", this::list);
        router.post("/video-playlists", this::create);
        router.get("/video-playlists/{id}", this::get);
        router.put("/video-playlists/{id}", this::update);
        router.delete("/video-playlists/{id}", this::remove);
        router.get("/video-playlists/{id}/videos", this::elements);
        router.post("/video-playlists/{id}/videos", this::addElement);
        router.post("/video-playlists/{id}/videos/reorder", this::reorder);
        router.put("/video-playlists/{id}/videos/{elementId}", this::updateElement);
        router.delete("/video-playlists/{id}/videos/{elementId}", this::removeElement);
        router.get("/accounts/{name}/video-playlists", this::accountPlaylists);
        router.get("/video-channels/{handle}/video-playlists", this::channelPlaylists);
        router.get("/users/me/video-playlists/videos-exist", this::videosExist);
    }

    // Lists

    Page<Map<String, Object>> list(ApiRequest request) {
        Filter filter = new Filter(request).and("p.privacy = :privacy", "privacy", VideoConstants.PUBLIC);
        return transactions.read(em -> filter.page(em));
    }

    Page<Map<String, Object>> accountPlaylists(ApiRequest request) {
        Optional<ApiUser> user = request.user();
        Filter filter = new Filter(request);
        request.query("search").filter(s -> !s.isBlank()).ifPresent(search -> filter.and(
                "lower(p.displayName) like :search escape '\\'", "search",
                "%" + likeEscaped(search.toLowerCase(Locale.ROOT)) + "%"));
        return transactions.read(em -> {
            Account account = actors.findAccount(em, request.pathParam("name"))
                    .orElseThrow(() -> ApiException.notFound("Account not found"));
            filter.and("p.ownerAccount.id = :account", "account", account.id());
            // Owners see their private and unlisted playlists, as in PeerTube.
            if (user.isEmpty() || !Objects.equals(account.userId(), user.get().id())) {
                filter.and("p.privacy = :privacy", "privacy", VideoConstants.PUBLIC);
            }
            return filter.page(em);
        });
    }

    Page<Map<String, Object>> channelPlaylists(ApiRequest request) {
        Filter filter = new Filter(request).and("p.privacy = :privacy", "privacy", VideoConstants.PUBLIC);
        return transactions.read(em -> {
            VideoChannel channel = actors.findChannel(em, request.pathParam("handle"))
                    .orElseThrow(() -> ApiException.notFound("Video channel not found"));
            return filter.and("p.channel.id = :channel", "channel", channel.id()).page(em);
        });
    }

    /** A playlist list request: pagination, sort, {@code playlistType}, and the conditions of the route. */
    private final class Filter {
        private final Pagination page;
        private final StringBuilder where = new StringBuilder(" where 1 = 1");
        private final Map<String, Object> params = new HashMap<>();

        Filter(ApiRequest request) {
            page = request.pagination(SORTS.keySet(), "-createdAt");
            request.queryInt("playlistType", VideoPlaylist.REGULAR, VideoPlaylist.WATCH_LATER)
                    .ifPresent(type -> and("p.type = :type", "type", type));
        }

        Filter and(String condition, String name, Object value) {
            where.append(" and ").append(condition);
            params.put(name, value);
            return this;
        }

        Page<Map<String, Object>> page(EntityManager em) {
            TypedQuery<VideoPlaylist> query = em.createQuery(WITH_OWNERS + where + " order by "
                    + SORTS.get(page.sortColumn()) + (page.descending() ? " desc" : " asc") + ", p.id",
                    VideoPlaylist.class);
            TypedQuery<Long> count = em.createQuery("select count(p) from VideoPlaylist p" + where, Long.class);
            params.forEach((name, value) -> {
                query.setParameter(name, value);
                count.setParameter(name, value);
            });
            List<VideoPlaylist> playlists = query.setFirstResult(page.start()).setMaxResults(page.count())
                    .getResultList();
            Map<Long, Long> lengths = lengths(em, playlists.stream().map(VideoPlaylist::id).toList());
            loadImages(em, playlists);
            String host = actors.localHost();
            Map<Long, String> thumbnails = firstVideoThumbnails(em, playlists);
            List<Map<String, Object>> data = playlists.stream().map(p -> PlaylistJson.playlist(p,
                    lengths.getOrDefault(p.id(), 0L), thumbnails.get(p.id()), host)).toList();
            long total = playlists.size() < page.count() && (page.start() == 0 || !playlists.isEmpty())
                    ? page.start() + playlists.size() : count.getSingleResult();
            return Page.of(total, data);
        }
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * The thumbnail of the first video that anyone may see (public or unlisted, with a thumbnail) of each playlist
     * that has no thumbnail of its own, in one query.
     */
    private static Map<Long, String> firstVideoThumbnails(EntityManager em, List<VideoPlaylist> playlists) {
        List<Long> ids = playlists.stream().filter(p -> p.thumbnailName() == null).map(VideoPlaylist::id).toList();
        Map<Long, String> thumbnails = new HashMap<>();
        if (!ids.isEmpty()) {
            String shown = " is not null and %s.privacy in (" + VideoConstants.PUBLIC + ", " + VideoConstants.UNLISTED
                    + ")";
            for (Object[] row : em.createQuery("select e.playlist.id, v.thumbnailName from VideoPlaylistElement e "
                    + "join e.video v where e.playlist.id in :ids and v.thumbnailName" + shown.formatted("v")
                    + " and e.position = (select min(f.position) from VideoPlaylistElement f join f.video w "
                    + "where f.playlist = e.playlist and w.thumbnailName" + shown.formatted("w") + ")",
                    Object[].class).setParameter("ids", ids).getResultList()) {
                thumbnails.put((Long) row[0], (String) row[1]);
            }
        }
        return thumbnails;
    }

    /**
     * Stores the {@code thumbnailfile} of a request, if it has one, as a 280×157 JPEG.
     *
     * @return its name in the {@code thumbnails} area, or {@code null} when the request has none
     * @throws ApiException 400 naming {@code thumbnailfile} when it is not a usable picture
     */
    private String storeThumbnail(ApiRequest request) {
        if (!request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT)
                .startsWith("multipart/form-data")) {
            return null;
        }
        byte[] data = VideoUploads.image(request, THUMBNAIL_FIELD);
        if (data == null) {
            return null;
        }
        Images.Encoded thumbnail = VideoUploads.cover(data, THUMBNAIL_FIELD, VideoUploads.THUMBNAIL_WIDTH,
                VideoUploads.THUMBNAIL_HEIGHT);
        String name = UUID.randomUUID() + ".jpg";
        try {
            videos.store().put(VideoUploads.THUMBNAILS, name, new ByteArrayInputStream(thumbnail.bytes()));
        } catch (IOException e) {
            throw new IllegalStateException("Could not store a playlist's thumbnail", e);
        }
        return name;
    }

    /** Deletes a thumbnail that a failed change stored but the database does not name. */
    private void deleteQuietly(String name) {
        if (name != null) {
            try {
                videos.store().delete(VideoUploads.THUMBNAILS, name);
            } catch (IOException | RuntimeException e) {
                // An unnamed file costs a little space; the change's own failure is what the caller reports.
            }
        }
    }

    /** The number of elements of each playlist, in one query. */
    private static Map<Long, Long> lengths(EntityManager em, List<Long> ids) {
        Map<Long, Long> lengths = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Object[] row : em.createQuery("select e.playlist.id, count(e) from VideoPlaylistElement e "
                    + "where e.playlist.id in :ids group by e.playlist.id", Object[].class)
                    .setParameter("ids", ids).getResultList()) {
                lengths.put((Long) row[0], (Long) row[1]);
            }
        }
        return lengths;
    }

    private static void loadImages(EntityManager em, List<VideoPlaylist> playlists) {
        List<Actor> owners = new ArrayList<>();
        for (VideoPlaylist playlist : playlists) {
            owners.add(playlist.ownerAccount().actor());
            if (playlist.channel() != null) {
                owners.add(playlist.channel().actor());
            }
        }
        Actors.loadImages(em, owners);
    }

    // One playlist

    Map<String, Object> create(ApiRequest request) {
        ApiUser user = request.requireUser();
        NewPlaylist wanted = PlaylistFields.forCreation(PlaylistFields.read(request));
        String thumbnail = storeThumbnail(request);
        VideoPlaylist created;
        try {
            created = transactions.call(em -> {
                Account owner = Actors.accountOfUser(em, user.id())
                        .orElseThrow(() -> ApiException.badRequest("This user has no account"));
                VideoChannel channel = wanted.channelId() == null ? null : channelOf(em, owner, wanted.channelId());
                VideoPlaylist playlist = Playlists.createLocal(em, videos.baseUrl(), owner, channel,
                        wanted.displayName(), wanted.description(), wanted.privacy(), VideoPlaylist.REGULAR);
                playlist.replaceThumbnail(thumbnail, Actors.now());
                return playlist;
            });
        } catch (RuntimeException e) {
            deleteQuietly(thumbnail);
            throw e;
        }
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("id", created.id());
        ids.put("uuid", created.uuid().toString());
        ids.put("shortUUID", ShortUuid.encode(created.uuid()));
        return Map.of("videoPlaylist", ids);
    }

    Map<String, Object> get(ApiRequest request) {
        PlaylistRef ref = ref(request.pathParam("id"));
        Optional<ApiUser> user = request.user();
        String host = actors.localHost();
        return transactions.read(em -> {
            VideoPlaylist playlist = find(em, ref);
            checkCanSee(playlist, ref, user.orElse(null));
            loadImages(em, List.of(playlist));
            return PlaylistJson.playlist(playlist, lengths(em, List.of(playlist.id())).getOrDefault(playlist.id(), 0L),
                    firstVideoThumbnails(em, List.of(playlist)).get(playlist.id()), host);
        });
    }

    Object update(ApiRequest request) {
        ApiUser user = request.requireUser();
        PlaylistRef ref = ref(request.pathParam("id"));
        PlaylistUpdate change = PlaylistFields.forUpdate(PlaylistFields.read(request));
        // Rights before the picture is stored, as PeerTube's validators answer.
        transactions.read(em -> {
            requireManageable(find(em, ref), user, UserRight.UPDATE_ANY_VIDEO_PLAYLIST);
            return null;
        });
        String thumbnail = storeThumbnail(request);
        try {
            update(ref, user, change, thumbnail);
        } catch (RuntimeException e) {
            deleteQuietly(thumbnail);
            throw e;
        }
        return null;
    }

    private void update(PlaylistRef ref, ApiUser user, PlaylistUpdate change, String thumbnail) {
        transactions.run(em -> {
            VideoPlaylist playlist = find(em, ref);
            requireManageable(playlist, user, UserRight.UPDATE_ANY_VIDEO_PLAYLIST);
            if (playlist.type() == VideoPlaylist.WATCH_LATER && change.displayName() != null) {
                throw ApiException.badRequest("Cannot update a watch later playlist.");
            }
            VideoChannel channel = playlist.channel();
            if (change.channelGiven()) {
                channel = change.channelId() == null ? null
                        : channelOf(em, playlist.ownerAccount(), change.channelId());
            }
            int privacy = change.privacy() == null ? playlist.privacy() : change.privacy();
            PlaylistFields.requireChannelUnlessPrivate(privacy, channel == null ? null : channel.id());
            playlist.update(change.displayName() == null ? playlist.displayName() : change.displayName(),
                    change.descriptionGiven() ? change.description() : playlist.description(), privacy, channel,
                    Actors.now());
            if (thumbnail != null) {
                String replaced = playlist.replaceThumbnail(thumbnail, Actors.now());
                if (replaced != null) {
                    StoredFileSweeper.schedule(em, VideoUploads.THUMBNAILS, List.of(replaced));
                }
            }
        });
    }

    Object remove(ApiRequest request) {
        ApiUser user = request.requireUser();
        PlaylistRef ref = ref(request.pathParam("id"));
        transactions.run(em -> {
            VideoPlaylist playlist = find(em, ref);
            if (!isOwner(playlist, user) && !UserRight.REMOVE_ANY_VIDEO_PLAYLIST.grantedTo(user.role())) {
                throw ApiException.forbidden("Cannot remove video playlist of another user");
            }
            if (playlist.type() == VideoPlaylist.WATCH_LATER) {
                throw ApiException.badRequest("Cannot delete a watch later playlist.");
            }
            em.createQuery("delete from VideoPlaylistElement e where e.playlist.id = :playlist")
                    .setParameter("playlist", playlist.id()).executeUpdate();
            if (playlist.thumbnailName() != null) {
                StoredFileSweeper.schedule(em, VideoUploads.THUMBNAILS, List.of(playlist.thumbnailName()));
            }
            em.remove(playlist);
        });
        return null;
    }

    // Elements

    Page<Map<String, Object>> elements(ApiRequest request) {
        PlaylistRef ref = ref(request.pathParam("id"));
        Optional<ApiUser> user = request.user();
        Pagination page = request.pagination(Set.of("position"), "position");
        String host = actors.localHost();
        return CatalogHooks.filterPage(hooks, HookNames.PLAYLIST_VIDEOS_LIST_RESULT, transactions.read(em -> {
            VideoPlaylist playlist = find(em, ref);
            checkCanSee(playlist, ref, user.orElse(null));
            List<VideoPlaylistElement> elements = em.createQuery("select e from VideoPlaylistElement e "
                    + "left join fetch e.video v left join fetch v.channel c left join fetch c.actor "
                    + "left join fetch c.account a left join fetch a.actor where e.playlist.id = :playlist "
                    + "order by e.position", VideoPlaylistElement.class).setParameter("playlist", playlist.id())
                    .setFirstResult(page.start()).setMaxResults(page.count()).getResultList();
            long total = em.createQuery("select count(e) from VideoPlaylistElement e where e.playlist.id = :playlist",
                    Long.class).setParameter("playlist", playlist.id()).getSingleResult();
            Long viewer = user.isEmpty() ? null
                    : Actors.accountOfUser(em, user.get().id()).map(Account::id).orElse(null);
            int[] types = new int[elements.size()];
            List<Video> shown = new ArrayList<>();
            for (int i = 0; i < elements.size(); i++) {
                types[i] = PlaylistJson.elementType(elements.get(i).video(), viewer);
                if (types[i] == PlaylistJson.ELEMENT_REGULAR) {
                    shown.add(elements.get(i).video());
                }
            }
            Videos.loadImages(em, shown);
            List<Map<String, Object>> data = new ArrayList<>(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                VideoPlaylistElement element = elements.get(i);
                data.add(PlaylistJson.element(element, types[i], types[i] == PlaylistJson.ELEMENT_REGULAR
                        ? VideoJson.video(element.video(), videos.baseUrl(), host, VideoJson.Extras.NONE, List.of())
                        : null));
            }
            return Page.of(total, data);
        }), request);
    }

    Map<String, Object> addElement(ApiRequest request) {
        ApiUser user = request.requireUser();
        PlaylistRef ref = ref(request.pathParam("id"));
        NewElement wanted = PlaylistFields.forNewElement(PlaylistFields.read(request));
        VideoRoutes.VideoRef videoRef;
        try {
            videoRef = VideoRoutes.ref(wanted.videoId());
        } catch (ApiException e) {
            throw ApiException.invalidParam("videoId", "Should have a valid video id");
        }
        Map<String, Object> told = new LinkedHashMap<>();
        long id = transactions.call(em -> {
            VideoPlaylist playlist = lockManageable(em, ref, user);
            Video video = VideoRoutes.find(em, videoRef);
            if ((video.privacy() == VideoConstants.PRIVATE || video.privacy() == VideoConstants.PASSWORD_PROTECTED)
                    && !VideoRoutes.isOwner(video, user) && !UserRight.SEE_ALL_VIDEOS.grantedTo(user.role())) {
                throw ApiException.forbidden("Cannot add a private video of another user to a playlist");
            }
            int position = em.createQuery("select coalesce(max(e.position), 0) from VideoPlaylistElement e "
                    + "where e.playlist.id = :playlist", Integer.class).setParameter("playlist", playlist.id())
                    .getSingleResult() + 1;
            VideoPlaylistElement element = new VideoPlaylistElement(playlist, video, position,
                    wanted.startTimestamp(), wanted.stopTimestamp(), Actors.now());
            em.persist(element);
            playlist.touch(Actors.now());
            em.flush();
            Map<String, Object> playlistElement = new LinkedHashMap<>();
            playlistElement.put("id", element.id());
            playlistElement.put("position", position);
            playlistElement.put("startTimestamp", wanted.startTimestamp());
            playlistElement.put("stopTimestamp", wanted.stopTimestamp());
            told.put("playlistElement", playlistElement);
            told.put("video", CommentRoutes.hookVideo(video));
            return element.id();
        });
        CatalogHooks.announce(hooks, HookNames.VIDEO_PLAYLIST_ELEMENT_CREATED, told);
        return Map.of("videoPlaylistElement", Map.of("id", id));
    }

    Object reorder(ApiRequest request) {
        ApiUser user = request.requireUser();
        PlaylistRef ref = ref(request.pathParam("id"));
        Reorder wanted = PlaylistFields.forReorder(PlaylistFields.read(request));
        transactions.run(em -> {
            VideoPlaylist playlist = lockManageable(em, ref, user);
            long size = em.createQuery("select count(e) from VideoPlaylistElement e where e.playlist.id = :playlist",
                    Long.class).setParameter("playlist", playlist.id()).getSingleResult();
            PlaylistPositions.check(wanted.startPosition(), wanted.insertAfterPosition(), wanted.reorderLength(),
                    (int) size);
            PlaylistPositions.Move move = PlaylistPositions.reorder(wanted.startPosition(),
                    wanted.insertAfterPosition(), wanted.reorderLength());
            if (move != null) {
                PlaylistPositions.apply(em, playlist.id(), move);
                playlist.touch(Actors.now());
            }
        });
        return null;
    }

    Object updateElement(ApiRequest request) {
        ApiUser user = request.requireUser();
        PlaylistRef ref = ref(request.pathParam("id"));
        long elementId = elementId(request);
        ElementUpdate change = PlaylistFields.forElementUpdate(PlaylistFields.read(request));
        transactions.run(em -> {
            VideoPlaylist playlist = lockManageable(em, ref, user);
            VideoPlaylistElement element = element(em, playlist, elementId);
            element.updateTimestamps(change.startGiven() ? change.startTimestamp() : element.startTimestamp(),
                    change.stopGiven() ? change.stopTimestamp() : element.stopTimestamp(), Actors.now());
            playlist.touch(Actors.now());
        });
        return null;
    }

    Object removeElement(ApiRequest request) {
        ApiUser user = request.requireUser();
        PlaylistRef ref = ref(request.pathParam("id"));
        long elementId = elementId(request);
        transactions.run(em -> {
            VideoPlaylist playlist = lockManageable(em, ref, user);
            VideoPlaylistElement element = element(em, playlist, elementId);
            int position = element.position();
            em.remove(element);
            em.flush();
            PlaylistPositions.closeGap(em, playlist.id(), position);
            playlist.touch(Actors.now());
        });
        return null;
    }

    /**
     * For each video asked about, the elements of the user's playlists that hold it:
     * {@code {"<videoId>": [{playlistElementId, playlistId, startTimestamp, stopTimestamp}]}}.
     */
    Map<String, Object> videosExist(ApiRequest request) {
        ApiUser user = request.requireUser();
        List<Long> ids = new ArrayList<>();
        for (String text : request.queryAll("videoIds")) {
            Long id = PlaylistFields.integer(text);
            if (id == null) {
                throw ApiException.invalidParam("videoIds", "Should have a valid video ids array");
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            throw ApiException.invalidParam("videoIds", "Should have a valid video ids array");
        }
        Map<String, Object> exist = new LinkedHashMap<>();
        ids.forEach(id -> exist.put(String.valueOf(id), new ArrayList<Map<String, Object>>()));
        List<Object[]> rows = transactions.read(em -> em.createQuery("select e.video.id, e.id, e.playlist.id, "
                + "e.startTimestamp, e.stopTimestamp from VideoPlaylistElement e where e.video.id in :videos "
                + "and e.playlist.ownerAccount.userId = :user order by e.playlist.id, e.position", Object[].class)
                .setParameter("videos", ids).setParameter("user", user.id()).getResultList());
        for (Object[] row : rows) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("playlistElementId", row[1]);
            summary.put("playlistId", row[2]);
            summary.put("startTimestamp", row[3]);
            summary.put("stopTimestamp", row[4]);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) exist.get(String.valueOf(row[0]));
            list.add(summary);
        }
        return exist;
    }

    // Helpers

    /** @throws ApiException 400 when the text cannot name a playlist */
    static PlaylistRef ref(String text) {
        if (!text.isEmpty() && text.length() <= 18 && text.chars().allMatch(Character::isDigit)) {
            return new PlaylistRef(Long.parseLong(text), null);
        }
        if (UUID_TEXT.matcher(text).matches()) {
            return new PlaylistRef(null, UUID.fromString(text));
        }
        UUID uuid = ShortUuid.decode(text);
        if (uuid == null) {
            throw ApiException.invalidParam("playlistId", "Should have a valid playlist id");
        }
        return new PlaylistRef(null, uuid);
    }

    private static long elementId(ApiRequest request) {
        Long id = PlaylistFields.integer(request.pathParam("elementId"));
        if (id == null) {
            throw ApiException.invalidParam("playlistElementId", "Should have a valid playlist element id");
        }
        return id;
    }

    /** The playlist with its owner account, channel and their actors. */
    static VideoPlaylist find(EntityManager em, PlaylistRef ref) {
        String where = ref.id() != null ? " where p.id = :key" : " where p.uuid = :key";
        return em.createQuery(WITH_OWNERS + where, VideoPlaylist.class)
                .setParameter("key", ref.id() != null ? ref.id() : ref.uuid()).getResultStream().findFirst()
                .orElseThrow(PlaylistRoutes::notFound);
    }

    private static ApiException notFound() {
        return ApiException.notFound("Video playlist not found");
    }

    /**
     * PeerTube's rules: unlisted playlists for whoever names them by UUID (by number they do not exist); private
     * ones for their owner and holders of {@link UserRight#UPDATE_ANY_VIDEO_PLAYLIST}.
     */
    static void checkCanSee(VideoPlaylist playlist, PlaylistRef ref, ApiUser user) {
        if (playlist.privacy() == VideoConstants.UNLISTED && ref.uuid() == null) {
            throw notFound();
        }
        if (playlist.privacy() == VideoConstants.PRIVATE) {
            if (user == null) {
                throw new ApiException(401, null, "Cannot get this private video playlist.");
            }
            if (!isOwner(playlist, user) && !UserRight.UPDATE_ANY_VIDEO_PLAYLIST.grantedTo(user.role())) {
                throw ApiException.forbidden("Cannot get this private video playlist.");
            }
        }
    }

    static boolean isOwner(VideoPlaylist playlist, ApiUser user) {
        return Objects.equals(playlist.ownerAccount().userId(), user.id());
    }

    private static void requireManageable(VideoPlaylist playlist, ApiUser user, UserRight right) {
        if (!isOwner(playlist, user) && !right.grantedTo(user.role())) {
            throw ApiException.forbidden("Cannot manage video playlist of another user");
        }
        if (!playlist.isLocal()) {
            throw ApiException.forbidden("Cannot update a playlist that is not owned.");
        }
    }

    /**
     * The playlist, locked for the rest of the transaction so that changes of its elements queue one behind the
     * other, if the user may change it.
     */
    private static VideoPlaylist lockManageable(EntityManager em, PlaylistRef ref, ApiUser user) {
        VideoPlaylist playlist = find(em, ref);
        em.lock(playlist, LockModeType.PESSIMISTIC_WRITE);
        requireManageable(playlist, user, UserRight.UPDATE_ANY_VIDEO_PLAYLIST);
        return playlist;
    }

    private static VideoPlaylistElement element(EntityManager em, VideoPlaylist playlist, long elementId) {
        return em.createQuery("select e from VideoPlaylistElement e where e.id = :id and e.playlist.id = :playlist",
                VideoPlaylistElement.class).setParameter("id", elementId).setParameter("playlist", playlist.id())
                .getResultStream().findFirst()
                .orElseThrow(() -> ApiException.notFound("Video playlist element not found"));
    }

    /** A channel of the playlist's owner, given by number. */
    private static VideoChannel channelOf(EntityManager em, Account owner, long channelId) {
        VideoChannel channel = em.find(VideoChannel.class, channelId);
        if (channel == null) {
            throw ApiException.notFound("Video channel not found");
        }
        if (!Objects.equals(channel.account().id(), owner.id())) {
            throw ApiException.forbidden("Cannot use a video channel of another user");
        }
        return channel;
    }
}
