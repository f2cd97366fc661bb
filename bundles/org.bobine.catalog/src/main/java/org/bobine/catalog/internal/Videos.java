package org.bobine.catalog.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;

import org.bobine.auth.api.VideoSpaceUsage;
import org.bobine.persistence.api.TransactionService;
import org.bobine.storage.api.FileStore;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.InstanceAddress;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The videos of the catalog, for the code that makes them (uploads, later imports and federation): creates a
 * local video with its first web-video file, adds files, and moves videos between states. Also reports the space
 * each user's videos take, for the quota ({@link VideoSpaceUsage}: the largest file of each video).
 */
@Component(service = {Videos.class, VideoSpaceUsage.class})
public class Videos implements VideoSpaceUsage {

    /** The file store's area of web-video files. */
    static final String WEB_VIDEOS = "web-videos";

    /** Extensions as stored: a dot and a few lower-case letters or digits. */
    private static final Pattern EXTENSION = Pattern.compile("\\.[a-z0-9]{1,10}");

    /**
     * A web-video file, as probed and stored by its maker.
     *
     * @param resolution the height of the picture for landscape videos (PeerTube's resolution), 0 for audio only
     * @param width in pixels, or {@code null} when unknown
     * @param height in pixels, or {@code null} when unknown
     * @param size in bytes
     * @param fps frames per second, rounded
     * @param extension such as {@code .mp4} (the dot may be left out)
     * @param storageKey where the file is in the file store
     */
    record WebVideoFile(int resolution, Integer width, Integer height, long size, int fps, String extension,
            String storageKey) {

        WebVideoFile {
            if (resolution < 0 || size < 0 || fps < 0) {
                throw new IllegalArgumentException("negative resolution, size or fps");
            }
            String normal = extension.startsWith(".") ? extension : "." + extension;
            normal = normal.toLowerCase(Locale.ROOT);
            if (!EXTENSION.matcher(normal).matches()) {
                throw new IllegalArgumentException("not a file extension: " + extension);
            }
            extension = normal;
        }
    }

    /**
     * A new local video.
     *
     * @param channelId the channel it is published in; it must be one of the uploader's
     * @param metadata valid metadata ({@link VideoFields#forCreation})
     * @param duration in seconds
     * @param aspectRatio width over height, or {@code null} when unknown
     * @param file its first web-video file (the original upload)
     * @param toTranscode whether transcoding follows: the video starts in the state "to transcode" rather than
     *        "published"
     */
    record NewLocalVideo(long channelId, VideoFields.Metadata metadata, int duration, Double aspectRatio,
            WebVideoFile file, boolean toTranscode) {
    }

    /**
     * A video just created: what PeerTube's upload answers ({@code {video: {id, shortUUID, uuid}}}), and the public
     * name of its first file.
     */
    record CreatedVideo(long id, UUID uuid, String shortUuid, String filename) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Videos.class);

    private final TransactionService transactions;
    private final Actors actors;
    private final InstanceAddress address;
    private final FileStore store;
    private final VideoResponseCache responses = new VideoResponseCache();

    @Activate
    public Videos(@Reference Actors actors, @Reference InstanceAddress address, @Reference FileStore store) {
        this.actors = actors;
        this.address = address;
        this.store = store;
        this.transactions = actors.transactions();
    }

    /** @return this instance's base URL, which the URLs of local videos and files start with */
    /** The shared answers of the hottest requests; every change to a video made here forgets it. */
    VideoResponseCache responses() {
        return responses;
    }

    String baseUrl() {
        return address.baseUrl();
    }

    /** @return the file store of videos' files and pictures */
    FileStore store() {
        return store;
    }

    TransactionService transactions() {
        return transactions;
    }

    Actors actors() {
        return actors;
    }

    /**
     * Creates a local video in its own transaction.
     *
     * @param uploaderId the local user who uploads it
     * @throws ApiException 400 naming {@code channelId} when the channel is not one of the uploader's
     */
    CreatedVideo createLocal(long uploaderId, NewLocalVideo video) {
        return transactions.call(em -> createLocal(em, uploaderId, video));
    }

    /** Creates a local video in the caller's transaction (for example one that also checked the quota). */
    CreatedVideo createLocal(EntityManager em, long uploaderId, NewLocalVideo video) {
        VideoChannel channel = ownChannel(em, uploaderId, video.channelId());
        Instant now = Actors.now();
        UUID uuid = UUID.randomUUID();
        int state = video.toTranscode() ? VideoConstants.TO_TRANSCODE : VideoConstants.PUBLISHED;
        Video created = new Video(uuid, channel, address.baseUrl() + "/videos/watch/" + uuid, video.metadata(),
                state, video.duration(), video.aspectRatio(), now);
        em.persist(created);
        if (video.metadata().privacy() == VideoConstants.PASSWORD_PROTECTED) {
            VideoPassword.replace(em, created, video.metadata().passwords());
        }
        String filename = addFile(em, created, video.file(), now);
        return new CreatedVideo(created.id(), uuid, ShortUuid.encode(uuid), filename);
    }

    /**
     * Adds a web-video file to a local video (a transcoded resolution).
     *
     * @return the public name of the file
     * @throws ApiException 404 when there is no such video
     */
    String addWebVideoFile(long videoId, WebVideoFile file) {
        String name = transactions.call(em -> addFile(em, video(em, videoId), file, Actors.now()));
        responses.forget(videoId);
        return name;
    }

    /** The video is ready: it shows in lists. */
    void markPublished(long videoId) {
        moveTo(videoId, VideoConstants.PUBLISHED);
    }

    /** The video waits for transcoding; with {@code waitTranscoding} it stays out of lists until published. */
    void markToTranscode(long videoId) {
        moveTo(videoId, VideoConstants.TO_TRANSCODE);
    }

    /**
     * Moves a video to one of PeerTube's states ({@link VideoConstants#STATES}).
     *
     * @throws ApiException 404 when there is no such video
     */
    void moveTo(long videoId, int state) {
        if (!VideoConstants.STATES.containsKey(state)) {
            throw new IllegalArgumentException("unknown video state " + state);
        }
        transactions.run(em -> video(em, videoId).moveTo(state, Actors.now()));
        responses.forget(videoId);
    }

    /**
     * Removes a video and its files from the database in the caller's transaction.
     *
     * @return the storage keys of its local files, to delete with {@link #deleteStoredFiles} once committed
     */
    static List<String> remove(EntityManager em, Video video) {
        List<String> keys = em.createQuery("select f.storageKey from VideoFile f where f.video.id = :id "
                + "and f.storageKey is not null and f.playlist is null", String.class).setParameter("id", video.id())
                .getResultList();
        CatalogTranscodingSources.scheduleTranscodedFilesOf(em, video.id());
        em.createQuery("delete from VideoFile f where f.video.id = :id").setParameter("id", video.id())
                .executeUpdate();
        em.createQuery("delete from VideoStreamingPlaylist p where p.videoId = :id").setParameter("id", video.id())
                .executeUpdate();
        VideoCaption.scheduleFilesOf(em, video);
        CatalogTorrentFiles.scheduleTorrentsOf(em, video);
        em.remove(video);
        return keys;
    }

    /** Deletes files of the web-videos area; a file that cannot be deleted is logged and left behind. */
    void deleteStoredFiles(List<String> keys) {
        for (String key : keys) {
            try {
                store.delete(WEB_VIDEOS, key);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("Could not delete the video file {} of the file store: {}", key, e.toString());
            }
        }
    }

    @Override
    public long bytesUsed(long userId, Instant since) {
        return transactions.read(em -> {
            var query = em.createNativeQuery("select coalesce(sum(largest), 0) from (select max(f.size) largest "
                    + "from catalog_video_file f join catalog_video v on v.id = f.video_id "
                    + "join catalog_video_channel c on c.id = v.channel_id "
                    + "join catalog_account a on a.id = c.account_id where a.user_id = :user and f.url is null"
                    + (since == null ? "" : " and v.created_at >= :since") + " group by v.id) t", Long.class)
                    .setParameter("user", userId);
            if (since != null) {
                query.setParameter("since", since);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    private static Video video(EntityManager em, long videoId) {
        Video video = em.find(Video.class, videoId);
        if (video == null) {
            throw ApiException.notFound("Video not found");
        }
        return video;
    }

    private static String addFile(EntityManager em, Video video, WebVideoFile file, Instant now) {
        String filename = UUID.randomUUID() + "-" + file.resolution() + file.extension();
        em.persist(new VideoFile(video, file, filename, now));
        video.addFileSize(file.size());
        return filename;
    }

    /** A local channel of the user's account, with its actors loaded. */
    static VideoChannel ownChannel(EntityManager em, long userId, long channelId) {
        Optional<VideoChannel> channel = em.createQuery("select c from VideoChannel c join fetch c.actor "
                + "join fetch c.account a join fetch a.actor where c.id = :id and a.userId = :user",
                VideoChannel.class).setParameter("id", channelId).setParameter("user", userId).getResultStream()
                .findFirst();
        return channel.orElseThrow(() -> ApiException.invalidParam("channelId",
                "Unknown video channel for this account"));
    }

    /**
     * Loads the images (avatars) of the channels' and accounts' actors of some videos in one query, so that their
     * JSON does not load them one actor at a time.
     */
    static void loadImages(EntityManager em, List<Video> videos) {
        Actors.loadChannelImages(em, videos.stream().map(Video::channel).toList());
    }

    /** The files of some videos, one query. */
    static List<VideoFile> filesOf(EntityManager em, List<Long> videoIds) {
        if (videoIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select f from VideoFile f left join fetch f.playlist where f.video.id in :ids",
                VideoFile.class).setParameter("ids", videoIds).getResultList();
    }
}
