package org.bobine.transcoding.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The videos to transcode and where their outputs go, as the bundle that keeps videos sees them. One service; the
 * transcoding bundle calls it from its own threads, outside any transaction of the caller.
 *
 * <p>A video waiting for transcoding is given to exactly one job: {@link #assignJob} is a compare-and-set, and
 * every later call names the job, so that a job superseded by another one (an administrator asked for a new run,
 * or another node won the assignment) changes nothing. A job may run more than once (after a crash of its node);
 * each run writes files under new names, {@linkplain #stage stages} them first, and the keeper deletes staged
 * files that no {@link #complete} took, so a crash at any point leaves neither duplicates nor orphans.
 *
 * <p>File names are chosen by the transcoding bundle in PeerTube's shapes ({@code <uuid4>-<resolution>.mp4},
 * {@code <uuid4>-master.m3u8}...) and are the public names: implementations serve a file under the name given.
 */
@ConsumerType
public interface TranscodingSources {

    /** The file store's area of web-video files, as PeerTube names its directory. */
    String WEB_VIDEOS = "web-videos";

    /** The file store's area of HLS playlists: one folder per video, named after the video's UUID. */
    String STREAMING_PLAYLISTS = "streaming-playlists";

    /** The file store's area of original files kept after transcoding ({@code transcoding.original_file.keep}). */
    String ORIGINAL_VIDEO_FILES = "original-video-files";

    /** The file store's areas of generated thumbnails (280x157) and previews (850x480), JPEG. */
    String THUMBNAILS = "thumbnails";

    /** @see #THUMBNAILS */
    String PREVIEWS = "previews";

    /** A file in the file store. */
    record StoredKey(String area, String key) {

        public StoredKey {
            if (area == null || area.isEmpty() || key == null || key.isEmpty()) {
                throw new IllegalArgumentException("a stored file needs an area and a key");
            }
        }
    }

    /**
     * What a job transcodes.
     *
     * @param videoId the video's id
     * @param uuid the video's UUID, which names its HLS folder
     * @param source the file to transcode (the upload, kept as the video's first web-video file)
     * @param needsThumbnail whether the video has no thumbnail yet (none was uploaded), so one is to be made
     * @param needsPreview whether the video has no preview yet
     */
    record Source(long videoId, UUID uuid, StoredKey source, boolean needsThumbnail, boolean needsPreview) {
    }

    /**
     * One output file with a picture (a web-video MP4 or an HLS fragmented MP4).
     *
     * @param resolution PeerTube's resolution: the smaller side of the picture, 0 for audio only
     * @param width in pixels, 0 for audio only
     * @param height in pixels, 0 for audio only
     * @param fps frames per second, 0 for audio only
     * @param size in bytes
     * @param file where it is; its key's last segment is its public name
     * @param hasAudio whether it has an audio stream
     * @param hasVideo whether it has a video stream
     */
    record MediaFile(int resolution, int width, int height, int fps, long size, StoredKey file, boolean hasAudio,
            boolean hasVideo) {
    }

    /**
     * An HLS playlist: a master playlist, one byte-range playlist and one fragmented MP4 per resolution, and the
     * SHA-256 of every segment. All in the {@link #STREAMING_PLAYLISTS} area, under {@code <video uuid>/}.
     *
     * @param masterPlaylist {@code <uuid4>-master.m3u8}
     * @param segmentsSha256 {@code <uuid4>-segments-sha256.json}
     * @param files the fragmented MP4 files, each with its {@code <uuid4>-<resolution>.m3u8} in
     *        {@link #renditionPlaylists} at the same index
     * @param renditionPlaylists the resolutions' playlists
     */
    record HlsPlaylist(StoredKey masterPlaylist, StoredKey segmentsSha256, List<MediaFile> files,
            List<StoredKey> renditionPlaylists) {

        public HlsPlaylist {
            files = List.copyOf(files);
            renditionPlaylists = List.copyOf(renditionPlaylists);
            if (files.isEmpty() || files.size() != renditionPlaylists.size()) {
                throw new IllegalArgumentException("an HLS playlist needs one playlist per file, at least one");
            }
        }
    }

    /**
     * What a job produced. The keeper replaces the video's files by these in one transaction: every web-video file
     * and playlist the video had before and that is not listed here is deleted once that transaction commits.
     *
     * @param durationSeconds the video's duration as probed, rounded
     * @param aspectRatio width over height as displayed, 0 when unknown or audio only
     * @param webVideos the web-video files, empty when web videos are disabled
     * @param hls the HLS playlist, {@code null} when HLS is disabled
     * @param thumbnail a generated thumbnail, {@code null} when none was asked for or none could be made
     * @param preview a generated preview, {@code null} when none was asked for or none could be made
     * @param original where the original file was kept, {@code null} when it is not kept
     */
    record Result(int durationSeconds, double aspectRatio, List<MediaFile> webVideos, HlsPlaylist hls,
            StoredKey thumbnail, StoredKey preview, StoredKey original) {

        public Result {
            webVideos = List.copyOf(webVideos);
            if (webVideos.isEmpty() && hls == null) {
                throw new IllegalArgumentException("a transcoding result needs web videos or an HLS playlist");
            }
        }
    }

    /** A video given to a job that has not finished yet. */
    record Assignment(long videoId, long jobId) {
    }

    /**
     * @param max at most that many
     * @return the ids of local videos waiting for transcoding that no job was given yet, oldest first
     */
    List<Long> awaitingTranscoding(int max);

    /**
     * Gives a waiting video to a job, provided that no other job has it.
     *
     * @return whether the video is now the job's; when not, the caller cancels the job it made
     */
    boolean assignJob(long videoId, long jobId);

    /**
     * @param max at most that many
     * @return videos given to jobs that have not recorded a result or a failure yet, so that the caller can fail
     *         those whose job is gone (cancelled, failed at its last attempt, removed)
     */
    List<Assignment> assigned(int max);

    /** @return what the job transcodes, or empty when the video is gone or no longer this job's */
    Optional<Source> source(long videoId, long jobId);

    /**
     * Records files that the job is about to write to the file store. They are deleted, after a delay long enough
     * for any transcoding, unless {@link #complete} takes them first: the files of a job that dies are not left
     * behind.
     *
     * @return whether the video is still the job's; when not, the job writes nothing
     */
    boolean stage(long videoId, long jobId, List<StoredKey> files);

    /**
     * Records a job's result and publishes the video (PeerTube's state 1), in one transaction.
     *
     * @return whether it was recorded; when not (the video is gone or no longer this job's) the caller deletes the
     *         files it wrote
     */
    boolean complete(long videoId, long jobId, Result result);

    /**
     * Records that a video cannot be transcoded (PeerTube's state 7, "transcoding failed"); the video keeps its
     * files.
     *
     * @param reason a short explanation for its owner and administrators
     * @return whether it was recorded (the video is still the job's)
     */
    boolean fail(long videoId, long jobId, String reason);
}
