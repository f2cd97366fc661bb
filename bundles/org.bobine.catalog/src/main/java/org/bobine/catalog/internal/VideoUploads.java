package org.bobine.catalog.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bobine.api.hook.AcceptResult;
import org.bobine.api.hook.HookNames;
import org.bobine.api.hook.Hooks;
import org.bobine.auth.api.VideoQuota;
import org.bobine.persistence.api.TransactionService;
import org.bobine.storage.api.FileStore;
import org.bobine.storage.api.StoredFile;
import org.bobine.transcoding.api.Transcoding;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiRequest;
import org.bobine.web.api.ApiResponse;
import org.bobine.web.api.ApiRoutes;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Router;
import org.bobine.web.api.UploadedFile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Video uploads, as PeerTube: the legacy {@code POST /videos/upload} (one multipart body: {@code videofile} and the
 * metadata) and the resumable protocol of {@code /videos/upload-resumable} (a {@code POST} with the metadata opens
 * a session, {@code PUT}s carry the chunks, {@code DELETE} cancels).
 *
 * <p>Before the first byte is kept, an upload is checked in PeerTube's order: a user (401), the metadata (400), the
 * channel, which must be the user's (400, PeerTube's answer), the file's extension or type (415), the quota with
 * the declared size (413 {@code quota_reached}), then the first bytes of the content, which must be an MP4, WebM or
 * Ogg file (422, and nothing stays). The file is kept as the video's first web-video file and the video published:
 * there is no transcoding yet, so the upload is what plays.
 *
 * <p>A resumable upload appends each chunk to a partial file of the store's {@value #PARTIAL} area, made durable
 * before the chunk is acknowledged, and its session is a database row: an instance killed during an upload loses
 * nothing it acknowledged, and the client resumes from the partial file's size. Sessions without a chunk for the
 * configured time are removed with their partial files by a periodic cleanup.
 */
@Component(service = ApiRoutes.class, configurationPid = VideoUploads.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = VideoUploads.Config.class)
public class VideoUploads implements ApiRoutes {

    /** The configuration PID, fed by the {@code video_uploads} section of bobine.yaml. */
    public static final String PID = "bobine.video_uploads";

    /** The file store's area of partial files of resumable uploads. */
    static final String PARTIAL = "partial-uploads";
    /** PeerTube's limit of the legacy upload (its nginx template's {@code client_max_body_size}). */
    static final long MAX_LEGACY_BODY = 12L << 30;
    /** Resumable uploads have no limit but the quota (nginx: {@code client_max_body_size 0}); a sanity bound. */
    static final long MAX_RESUMABLE_SIZE = 1L << 50;
    static final String VIDEO_FIELD = "videofile";
    /** The file store's areas of videos' thumbnails and previews. */
    static final String THUMBNAILS = "thumbnails";
    static final String PREVIEWS = "previews";
    /** PeerTube's limit of image uploads, and its thumbnail and preview sizes. */
    static final long MAX_IMAGE = 4L << 20;
    static final int THUMBNAIL_WIDTH = 280;
    static final int THUMBNAIL_HEIGHT = 157;
    static final int PREVIEW_WIDTH = 850;
    static final int PREVIEW_HEIGHT = 480;
    static final String RESUMABLE = "/videos/upload-resumable";

    /** PeerTube forgets a session after about an hour without chunks. */
    static final int DEFAULT_EXPIRATION = 3600;

    /** The {@code video_uploads} section. */
    @ObjectClassDefinition(id = PID, name = "Video uploads", description = "Uploads of video files.")
    public @interface Config {
        @AttributeDefinition(name = "Resumable upload expiration", description = "How long, in seconds, a "
                + "resumable upload waits for its next chunk before it is forgotten and its partial file removed.",
                min = "1")
        int resumableExpiration() default DEFAULT_EXPIRATION;
    }

    private static final Logger LOG = LoggerFactory.getLogger(VideoUploads.class);

    private final Videos videos;
    private final FileStore store;
    private final VideoQuota quota;
    private final VideoProbe probe;
    private final TransactionService transactions;
    private final UploadSessions sessions;
    private final Duration expiration;
    /** Sessions receiving a chunk now, on this node. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService cleaner;

    /** The plugins' hooks; optional, so that the catalog runs without the plugins bundle. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Hooks hooks;

    /** The transcoding bundle, when it runs: uploads then wait for transcoding when it is enabled. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Transcoding transcoding;

    @Activate
    public VideoUploads(@Reference Videos videos, @Reference FileStore store, @Reference VideoQuota quota,
            Config config) {
        this(videos, store, quota, new ContainerProbe(), Duration.ofSeconds(config.resumableExpiration()));
        // Checked a few times per expiration, at most every quarter of an hour (PeerTube: hourly).
        long period = Math.max(1, Math.min(900, config.resumableExpiration() / 4));
        cleaner.scheduleWithFixedDelay(this::cleanQuietly, period, period, TimeUnit.SECONDS);
    }

    VideoUploads(Videos videos, FileStore store, VideoQuota quota, VideoProbe probe, Duration expiration) {
        this.videos = videos;
        this.store = store;
        this.quota = quota;
        this.probe = probe;
        this.transactions = videos.transactions();
        this.sessions = new UploadSessions(transactions);
        this.expiration = expiration;
        this.cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bobine-upload-cleanup");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void deactivate() {
        cleaner.shutdownNow();
    }

    @Override
    public void register(Router router) {
        router.route("POST", "/videos/upload", MAX_LEGACY_BODY, this::legacy);
        router.post(RESUMABLE, this::open);
        router.put(RESUMABLE, this::chunk);
        router.delete(RESUMABLE, this::cancel);
    }

    // The legacy upload.

    Map<String, Object> legacy(ApiRequest request) {
        ApiUser user = request.requireUser();
        Map<String, Object> body = UploadFields.structured(request.multipartFields());
        VideoFields.Metadata metadata = VideoFields.forCreation(body);
        long channelId = channelId(body);
        transactions.read(em -> Videos.ownChannel(em, user.id(), channelId));
        UploadedFile file = request.file(VIDEO_FIELD, MAX_LEGACY_BODY)
                .orElseThrow(() -> ApiException.invalidParam(VIDEO_FIELD, "Should have a file"));
        String extension = VideoFormats.extension(file.fileName(), file.contentType())
                .orElseThrow(() -> new ApiException(415, null, VideoFormats.unsupported()));
        checkQuota(user, file.size());
        checkAccepted(user, body, file.fileName(), file.size());
        Pictures pictures = pictures(request);
        String key = UUID.randomUUID() + extension;
        VideoFormats.Format format;
        try (InputStream in = new BufferedInputStream(file.open())) {
            in.mark(VideoFormats.HEAD);
            format = VideoFormats.detect(in.readNBytes(VideoFormats.HEAD)).orElseThrow(VideoUploads::unreadable);
            in.reset();
            store.put(Videos.WEB_VIDEOS, key, in);
        } catch (IOException e) {
            throw new IllegalStateException("Could not store an uploaded video", e);
        }
        return Map.of("video", publish(user.id(), channelId, metadata, format, Videos.WEB_VIDEOS, key, extension,
                file.size(), pictures));
    }

    /**
     * The thumbnail and preview made from an upload's {@code thumbnailfile} and {@code previewfile}; when only one is
     * sent, both are made from it.
     */
    private record Pictures(Images.Encoded thumbnail, Images.Encoded preview) {
    }

    /** Reads and resizes the images of an upload, before anything is stored; @return null when there are none */
    private static Pictures pictures(ApiRequest request) {
        byte[] thumbnail = image(request, "thumbnailfile");
        byte[] preview = image(request, "previewfile");
        if (thumbnail == null && preview == null) {
            return null;
        }
        String thumbnailField = thumbnail != null ? "thumbnailfile" : "previewfile";
        String previewField = preview != null ? "previewfile" : "thumbnailfile";
        return new Pictures(cover(thumbnail != null ? thumbnail : preview, thumbnailField, THUMBNAIL_WIDTH,
                THUMBNAIL_HEIGHT), cover(preview != null ? preview : thumbnail, previewField, PREVIEW_WIDTH,
                        PREVIEW_HEIGHT));
    }

    /** The bytes of an uploaded picture, at most {@link #MAX_IMAGE} and one more; {@code null} when not sent. */
    static byte[] image(ApiRequest request, String field) {
        Optional<UploadedFile> file = request.file(field, MAX_IMAGE);
        if (file.isEmpty()) {
            return null;
        }
        try (InputStream in = file.get().open()) {
            return in.readNBytes((int) MAX_IMAGE + 1);
        } catch (IOException e) {
            throw ApiException.badRequest("The uploaded file " + field + " could not be read");
        }
    }

    /** A picture of exactly these dimensions; 400 naming the field when the upload is not a usable image. */
    static Images.Encoded cover(byte[] data, String field, int width, int height) {
        try {
            return Images.cover(data, width, height);
        } catch (Images.InvalidImage e) {
            throw ApiException.invalidParam(field, e.getMessage());
        }
    }

    /**
     * Stores the pictures of a new video and names them in its row. A failure leaves the video without them (it is
     * made already) and is logged.
     */
    private void attach(long videoId, Pictures pictures) {
        String thumbnail = UUID.randomUUID() + ".jpg";
        String preview = UUID.randomUUID() + ".jpg";
        try {
            store.put(THUMBNAILS, thumbnail, new ByteArrayInputStream(pictures.thumbnail().bytes()));
            store.put(PREVIEWS, preview, new ByteArrayInputStream(pictures.preview().bytes()));
            transactions.run(em -> em.createNativeQuery("update catalog_video set thumbnail_name = :thumbnail, "
                    + "preview_name = :preview where id = :id").setParameter("thumbnail", thumbnail)
                    .setParameter("preview", preview).setParameter("id", videoId).executeUpdate());
        } catch (IOException | RuntimeException e) {
            LOG.warn("The thumbnail of video {} could not be stored: {}", videoId, e.toString());
            deleteQuietly(THUMBNAILS, thumbnail);
            deleteQuietly(PREVIEWS, preview);
        }
    }

    /**
     * Probes a stored upload, moves it to the web videos if it is elsewhere, and makes the published video; on any
     * failure the file is deleted.
     */
    private Map<String, Object> publish(long userId, long channelId, VideoFields.Metadata metadata,
            VideoFormats.Format format, String area, String key, String extension, long size, Pictures pictures) {
        String webKey = area.equals(Videos.WEB_VIDEOS) ? key : UUID.randomUUID() + extension;
        try {
            VideoProbe.Probed probed;
            try (InputStream in = store.find(area, key).orElseThrow(() -> new IOException("gone: " + key)).open()) {
                probed = probe.probe(format, in);
            } catch (VideoProbe.Unreadable e) {
                LOG.info("An uploaded video could not be read: {}", e.getMessage());
                throw unreadable();
            }
            if (!area.equals(Videos.WEB_VIDEOS)) {
                store.move(area, key, Videos.WEB_VIDEOS, webKey);
            }
            Videos.CreatedVideo created = videos.createLocal(userId, new Videos.NewLocalVideo(channelId, metadata,
                    probed.duration(), probed.aspectRatio(), new Videos.WebVideoFile(probed.resolution(),
                            probed.width() > 0 ? probed.width() : null, probed.height() > 0 ? probed.height() : null,
                            size, probed.fps(), extension, webKey), transcodes()));
            if (pictures != null) {
                attach(created.id(), pictures);
            }
            Hooks current = hooks;
            if (current != null && current.has(HookNames.VIDEO_UPLOADED)) {
                current.action(HookNames.VIDEO_UPLOADED, Map.of("video", Map.of("id", created.id(),
                        "uuid", created.uuid().toString(), "name", metadata.name())));
            }
            return answer(created.id(), created.uuid());
        } catch (IOException | RuntimeException e) {
            deleteQuietly(area, key);
            deleteQuietly(Videos.WEB_VIDEOS, webKey);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("Could not store an uploaded video", e);
        }
    }

    /** Whether uploads wait for transcoding: PeerTube's "to transcode", the original playable meanwhile. */
    private boolean transcodes() {
        Transcoding current = transcoding;
        return current != null && current.enabled();
    }

    private static Map<String, Object> answer(long id, UUID uuid) {
        return Map.of("id", id, "uuid", uuid.toString(), "shortUUID", ShortUuid.encode(uuid));
    }

    // The resumable upload.

    Object open(ApiRequest request) {
        ApiUser user = request.requireUser();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = request.body(Map.class);
        if (!(json.get("filename") instanceof String fileName) || fileName.isBlank() || fileName.length() > 1000) {
            throw ApiException.invalidParam("filename", "Should have a valid filename");
        }
        Map<String, String> fields = UploadFields.flat(json);
        Map<String, Object> body = UploadFields.structured(UploadFields.asLists(fields));
        VideoFields.forCreation(body);
        long channelId = channelId(body);
        transactions.read(em -> Videos.ownChannel(em, user.id(), channelId));
        long size = request.header("X-Upload-Content-Length").map(VideoUploads::size).orElseThrow(() ->
                ApiException.invalidParam("X-Upload-Content-Length", "Should have the size of the file"));
        String extension = VideoFormats.extension(fileName,
                request.header("X-Upload-Content-Type").orElse("")).orElseThrow(() ->
                        new ApiException(415, null, VideoFormats.unsupported()));
        checkQuota(user, size);
        checkAccepted(user, body, fileName, size);

        String id = sessionId(user.id(), fields, size);
        Optional<UploadSessions.Session> existing = sessions.find(id);
        String location = "/api/v1" + RESUMABLE + "?upload_id=" + id;
        if (existing.isPresent() && existing.get().videoId() == null) {
            // The same upload again: the client resumes it.
            return new ApiResponse(200, ApiResponse.JSON, Map.of("Location", location, "Content-Length", "0"),
                    null);
        }
        existing.ifPresent(done -> sessions.delete(done.id()));
        sessions.create(new UploadSessions.Session(id, user.id(), channelId, fileName, extension, size, fields, null),
                Actors.now());
        return new ApiResponse(201, ApiResponse.JSON, Map.of("Location", location, "Content-Length", "0"), null);
    }

    Object chunk(ApiRequest request) {
        ApiUser user = request.requireUser();
        UploadSessions.Session session = session(request, user);
        ContentRange range = ContentRange.parse(request.header("Content-Range").orElse(null))
                .orElseThrow(() -> ApiException.badRequest("Should have a valid Content-Range header"));
        if (range.total() != session.size()) {
            throw new ApiException(409, null, "The range's total (" + range.total()
                    + ") is not the size of the upload (" + session.size() + ")");
        }
        if (session.videoId() != null) {
            // Completed: the last chunk sent again, because its answer was lost, gets the same answer.
            UUID uuid = transactions.read(em -> {
                Video video = em.find(Video.class, session.videoId());
                return video == null ? null : video.uuid();
            });
            if (uuid == null) {
                throw ApiException.notFound("No such upload");
            }
            return Map.of("video", answer(session.videoId(), uuid));
        }
        if (!busy.add(session.id())) {
            throw new ApiException(429, null, "A chunk of this upload is already being received");
        }
        try {
            long offset = partialSize(session);
            if (range.isQuery()) {
                return resume(offset);
            }
            if (range.first() != offset) {
                throw new ApiException(409, null, "This chunk starts at " + range.first() + " but the upload has "
                        + offset + " bytes; ask with Content-Range: bytes */" + session.size());
            }
            long received = append(session, range, request);
            sessions.touch(session.id(), Actors.now());
            if (received < session.size()) {
                return resume(received);
            }
            return complete(user, session);
        } finally {
            busy.remove(session.id());
        }
    }

    /** Appends the chunk to the partial file; checks the first bytes of the first chunk before keeping any. */
    private long append(UploadSessions.Session session, ContentRange range, ApiRequest request) {
        try {
            InputStream body = new Limited(request.bodyStream(), range.length());
            if (range.first() == 0) {
                byte[] head = body.readNBytes((int) Math.min(VideoFormats.HEAD, range.length()));
                if (VideoFormats.detect(head).isEmpty()) {
                    sessions.delete(session.id());
                    deleteQuietly(PARTIAL, session.partialKey());
                    throw unreadable();
                }
                body = new SequenceInputStream(new ByteArrayInputStream(head), body);
            }
            return store.append(PARTIAL, session.partialKey(), body);
        } catch (IOException e) {
            // The client went away during the chunk: what arrived is kept, and asked for with "bytes */total".
            LOG.debug("A chunk of upload {} was cut short: {}", session.id(), e.toString());
            throw new ApiException(400, null, "The chunk could not be read to its end");
        }
    }

    private Object complete(ApiUser user, UploadSessions.Session session) {
        Map<String, Object> body = UploadFields.structured(UploadFields.asLists(session.fields()));
        VideoFields.Metadata metadata = VideoFields.forCreation(body);
        if (!quota.mayAdd(user.id(), session.size())) {
            forget(session);
            throw quotaReached();
        }
        VideoFormats.Format format;
        try (InputStream in = store.find(PARTIAL, session.partialKey())
                .orElseThrow(() -> new IOException("gone")).open()) {
            format = VideoFormats.detect(in.readNBytes(VideoFormats.HEAD)).orElseThrow(VideoUploads::unreadable);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read a partial upload", e);
        }
        Map<String, Object> video;
        try {
            video = publish(user.id(), session.channelId(), metadata, format, PARTIAL, session.partialKey(),
                    session.extension(), session.size(), null);
        } catch (RuntimeException e) {
            sessions.delete(session.id());
            throw e;
        }
        sessions.completed(session.id(), ((Number) video.get("id")).longValue(), Actors.now());
        return Map.of("video", video);
    }

    Object cancel(ApiRequest request) {
        ApiUser user = request.requireUser();
        forget(session(request, user));
        return null;
    }

    private UploadSessions.Session session(ApiRequest request, ApiUser user) {
        String id = request.query("upload_id").orElseThrow(() -> ApiException.badRequest("Should have upload_id"));
        return sessions.find(id).filter(s -> s.userId() == user.id())
                .orElseThrow(() -> ApiException.notFound("No such upload"));
    }

    private long partialSize(UploadSessions.Session session) {
        try {
            return store.find(PARTIAL, session.partialKey()).map(StoredFile::size).orElse(0L);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read a partial upload", e);
        }
    }

    private static ApiResponse resume(long received) {
        ApiResponse response = new ApiResponse(308, ApiResponse.JSON, Map.of("Content-Length", "0"), null);
        return ContentRange.acknowledging(received).map(r -> response.withHeader("Range", r)).orElse(response);
    }

    private void forget(UploadSessions.Session session) {
        sessions.delete(session.id());
        deleteQuietly(PARTIAL, session.partialKey());
    }

    /** The id of a session: the same user sending the same file with the same metadata resumes the same session. */
    static String sessionId(long userId, Map<String, String> fields, long size) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((userId + "\n" + size + "\n" + UploadSessions.encode(fields))
                    .getBytes(StandardCharsets.UTF_8));
            return userId + "-" + HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // The cleanup.

    /** Removes the sessions idle for longer than the expiration, and their partial files. @return how many */
    int clean(Instant now) {
        int removed = 0;
        for (UploadSessions.Session idle : sessions.idleSince(now.minus(expiration))) {
            if (busy.contains(idle.id())) {
                continue;
            }
            deleteQuietly(PARTIAL, idle.partialKey());
            sessions.delete(idle.id());
            removed++;
        }
        return removed;
    }

    private void cleanQuietly() {
        try {
            int removed = clean(Instant.now());
            if (removed > 0) {
                LOG.info("Removed {} resumable upload(s) without news for {}", removed, expiration);
            }
        } catch (RuntimeException e) {
            LOG.warn("The cleanup of resumable uploads failed: {}", e.toString());
        }
    }

    // Checks.

    private static long channelId(Map<String, Object> body) {
        Integer id = VideoFields.integer(body.get("channelId"));
        if (id == null || id < 1) {
            throw ApiException.invalidParam("channelId", "Should have correct video channel id");
        }
        return id;
    }

    private void checkQuota(ApiUser user, long size) {
        if (!quota.mayAdd(user.id(), size)) {
            throw quotaReached();
        }
    }

    /** Asks the plugins' {@code filter:api.video.upload.accept.result}; a refusal is PeerTube's 403. */
    private void checkAccepted(ApiUser user, Map<String, Object> body, String fileName, long size) {
        Hooks current = hooks;
        if (current == null) {
            return;
        }
        AcceptResult result = current.accept(HookNames.VIDEO_UPLOAD_ACCEPT_RESULT, Map.of("videoBody", body,
                "videoFile", Map.of("originalname", String.valueOf(fileName), "size", size),
                "user", Map.of("id", user.id(), "username", user.username(), "role", user.role())));
        if (!result.accepted()) {
            throw new ApiException(403, null, result.errorMessage() != null ? result.errorMessage()
                    : "Refused to upload the video");
        }
    }

    private static ApiException quotaReached() {
        return new ApiException(413, "quota_reached", "The user video quota is exceeded with this video.");
    }

    private static ApiException unreadable() {
        return new ApiException(422, null, "Video file unreadable.");
    }

    private static long size(String header) {
        try {
            long size = Long.parseLong(header.trim());
            if (size >= 0 && size <= MAX_RESUMABLE_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // Below.
        }
        throw ApiException.invalidParam("X-Upload-Content-Length", "Should have the size of the file");
    }

    private void deleteQuietly(String area, String key) {
        try {
            store.delete(area, key);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not delete {}/{}: {}", area, key, e.toString());
        }
    }

    /** At most {@code limit} bytes of a stream, which it does not close. */
    private static final class Limited extends InputStream {
        private final InputStream in;
        private long left;

        Limited(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
