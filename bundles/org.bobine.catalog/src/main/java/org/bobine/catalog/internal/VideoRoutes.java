package org.bobine.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;

import org.bobine.api.hook.HookNames;
import org.bobine.api.hook.Hooks;
import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;
import org.bobine.web.api.Router;
import org.bobine.web.api.UserRight;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Videos: the constants ({@code /videos/categories}, {@code licences}, {@code languages}, {@code privacies},
 * {@code /video-playlists/privacies}), the lists ({@code /videos}, {@code /accounts/{name}/videos},
 * {@code /video-channels/{handle}/videos}, {@code /users/me/videos}), and {@code GET/PUT/DELETE /videos/{id}}
 * where the id is a number, a UUID or a short UUID.
 */
@Component(service = ApiRoutes.class)
public class VideoRoutes implements ApiRoutes {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Map<String, String> CATEGORIES = VideoConstants.asJson(VideoConstants.CATEGORIES);
    private static final Map<String, String> LICENCES = VideoConstants.asJson(VideoConstants.LICENCES);
    private static final Map<String, String> LANGUAGES = VideoConstants.asJson(VideoConstants.LANGUAGES);
    private static final Map<String, String> PRIVACIES = VideoConstants.asJson(VideoConstants.PRIVACIES);
    private static final Map<String, String> PLAYLIST_PRIVACIES =
            VideoConstants.asJson(VideoConstants.PLAYLIST_PRIVACIES);

    /** A video named by the path: by its number, or by its UUID (a short UUID is decoded). */
    record VideoRef(Long id, UUID uuid) {
    }

    private final Videos videos;
    private final Actors actors;
    private final TransactionService transactions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TrendingSettings trending;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile InstanceNsfwPolicy instanceNsfwPolicy;

    /** The plugins' hooks; optional, so that the catalog runs without the plugins bundle. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Hooks hooks;

    @Activate
    public VideoRoutes(@Reference Videos videos) {
        this.videos = videos;
        this.actors = videos.actors();
        this.transactions = videos.transactions();
    }

    @Override
    public void register(Router router) {
        router.get("/videos/categories", r -> CATEGORIES);
        router.get("/videos/licences", r -> LICENCES);
        router.get("/videos/languages", r -> LANGUAGES);
        router.get("/videos/privacies", r -> PRIVACIES);
        router.get("/video-playlists/privacies", r -> PLAYLIST_PRIVACIES);
        router.get("/videos", this::list);
        router.get("/videos/{id}", this::get);
        router.put("/videos/{id}", this::update);
        router.delete("/videos/{id}", this::remove);
        router.get("/accounts/{name}/videos", this::accountVideos);
        router.get("/video-channels/{handle}/videos", this::channelVideos);
        router.get("/users/me/videos", this::myVideos);
    }

    private String defaultNsfwPolicy() {
        InstanceNsfwPolicy current = instanceNsfwPolicy;
        return current == null ? ApiUser.NSFW_DO_NOT_LIST : current.policy();
    }

    Page<Map<String, Object>> list(ApiRequest request) {
        String nsfwPolicy = defaultNsfwPolicy();
        VideoList list = VideoList.of(request, VideoList.Scope.ALL, nsfwPolicy).trendingDays(trendingDays());
        Supplier<Page<Map<String, Object>>> build = () -> transactions.read(em -> list.page(em, null,
                videos.baseUrl(), actors.localHost()));
        Optional<String> query = request.queryString();
        // Anonymous callers all see the same public pages: a page is built once for a moment, not per request.
        Page<Map<String, Object>> page = request.user().isEmpty() && query.isPresent()
                ? videos.responses().list(nsfwPolicy + "?" + query.get(),
                        () -> new VideoResponseCache.Built<>(build.get(), -1, true))
                : build.get();
        return filterList(hooks, page, request);
    }

    /** Runs {@code filter:api.videos.list.result} on a page, as PeerTube's {@code {total, data}}. */
    static Page<Map<String, Object>> filterList(Hooks hooks, Page<Map<String, Object>> page, ApiRequest request) {
        return CatalogHooks.filterPage(hooks, HookNames.VIDEOS_LIST_RESULT, page, request);
    }

    Page<Map<String, Object>> accountVideos(ApiRequest request) {
        VideoList list = VideoList.of(request, VideoList.Scope.ACCOUNT, defaultNsfwPolicy())
                .trendingDays(trendingDays());
        return CatalogHooks.filterPage(hooks, HookNames.ACCOUNT_VIDEOS_LIST_RESULT, transactions.read(em -> {
            Account account = actors.findAccount(em, request.pathParam("name"))
                    .orElseThrow(() -> ApiException.notFound("Account not found"));
            return list.page(em, account.id(), videos.baseUrl(), actors.localHost());
        }), request);
    }

    Page<Map<String, Object>> channelVideos(ApiRequest request) {
        VideoList list = VideoList.of(request, VideoList.Scope.CHANNEL, defaultNsfwPolicy())
                .trendingDays(trendingDays());
        return CatalogHooks.filterPage(hooks, HookNames.CHANNEL_VIDEOS_LIST_RESULT, transactions.read(em -> {
            VideoChannel channel = actors.findChannel(em, request.pathParam("handle"))
                    .orElseThrow(() -> ApiException.notFound("Video channel not found"));
            return list.page(em, channel.id(), videos.baseUrl(), actors.localHost());
        }), request);
    }

    Page<Map<String, Object>> myVideos(ApiRequest request) {
        ApiUser user = request.requireUser();
        VideoList list = VideoList.of(request, VideoList.Scope.MINE, defaultNsfwPolicy())
                .trendingDays(trendingDays());
        return CatalogHooks.filterPage(hooks, HookNames.MY_VIDEOS_LIST_RESULT,
                transactions.read(em -> list.page(em, user.id(), videos.baseUrl(), actors.localHost())), request);
    }

    Map<String, Object> get(ApiRequest request) {
        VideoRef ref = ref(request.pathParam("id"));
        Optional<ApiUser> user = request.user();
        // The detail of a public, published video is the same for every caller: it is shared for a moment.
        Map<String, Object> details = videos.responses().detail(request.pathParam("id"), () -> transactions.read(
                em -> {
                    Video video = find(em, ref);
                    checkCanSee(em, video, ref, request);
                    Videos.loadImages(em, List.of(video));
                    List<String> tags = new ArrayList<>(video.tags());
                    tags.sort(null);
                    Map<String, Object> json = VideoJson.details(video, tags, Videos.filesOf(em,
                            List.of(video.id())), videos.baseUrl(), actors.localHost());
                    return new VideoResponseCache.Built<>(json, video.id(),
                            video.privacy() == VideoConstants.PUBLIC && video.state() == VideoConstants.PUBLISHED);
                }));
        Hooks current = hooks;
        return current == null ? details
                : current.filter(HookNames.VIDEO_GET_RESULT, details, Map.of("id", request.pathParam("id")));
    }

    Object update(ApiRequest request) {
        ApiUser user = request.requireUser();
        VideoRef ref = ref(request.pathParam("id"));
        VideoFields.Update change = VideoFields.forUpdate(ChannelFields.read(request));
        Map<String, Object> updated = transactions.call(em -> {
            Video video = find(em, ref);
            requireLocalManageable(video, user);
            if (change.channelId() != null && !change.channelId().equals(video.channel().id())) {
                Long owner = video.channel().account().userId();
                video.moveToChannel(Videos.ownChannel(em, owner == null ? -1 : owner, change.channelId()),
                        Actors.now());
            }
            boolean wasProtected = video.privacy() == VideoConstants.PASSWORD_PROTECTED;
            video.update(change, Actors.now());
            updatePasswords(em, video, change, wasProtected);
            return CommentRoutes.hookVideo(video);
        });
        videos.responses().forget(((Number) updated.get("id")).longValue());
        announce(HookNames.VIDEO_UPDATED, updated);
        return null;
    }

    /**
     * The passwords after an update: replaced when the update gives them, required when the video becomes password
     * protected without any, removed when it stops being protected (as PeerTube).
     */
    private static void updatePasswords(EntityManager em, Video video, VideoFields.Update change,
            boolean wasProtected) {
        if (video.privacy() != VideoConstants.PASSWORD_PROTECTED) {
            if (wasProtected) {
                VideoPassword.replace(em, video, List.of());
            }
        } else if (change.has("videoPasswords")) {
            VideoPassword.replace(em, video, change.metadata().passwords());
        } else if (!wasProtected && !VideoPassword.any(em, video)) {
            throw ApiException.invalidParam("videoPasswords", VideoFields.PASSWORDS_MISSING);
        }
    }

    Object remove(ApiRequest request) {
        ApiUser user = request.requireUser();
        VideoRef ref = ref(request.pathParam("id"));
        Map<String, Object> removed = new LinkedHashMap<>();
        List<String> keys = transactions.call(em -> {
            Video video = find(em, ref);
            requireManageable(video, user, UserRight.REMOVE_ANY_VIDEO);
            removed.putAll(CommentRoutes.hookVideo(video));
            return Videos.remove(em, video);
        });
        videos.responses().forget(((Number) removed.get("id")).longValue());
        videos.deleteStoredFiles(keys);
        announce(HookNames.VIDEO_DELETED, removed);
        return null;
    }

    /** Queues the plugins' action hook on a video, told as {@code {video: {id, uuid, name}}}, after its commit. */
    private void announce(String hook, Map<String, Object> video) {
        CatalogHooks.announce(hooks, hook, Map.of("video", video));
    }

    private int trendingDays() {
        TrendingSettings settings = trending;
        return settings == null ? TrendingSettings.DEFAULT_INTERVAL_DAYS : settings.intervalDays();
    }

    /** @throws ApiException 400 when the text cannot name a video */
    static VideoRef ref(String text) {
        if (!text.isEmpty() && text.length() <= 18 && text.chars().allMatch(Character::isDigit)) {
            return new VideoRef(Long.parseLong(text), null);
        }
        if (UUID_TEXT.matcher(text).matches()) {
            return new VideoRef(null, UUID.fromString(text));
        }
        UUID uuid = ShortUuid.decode(text);
        if (uuid == null) {
            throw ApiException.invalidParam("id", "Should have a valid video id");
        }
        return new VideoRef(null, uuid);
    }

    /** The video with its channel, account, their actors and its tags, in one query. */
    static Video find(EntityManager em, VideoRef ref) {
        String where = ref.id() != null ? "v.id = :key" : "v.uuid = :key";
        return em.createQuery("select v from Video v join fetch v.channel c join fetch c.actor "
                + "join fetch c.account a join fetch a.actor left join fetch v.tags where " + where, Video.class)
                .setParameter("key", ref.id() != null ? ref.id() : ref.uuid()).getResultStream().findFirst()
                .orElseThrow(() -> ApiException.notFound("Video not found"));
    }

    /**
     * Whether the caller may see a video, as PeerTube decides: private videos for their owner and holders of
     * {@code SEE_ALL_VIDEOS}, internal ones for any user, unlisted ones by UUID, password-protected ones for their
     * owner, holders of {@code SEE_ALL_VIDEOS} and whoever gives one of their passwords.
     *
     * @param request where the user and the {@code x-peertube-video-password} header come from
     * @throws ApiException 401 or 403 as PeerTube, with {@code video_requires_password} or
     *         {@code incorrect_video_password} for protected videos
     */
    static void checkCanSee(EntityManager em, Video video, VideoRef ref, ApiRequest request) {
        ApiUser user = request.user().orElse(null);
        if (video.privacy() == VideoConstants.PASSWORD_PROTECTED
                && (user == null || !isOwner(video, user) && !UserRight.SEE_ALL_VIDEOS.grantedTo(user.role()))) {
            Optional<String> given = request.header(VideoPassword.HEADER);
            if (given.isEmpty()) {
                throw new ApiException(403, "video_requires_password",
                        "Please provide a password to access this password protected video");
            }
            if (!VideoPassword.matches(em, video.id(), given.get())) {
                throw new ApiException(403, "incorrect_video_password",
                        "Incorrect video password. Access to the video is denied.");
            }
            return;
        }
        checkCanSee(video, ref, user);
    }

    /**
     * {@link #checkCanSee(EntityManager, Video, VideoRef, ApiRequest)} without a password: private videos for their
     * owner and holders of {@link UserRight#SEE_ALL_VIDEOS}; internal ones for any user; unlisted ones for anyone who
     * has their UUID (by number, as private ones); password-protected ones for their owner and holders of
     * {@code SEE_ALL_VIDEOS}.
     */
    static void checkCanSee(Video video, VideoRef ref, ApiUser user) {
        int privacy = video.privacy();
        boolean authRequired = privacy == VideoConstants.PRIVATE || privacy == VideoConstants.INTERNAL
                || (privacy == VideoConstants.UNLISTED && ref.id() != null);
        if (authRequired) {
            if (user == null) {
                throw new ApiException(401, null, "Cannot fetch information of private/internal/blocked video");
            }
            if (privacy != VideoConstants.INTERNAL && !isOwner(video, user)
                    && !UserRight.SEE_ALL_VIDEOS.grantedTo(user.role())) {
                throw ApiException.forbidden("Cannot fetch information of private/internal/blocked video");
            }
        } else if (privacy == VideoConstants.PASSWORD_PROTECTED
                && (user == null || !isOwner(video, user) && !UserRight.SEE_ALL_VIDEOS.grantedTo(user.role()))) {
            throw new ApiException(403, "video_requires_password",
                    "Please provide a password to access this password protected video");
        }
    }

    static boolean isOwner(Video video, ApiUser user) {
        return Objects.equals(video.channel().account().userId(), user.id());
    }

    /** PeerTube's {@code checkUserCanManageVideo} with {@code UPDATE_ANY_VIDEO}: local videos only. */
    static void requireLocalManageable(Video video, ApiUser user) {
        requireManageable(video, user, UserRight.UPDATE_ANY_VIDEO);
        if (!video.isLocal()) {
            throw ApiException.forbidden("Cannot manage a video of another server.");
        }
    }

    private static void requireManageable(Video video, ApiUser user, UserRight right) {
        if (!isOwner(video, user) && !right.grantedTo(user.role())) {
            throw ApiException.forbidden(right == UserRight.REMOVE_ANY_VIDEO ? "Cannot remove video of another user"
                    : "Cannot manage a video of another user.");
        }
    }
}
