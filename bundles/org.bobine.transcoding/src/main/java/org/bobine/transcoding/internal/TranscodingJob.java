package org.bobine.transcoding.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.bobine.jobs.api.JobContext;
import org.bobine.jobs.api.JobHandler;
import org.bobine.storage.api.FileStore;
import org.bobine.storage.api.StoredFile;
import org.bobine.transcoding.api.TranscodingSources;
import org.bobine.transcoding.api.TranscodingSources.MediaFile;
import org.bobine.transcoding.api.TranscodingSources.Source;
import org.bobine.transcoding.api.TranscodingSources.StoredKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@value #TYPE} job: transcodes one video given to it by {@link TranscodingSources#assignJob}. Copies the
 * source out of the file store into a work folder, runs the {@link Pipeline}, stages the output names, stores the
 * files and records the result; an input that cannot be transcoded is recorded as a failure with its reason. The
 * work folder is always removed, and files stored by a run whose result was not recorded are deleted.
 */
final class TranscodingJob implements JobHandler {

    /** The job type, PeerTube's queue name. */
    static final String TYPE = "video-transcoding";

    private static final Logger LOG = LoggerFactory.getLogger(TranscodingJob.class);

    private final TranscodingSources sources;
    private final FileStore store;
    private final Pipeline pipeline;
    private final boolean keepOriginal;
    private final Path workRoot;

    TranscodingJob(TranscodingSources sources, FileStore store, Pipeline pipeline, boolean keepOriginal,
            Path workRoot) {
        this.sources = sources;
        this.store = store;
        this.pipeline = pipeline;
        this.keepOriginal = keepOriginal;
        this.workRoot = workRoot;
    }

    /** The payload of a job: the video to transcode. */
    static Map<String, Object> payload(long videoId) {
        return Map.of("videoId", videoId);
    }

    @Override
    public void process(JobContext context) throws Exception {
        Object id = context.payload(Map.class).get("videoId");
        if (!(id instanceof Number number)) {
            throw new IllegalArgumentException("a transcoding job without a videoId");
        }
        transcode(number.longValue(), context.id(), context::progress, context::isStopping);
    }

    /**
     * Transcodes one video for one job.
     *
     * @return whether a result or a failure was recorded (false when the video is no longer the job's)
     * @throws Ffmpeg.StoppedException when the job had to stop; it runs again later
     * @throws IOException when the file store or the work folder failed; the job's attempt fails
     */
    boolean transcode(long videoId, long jobId, java.util.function.IntConsumer progress,
            java.util.function.BooleanSupplier stopping) throws IOException, Ffmpeg.StoppedException {
        Optional<Source> found = sources.source(videoId, jobId);
        if (found.isEmpty()) {
            return false;
        }
        Source source = found.get();
        Files.createDirectories(workRoot);
        Path work = Files.createTempDirectory(workRoot, "job-" + jobId + "-");
        List<StoredKey> written = new ArrayList<>();
        boolean recorded = false;
        try {
            Optional<StoredFile> stored = store.find(source.source().area(), source.source().key());
            if (stored.isEmpty()) {
                recorded = sources.fail(videoId, jobId, "The video's file is missing.");
                return recorded;
            }
            String extension = extension(source.source().key());
            Path input = work.resolve("input" + extension);
            try (InputStream in = stored.get().open()) {
                Files.copy(in, input, StandardCopyOption.REPLACE_EXISTING);
            }
            Path outputs = Files.createDirectory(work.resolve("out"));
            Pipeline.Outputs out;
            try {
                out = pipeline.run(input, outputs, source.needsThumbnail(), source.needsPreview(), progress,
                        stopping);
            } catch (BadMediaException e) {
                LOG.info("Video {} cannot be transcoded: {}", source.uuid(), e.getMessage());
                recorded = sources.fail(videoId, jobId, e.getMessage());
                return recorded;
            }

            List<MediaFile> webVideos = new ArrayList<>();
            List<StoredKey> toStore = new ArrayList<>();
            List<Path> localFiles = new ArrayList<>();
            for (Pipeline.Output file : out.webVideos()) {
                StoredKey key = new StoredKey(TranscodingSources.WEB_VIDEOS, file.file().getFileName().toString());
                webVideos.add(mediaFile(file, key));
                toStore.add(key);
                localFiles.add(file.file());
            }
            TranscodingSources.HlsPlaylist hls = null;
            if (out.hls() != null) {
                StoredKey master = hlsKey(source, out.hls().master());
                StoredKey sha = hlsKey(source, out.hls().segmentsSha256());
                List<MediaFile> files = new ArrayList<>();
                List<StoredKey> playlists = new ArrayList<>();
                for (int i = 0; i < out.hls().files().size(); i++) {
                    Pipeline.Output file = out.hls().files().get(i);
                    StoredKey fileKey = hlsKey(source, file.file());
                    StoredKey playlistKey = hlsKey(source, out.hls().playlists().get(i));
                    files.add(mediaFile(file, fileKey));
                    playlists.add(playlistKey);
                    toStore.addAll(List.of(fileKey, playlistKey));
                    localFiles.addAll(List.of(file.file(), out.hls().playlists().get(i)));
                }
                toStore.addAll(List.of(master, sha));
                localFiles.addAll(List.of(out.hls().master(), out.hls().segmentsSha256()));
                hls = new TranscodingSources.HlsPlaylist(master, sha, files, playlists);
            }
            StoredKey thumbnail = picture(out.thumbnail(), TranscodingSources.THUMBNAILS, toStore, localFiles);
            StoredKey preview = picture(out.preview(), TranscodingSources.PREVIEWS, toStore, localFiles);
            StoredKey original = null;
            if (keepOriginal) {
                original = new StoredKey(TranscodingSources.ORIGINAL_VIDEO_FILES, UUID.randomUUID() + extension);
                toStore.add(original);
                localFiles.add(input);
            }

            if (!sources.stage(videoId, jobId, toStore)) {
                return false;
            }
            for (int i = 0; i < toStore.size(); i++) {
                if (stopping.getAsBoolean()) {
                    throw new Ffmpeg.StoppedException();
                }
                try (InputStream in = Files.newInputStream(localFiles.get(i))) {
                    store.put(toStore.get(i).area(), toStore.get(i).key(), in);
                }
                written.add(toStore.get(i));
            }
            double aspectRatio = out.input().hasVideo()
                    ? out.input().displayWidth() / (double) out.input().displayHeight() : 0;
            TranscodingSources.Result result = new TranscodingSources.Result(
                    (int) Math.round(out.input().durationSeconds()), aspectRatio, webVideos, hls, thumbnail, preview,
                    original);
            recorded = sources.complete(videoId, jobId, result);
            progress.accept(100);
            return recorded;
        } finally {
            if (!recorded) {
                for (StoredKey key : written) {
                    try {
                        store.delete(key.area(), key.key());
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("Could not delete {} of the file store area {}; it is deleted later: {}", key.key(),
                                key.area(), e.toString());
                    }
                }
            }
            deleteTree(work);
        }
    }

    private static StoredKey picture(Path file, String area, List<StoredKey> toStore, List<Path> localFiles) {
        if (file == null) {
            return null;
        }
        StoredKey key = new StoredKey(area, UUID.randomUUID() + ".jpg");
        toStore.add(key);
        localFiles.add(file);
        return key;
    }

    private static StoredKey hlsKey(Source source, Path file) {
        return new StoredKey(TranscodingSources.STREAMING_PLAYLISTS,
                source.uuid() + "/" + file.getFileName().toString());
    }

    private static MediaFile mediaFile(Pipeline.Output file, StoredKey key) throws IOException {
        return new MediaFile(file.resolution(), file.width(), file.height(), file.fps(), Files.size(file.file()), key,
                file.hasAudio(), file.hasVideo());
    }

    /** The extension of a stored key, such as {@code .mp4}; FFmpeg probes by content, the name only helps. */
    static String extension(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String extension = dot <= 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
        return extension.matches("\\.[a-z0-9]{1,10}") ? extension : "";
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.warn("Could not delete the work file {}: {}", path, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not delete the work folder {}: {}", root, e.toString());
        }
    }
}
