package org.bobine.catalog.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.bobine.persistence.api.TransactionService;
import org.bobine.transcoding.api.TranscodingSources;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The catalog's videos for the transcoding bundle: local videos in the state "to transcode" are handed to one job
 * each ({@code catalog_video.transcoding_job_id}, set by compare-and-set), and a job's result replaces the video's
 * files in one transaction: the new web videos and HLS playlist are recorded, the files they replace (the original
 * upload among them) are deleted once it commits, and the video is published. Files a job writes are staged first
 * (kept {@value #STAGED_HOURS} hours, then deleted unless a result took them), so that a job that dies leaves
 * nothing behind.
 */
@Component(service = {TranscodingSources.class, CatalogTranscodingSources.class})
public class CatalogTranscodingSources implements TranscodingSources {

    /** How long files written by a job are kept without a recorded result (PeerTube's transcoding job TTL). */
    static final long STAGED_HOURS = 48;

    /** The p2p-media-loader peer protocol version in PeerTube's swarm ids. */
    static final String P2P_MEDIA_LOADER_PEER_VERSION = "2";

    private final TransactionService transactions;
    private final Videos videos;
    private final StoredFileSweeper sweeper;

    @Activate
    public CatalogTranscodingSources(@Reference Videos videos, @Reference StoredFileSweeper sweeper) {
        this.videos = videos;
        this.sweeper = sweeper;
        this.transactions = videos.transactions();
    }

    @Override
    public List<Long> awaitingTranscoding(int max) {
        return transactions.read(em -> em.createNativeQuery("select id from catalog_video where state = "
                + VideoConstants.TO_TRANSCODE + " and transcoding_job_id is null and is_local = true order by id",
                Long.class).setMaxResults(max).getResultList().stream().map(id -> ((Number) id).longValue())
                .toList());
    }

    @Override
    public boolean assignJob(long videoId, long jobId) {
        return transactions.call(em -> em.createNativeQuery("update catalog_video set transcoding_job_id = :job "
                + "where id = :id and state = " + VideoConstants.TO_TRANSCODE + " and transcoding_job_id is null")
                .setParameter("job", jobId).setParameter("id", videoId).executeUpdate() == 1);
    }

    @Override
    public List<Assignment> assigned(int max) {
        return transactions.read(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select id, transcoding_job_id from catalog_video "
                    + "where transcoding_job_id is not null order by id").setMaxResults(max).getResultList();
            return rows.stream().map(row -> new Assignment(((Number) row[0]).longValue(),
                    ((Number) row[1]).longValue())).toList();
        });
    }

    @Override
    public Optional<Source> source(long videoId, long jobId) {
        return transactions.read(em -> {
            Video video = em.find(Video.class, videoId);
            if (video == null || !isJobOf(em, videoId, jobId)) {
                return Optional.empty();
            }
            List<String> keys = em.createQuery("select f.storageKey from VideoFile f where f.video.id = :id "
                    + "and f.playlist is null and f.storageKey is not null order by f.resolution desc, f.id",
                    String.class).setParameter("id", videoId).setMaxResults(1).getResultList();
            String original = originalKey(em, videoId);
            StoredKey source = original != null ? new StoredKey(ORIGINAL_VIDEO_FILES, original)
                    : keys.isEmpty() ? null : new StoredKey(Videos.WEB_VIDEOS, keys.get(0));
            if (source == null) {
                return Optional.empty();
            }
            return Optional.of(new Source(videoId, video.uuid(), source, video.thumbnailName() == null,
                    video.previewName() == null));
        });
    }

    @Override
    public boolean stage(long videoId, long jobId, List<StoredKey> files) {
        return transactions.call(em -> {
            if (!isJobOf(em, videoId, jobId)) {
                return false;
            }
            for (StoredKey file : files) {
                StoredFileSweeper.stage(em, file.area(), List.of(file.key()), Duration.ofHours(STAGED_HOURS));
            }
            return true;
        });
    }

    @Override
    public boolean complete(long videoId, long jobId, Result result) {
        List<StoredKey> kept = keysOf(result);
        boolean recorded = transactions.call(em -> {
            Video video = em.find(Video.class, videoId, LockModeType.PESSIMISTIC_WRITE);
            if (video == null || !isJobOf(em, videoId, jobId)) {
                return false;
            }
            Instant now = Actors.now();
            // What the video had: its web videos (the original upload among them) and its playlist with its files.
            List<VideoFile> previous = em.createQuery("select f from VideoFile f left join fetch f.playlist "
                    + "where f.video.id = :id and f.storageKey is not null", VideoFile.class)
                    .setParameter("id", videoId).getResultList();
            for (VideoFile file : previous) {
                StoredFileSweeper.schedule(em, file.playlist() == null ? Videos.WEB_VIDEOS : STREAMING_PLAYLISTS,
                        List.of(file.storageKey()));
                if (file.playlistFilename() != null) {
                    StoredFileSweeper.schedule(em, STREAMING_PLAYLISTS, List.of(video.uuid() + "/"
                            + file.playlistFilename()));
                }
            }
            scheduleTranscodedFilesOf(em, videoId);
            CatalogTorrentFiles.scheduleTorrentsOf(em, video);
            em.createQuery("delete from VideoFile f where f.video.id = :id").setParameter("id", videoId)
                    .executeUpdate();
            em.createQuery("delete from VideoStreamingPlaylist p where p.videoId = :id").setParameter("id", videoId)
                    .executeUpdate();
            em.flush();

            long size = 0;
            for (MediaFile file : result.webVideos()) {
                em.persist(new VideoFile(video, webVideoFile(file), name(file.file()), now));
                size += file.size();
            }
            if (result.hls() != null) {
                String masterUrl = videos.baseUrl() + "/static/streaming-playlists/hls/"
                        + (VideoFilesServlet.isHidden(video.privacy()) ? "private/" : "") + video.uuid() + "/"
                        + name(result.hls().masterPlaylist());
                VideoStreamingPlaylist playlist = new VideoStreamingPlaylist(videoId, name(result.hls()
                        .masterPlaylist()), name(result.hls().segmentsSha256()), infohashes(masterUrl,
                                result.hls().files().size()), now);
                em.persist(playlist);
                for (int i = 0; i < result.hls().files().size(); i++) {
                    MediaFile file = result.hls().files().get(i);
                    em.persist(new VideoFile(video, playlist, webVideoFile(file), name(file.file()),
                            name(result.hls().renditionPlaylists().get(i)), now));
                    size += file.size();
                }
            }
            for (StoredKey key : kept) {
                StoredFileSweeper.unstage(em, key.area(), List.of(key.key()));
            }
            // A generated picture goes only where none was uploaded meanwhile; otherwise it is not needed.
            pictures(em, videoId, result);
            String previousOriginal = originalKey(em, videoId);
            if (previousOriginal != null && (result.original() == null
                    || !previousOriginal.equals(result.original().key()))) {
                StoredFileSweeper.schedule(em, ORIGINAL_VIDEO_FILES, List.of(previousOriginal));
            }
            em.createNativeQuery("update catalog_video set transcoding_job_id = null, transcoding_error = null, "
                    + "original_file_key = :original, duration = :duration, aspect_ratio = :ratio, files_size = :size "
                    + "where id = :id").setParameter("original", result.original() == null ? previousOriginal == null
                            ? null : previousOriginal : result.original().key())
                    .setParameter("duration", result.durationSeconds())
                    .setParameter("ratio", result.aspectRatio() > 0 ? result.aspectRatio() : null)
                    .setParameter("size", size).setParameter("id", videoId).executeUpdate();
            em.refresh(video);
            video.moveTo(VideoConstants.PUBLISHED, now);
            return true;
        });
        videos.responses().forget(videoId);
        sweeper.sweepSoon();
        return recorded;
    }

    @Override
    public boolean fail(long videoId, long jobId, String reason) {
        String text = reason == null || reason.isBlank() ? "Transcoding failed." : reason.strip();
        String stored = text.length() > 1000 ? text.substring(0, 1000) : text;
        boolean recorded = transactions.call(em -> {
            Video video = em.find(Video.class, videoId, LockModeType.PESSIMISTIC_WRITE);
            if (video == null || !isJobOf(em, videoId, jobId)) {
                return false;
            }
            em.createNativeQuery("update catalog_video set transcoding_job_id = null, transcoding_error = :error "
                    + "where id = :id").setParameter("error", stored).setParameter("id", videoId).executeUpdate();
            em.refresh(video);
            video.moveTo(VideoConstants.TRANSCODING_FAILED, Actors.now());
            return true;
        });
        videos.responses().forget(videoId);
        return recorded;
    }

    /**
     * Asks for a video to be transcoded again (an administrator's request): it goes back to "to transcode" without
     * a job, and the transcoding bundle gives it one.
     *
     * @return false when a job is already transcoding it
     */
    boolean requestTranscoding(EntityManager em, Video video) {
        Object job = em.createNativeQuery("select transcoding_job_id from catalog_video where id = :id")
                .setParameter("id", video.id()).getSingleResult();
        if (job != null && video.state() == VideoConstants.TO_TRANSCODE) {
            return false;
        }
        em.createNativeQuery("update catalog_video set transcoding_job_id = null, transcoding_error = null "
                + "where id = :id").setParameter("id", video.id()).executeUpdate();
        em.refresh(video);
        video.moveTo(VideoConstants.TO_TRANSCODE, Actors.now());
        return true;
    }

    /** The reason a video's transcoding failed, or {@code null}. */
    static String transcodingError(EntityManager em, long videoId) {
        List<?> rows = em.createNativeQuery("select transcoding_error from catalog_video where id = :id")
                .setParameter("id", videoId).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    /**
     * Records for deletion, once the caller's transaction commits, what transcoding stored for a video apart from
     * its files' rows: the playlists' master playlists, segment hashes and rendition playlists, its HLS files, and
     * its kept original.
     */
    static void scheduleTranscodedFilesOf(EntityManager em, long videoId) {
        List<String> keys = new ArrayList<>();
        UUID uuid = em.createQuery("select v.uuid from Video v where v.id = :id", UUID.class)
                .setParameter("id", videoId).getResultStream().findFirst().orElse(null);
        if (uuid == null) {
            return;
        }
        for (VideoStreamingPlaylist playlist : em.createQuery("select p from VideoStreamingPlaylist p "
                + "where p.videoId = :id", VideoStreamingPlaylist.class).setParameter("id", videoId).getResultList()) {
            keys.add(uuid + "/" + playlist.masterFilename());
            keys.add(uuid + "/" + playlist.segmentsSha256Filename());
        }
        for (Object[] row : em.createQuery("select f.storageKey, f.playlistFilename from VideoFile f "
                + "where f.video.id = :id and f.playlist is not null and f.storageKey is not null", Object[].class)
                .setParameter("id", videoId).getResultList()) {
            keys.add((String) row[0]);
            if (row[1] != null) {
                keys.add(uuid + "/" + row[1]);
            }
        }
        StoredFileSweeper.schedule(em, STREAMING_PLAYLISTS, keys);
    }

    /** PeerTube's swarm ids of a playlist's renditions: sha1("2" + master playlist URL + "+V" + i), in hex. */
    static List<String> infohashes(String masterUrl, int renditions) {
        List<String> hashes = new ArrayList<>(renditions);
        for (int i = 0; i < renditions; i++) {
            try {
                hashes.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(
                        (P2P_MEDIA_LOADER_PEER_VERSION + masterUrl + "+V" + i).getBytes(StandardCharsets.UTF_8))));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return hashes;
    }

    private static void pictures(EntityManager em, long videoId, Result result) {
        if (result.thumbnail() != null && em.createNativeQuery("update catalog_video set thumbnail_name = :name "
                + "where id = :id and thumbnail_name is null").setParameter("name", result.thumbnail().key())
                .setParameter("id", videoId).executeUpdate() == 0) {
            StoredFileSweeper.schedule(em, result.thumbnail().area(), List.of(result.thumbnail().key()));
        }
        if (result.preview() != null && em.createNativeQuery("update catalog_video set preview_name = :name "
                + "where id = :id and preview_name is null").setParameter("name", result.preview().key())
                .setParameter("id", videoId).executeUpdate() == 0) {
            StoredFileSweeper.schedule(em, result.preview().area(), List.of(result.preview().key()));
        }
    }

    private static boolean isJobOf(EntityManager em, long videoId, long jobId) {
        List<?> rows = em.createNativeQuery("select transcoding_job_id from catalog_video where id = :id and state = "
                + VideoConstants.TO_TRANSCODE).setParameter("id", videoId).getResultList();
        return !rows.isEmpty() && rows.get(0) != null && ((Number) rows.get(0)).longValue() == jobId;
    }

    private static String originalKey(EntityManager em, long videoId) {
        List<?> rows = em.createNativeQuery("select original_file_key from catalog_video where id = :id")
                .setParameter("id", videoId).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    private static List<StoredKey> keysOf(Result result) {
        List<StoredKey> keys = new ArrayList<>();
        result.webVideos().forEach(file -> keys.add(file.file()));
        if (result.hls() != null) {
            keys.add(result.hls().masterPlaylist());
            keys.add(result.hls().segmentsSha256());
            result.hls().files().forEach(file -> keys.add(file.file()));
            keys.addAll(result.hls().renditionPlaylists());
        }
        for (StoredKey key : new StoredKey[] {result.thumbnail(), result.preview(), result.original()}) {
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static Videos.WebVideoFile webVideoFile(MediaFile file) {
        String name = name(file.file());
        String extension = name.substring(name.lastIndexOf('.'));
        return new Videos.WebVideoFile(file.resolution(), file.hasVideo() ? file.width() : null,
                file.hasVideo() ? file.height() : null, file.size(), file.fps(), extension, file.file().key());
    }

    /** The public name of a stored file: the last segment of its key. */
    static String name(StoredKey key) {
        return key.key().substring(key.key().lastIndexOf('/') + 1);
    }
}
