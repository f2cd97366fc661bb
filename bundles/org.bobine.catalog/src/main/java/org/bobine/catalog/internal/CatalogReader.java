package org.bobine.catalog.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.bobine.catalog.api.AccountInfo;
import org.bobine.catalog.api.ActorSummary;
import org.bobine.catalog.api.ChannelInfo;
import org.bobine.catalog.api.Comment;
import org.bobine.catalog.api.VideoCatalog;
import org.bobine.catalog.api.VideoDetails;
import org.bobine.catalog.api.VideoFileLink;
import org.bobine.catalog.api.VideoPage;
import org.bobine.catalog.api.VideoQuery;
import org.bobine.catalog.api.VideoSummary;
import org.bobine.persistence.api.TransactionService;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The catalog's exported read API ({@link VideoCatalog}), for the instance's pages: the same visibility rules,
 * sorts and file links as the REST API ({@link VideoList}, {@link VideoRoutes}, {@link VideoJson}), turned into
 * immutable records instead of JSON maps.
 */
@Component(service = VideoCatalog.class)
public class CatalogReader implements VideoCatalog {

    private static final String FROM = " from Video v join fetch v.channel c join fetch c.actor ca "
            + "join fetch c.account a join fetch a.actor aa";
    private static final String COUNT_FROM = " from Video v join v.channel c join c.account a";

    /** What distinguishes this API's shared answers from the REST API's in the catalog's response cache. */
    private static final String PAGES = "pages:";

    private final Videos videos;
    private final Actors actors;
    private final TransactionService transactions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TrendingSettings trending;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile InstanceNsfwPolicy instanceNsfwPolicy;

    @Activate
    public CatalogReader(@Reference Videos videos) {
        this.videos = videos;
        this.actors = videos.actors();
        this.transactions = videos.transactions();
    }

    @Override
    public VideoPage videos(VideoQuery query, Optional<ApiUser> viewer) {
        if (viewer.isPresent()) {
            return transactions.read(em -> page(em, query, viewer, null, null));
        }
        // Every visitor sees the same pages: built once for a moment and shared, as the REST API's list is.
        String key = PAGES + defaultNsfwPolicy() + ":" + query.sort() + ":" + query.localOnly() + ":"
                + query.start() + ":" + query.count();
        return videos.responses().list(key, () -> new VideoResponseCache.Built<>(
                transactions.read(em -> page(em, query, viewer, null, null)), -1, true));
    }

    @Override
    public Optional<VideoPage> channelVideos(String handle, VideoQuery query, Optional<ApiUser> viewer) {
        return transactions.read(em -> actors.findChannel(em, handle)
                .map(channel -> page(em, query, viewer, "c.id = :scope", channel.id())));
    }

    @Override
    public Optional<VideoPage> accountVideos(String name, VideoQuery query, Optional<ApiUser> viewer) {
        return transactions.read(em -> actors.findAccount(em, name)
                .map(account -> page(em, query, viewer, "a.id = :scope", account.id())));
    }

    private VideoPage page(EntityManager em, VideoQuery query, Optional<ApiUser> viewer, String scope, Long scopeId) {
        StringBuilder where = new StringBuilder(" where v.privacy in :privacies and (v.state = "
                + VideoConstants.PUBLISHED + " or (v.state = " + VideoConstants.TO_TRANSCODE
                + " and v.waitTranscoding = false))");
        Map<String, Object> params = new HashMap<>();
        // Internal videos are listed for every logged-in user, as in the REST API.
        params.put("privacies", viewer.isPresent() ? List.of(VideoConstants.PUBLIC, VideoConstants.INTERNAL)
                : List.of(VideoConstants.PUBLIC));
        if (query.localOnly()) {
            where.append(" and v.local = true");
        }
        // As the REST API without an nsfw parameter: the viewer's policy, or the instance's for visitors.
        if (viewer.map(ApiUser::nsfwPolicy).orElseGet(this::defaultNsfwPolicy).equals(ApiUser.NSFW_DO_NOT_LIST)) {
            where.append(" and v.nsfw = false");
        }
        if (scope != null) {
            where.append(" and ").append(scope);
            params.put("scope", scopeId);
        }
        String sort = switch (query.sort()) {
            case RECENT -> "publishedAt";
            case TRENDING -> "trending";
            case HOT -> "hot";
            case MOST_VIEWED -> "views";
            case MOST_LIKED -> "likes";
        };
        TypedQuery<Video> select = em.createQuery("select v" + FROM + where + " order by "
                + VideoList.SORTS.get(sort) + " desc, v.id asc", Video.class);
        params.forEach(select::setParameter);
        if (query.sort() == VideoQuery.Sort.TRENDING) {
            TrendingSettings settings = trending;
            int days = settings == null ? TrendingSettings.DEFAULT_INTERVAL_DAYS : settings.intervalDays();
            select.setParameter("trendingAfter", LocalDate.now(ZoneOffset.UTC).minusDays(days));
        }
        List<Video> found = select.setFirstResult(query.start()).setMaxResults(query.count()).getResultList();
        Videos.loadImages(em, found);
        long total;
        if (found.size() < query.count() && (query.start() == 0 || !found.isEmpty())) {
            total = query.start() + found.size();
        } else {
            TypedQuery<Long> count = em.createQuery("select count(v)" + COUNT_FROM + where, Long.class);
            params.forEach(count::setParameter);
            total = count.getSingleResult();
        }
        return new VideoPage(total, found.stream().map(this::summary).toList());
    }

    @Override
    public Optional<VideoDetails> video(String id, Optional<ApiUser> viewer) {
        VideoRoutes.VideoRef ref;
        try {
            ref = VideoRoutes.ref(id);
        } catch (ApiException e) {
            return Optional.empty();
        }
        if (viewer.isEmpty()) {
            // The details of a public, published video are the same for every visitor: shared for a moment, and
            // forgotten with the REST API's answers when the video changes.
            return videos.responses().detail(PAGES + id, () -> {
                Optional<VideoDetails> details = details(ref, viewer);
                boolean shareable = details.isPresent() && details.get().privacy() == VideoConstants.PUBLIC
                        && details.get().published();
                return new VideoResponseCache.Built<>(details, details.map(d -> d.summary().id()).orElse(-1L),
                        shareable);
            });
        }
        return details(ref, viewer);
    }

    private Optional<VideoDetails> details(VideoRoutes.VideoRef ref, Optional<ApiUser> viewer) {
        return transactions.read(em -> {
            Video video;
            try {
                video = VideoRoutes.find(em, ref);
                VideoRoutes.checkCanSee(video, ref, viewer.orElse(null));
            } catch (ApiException e) {
                return Optional.empty();
            }
            Videos.loadImages(em, List.of(video));
            List<String> tags = new ArrayList<>(video.tags());
            tags.sort(null);
            List<VideoFile> stored = Videos.filesOf(em, List.of(video.id()));
            List<Map<String, Object>> playlists = VideoJson.streamingPlaylists(video, stored, videos.baseUrl());
            String hlsPlaylistUrl = playlists.isEmpty() ? null : (String) playlists.get(0).get("playlistUrl");
            List<Map<String, Object>> fileDocuments = VideoJson.files(video, stored, videos.baseUrl());
            if (fileDocuments.isEmpty() && !playlists.isEmpty()) {
                // Without web videos, the HLS renditions are the files to download (fragmented MP4s).
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> renditions = (List<Map<String, Object>>) playlists.get(0).get("files");
                fileDocuments = renditions;
            }
            List<VideoFileLink> files = new ArrayList<>();
            for (Map<String, Object> f : fileDocuments) {
                @SuppressWarnings("unchecked")
                Map<String, Object> resolution = (Map<String, Object>) f.get("resolution");
                files.add(new VideoFileLink((Integer) resolution.get("id"), (String) resolution.get("label"),
                        ((Number) f.get("size")).longValue(), (String) f.get("fileUrl"),
                        (String) f.get("fileDownloadUrl"), (String) f.get("torrentUrl"),
                        (String) f.get("torrentDownloadUrl"), (String) f.get("magnetUri")));
            }
            String support = video.support() != null ? video.support() : video.channel().support();
            return Optional.of(new VideoDetails(summary(video), video.url(), video.description(),
                    video.description() == null ? "" : CommentMarkdown.toHtml(video.description()), support, tags,
                    video.category() == null ? null : VideoConstants.CATEGORIES.get(video.category()),
                    video.licence() == null ? null : VideoConstants.LICENCES.get(video.licence()),
                    video.language() == null ? null : VideoConstants.LANGUAGES.get(video.language()),
                    video.language(), video.privacy(), video.downloadEnabled(),
                    video.commentsPolicy() != VideoConstants.COMMENTS_DISABLED, hlsPlaylistUrl, files,
                    video.state() == VideoConstants.PUBLISHED));
        });
    }

    @Override
    public List<Comment> comments(long videoId, int start, int count) {
        if (start < 0 || count < 1 || count > VideoQuery.MAX_COUNT) {
            throw new IllegalArgumentException("start must be 0 or more and count 1 to " + VideoQuery.MAX_COUNT);
        }
        // The same for every reader (comments held for review are left out): shared for a moment, so a new
        // comment shows within the cache's two seconds; changes to the video forget it at once.
        return videos.responses().detail(PAGES + "comments:" + videoId + ":" + start + ":" + count,
                () -> new VideoResponseCache.Built<>(readComments(videoId, start, count), videoId, true));
    }

    private List<Comment> readComments(long videoId, int start, int count) {
        return transactions.read(em -> {
            Video video = em.find(Video.class, videoId);
            if (video == null || video.commentsPolicy() == VideoConstants.COMMENTS_DISABLED) {
                return List.of();
            }
            String replies = "(select count(r) from VideoComment r where r.originCommentId = c.id "
                    + "and r.deletedAt is null and r.heldForReview = false)";
            List<Object[]> rows = em.createQuery("select c, " + replies + " from VideoComment c "
                    + "left join fetch c.account a left join fetch a.actor where c.video.id = :video "
                    + "and c.originCommentId is null and c.heldForReview = false "
                    + "and (c.deletedAt is null or " + replies + " > 0) order by c.createdAt desc, c.id desc",
                    Object[].class).setParameter("video", videoId).setFirstResult(start).setMaxResults(count)
                    .getResultList();
            List<Actor> authors = rows.stream().map(row -> ((VideoComment) row[0]))
                    .filter(c -> !c.isDeleted() && c.account() != null).map(c -> c.account().actor()).toList();
            Actors.loadImages(em, authors);
            List<Comment> comments = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                VideoComment comment = (VideoComment) row[0];
                boolean deleted = comment.isDeleted() || comment.account() == null;
                comments.add(new Comment(comment.id(), deleted ? null
                        : actor(comment.account().actor(), comment.account().displayName()),
                        deleted ? "" : CommentMarkdown.toHtml(comment.text()), comment.createdAt(),
                        ((Number) row[1]).longValue()));
            }
            return comments;
        });
    }

    @Override
    public Optional<ChannelInfo> channel(String handle) {
        return transactions.read(em -> actors.findChannel(em, handle).map(channel -> {
            Actors.loadChannelImages(em, List.of(channel));
            return new ChannelInfo(actor(channel.actor(), channel.displayName()), channel.description(),
                    channel.support(), actor(channel.account().actor(), channel.account().displayName()),
                    channel.createdAt());
        }));
    }

    @Override
    public Optional<AccountInfo> account(String name) {
        return transactions.read(em -> actors.findAccount(em, name).map(account -> {
            Actors.loadImages(em, List.of(account.actor()));
            return new AccountInfo(actor(account.actor(), account.displayName()), account.description(),
                    account.createdAt());
        }));
    }

    private String defaultNsfwPolicy() {
        InstanceNsfwPolicy current = instanceNsfwPolicy;
        return current == null ? ApiUser.NSFW_DO_NOT_LIST : current.policy();
    }

    private VideoSummary summary(Video video) {
        VideoChannel channel = video.channel();
        return new VideoSummary(video.id(), video.uuid().toString(), ShortUuid.encode(video.uuid()), video.name(),
                video.duration(), video.views(), video.likes(), video.dislikes(), video.publishedAt(),
                video.thumbnailName() == null ? null : "/lazy-static/thumbnails/" + video.thumbnailName(),
                video.previewName() == null ? null : "/lazy-static/previews/" + video.previewName(),
                video.isLocal(), video.nsfw(), actor(channel.actor(), channel.displayName()),
                actor(channel.account().actor(), channel.account().displayName()));
    }

    private ActorSummary actor(Actor actor, String displayName) {
        List<ActorImage> avatars = actor.images(ActorImage.AVATAR);
        // The largest avatar: pages scale it down, and an avatar is at most a few kilobytes.
        String avatar = avatars.stream().max(java.util.Comparator.comparingInt(ActorImage::width))
                .map(ActorImage::path).orElse(null);
        return new ActorSummary(actor.name(), actor.isLocal() ? actors.localHost() : actor.host(), displayName,
                avatar, actor.isLocal());
    }
}
