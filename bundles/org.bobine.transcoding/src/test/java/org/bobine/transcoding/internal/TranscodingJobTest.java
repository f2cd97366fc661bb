package org.bobine.transcoding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.bobine.storage.testing.MemoryFileStore;
import org.bobine.transcoding.api.TranscodingSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job between the keeper of videos and the file store: what is stored, staged and recorded. */
class TranscodingJobTest {

    @TempDir
    Path dir;

    /** A keeper of one video, recording what the job tells it. */
    static class Sources implements TranscodingSources {
        final UUID uuid = UUID.randomUUID();
        final List<StoredKey> staged = new ArrayList<>();
        long jobId = 5;
        Result result;
        String failure;

        @Override
        public List<Long> awaitingTranscoding(int max) {
            return List.of();
        }

        @Override
        public boolean assignJob(long videoId, long job) {
            return false;
        }

        @Override
        public List<Assignment> assigned(int max) {
            return List.of();
        }

        @Override
        public Optional<Source> source(long videoId, long job) {
            return job == jobId ? Optional.of(new Source(videoId, uuid, new StoredKey(WEB_VIDEOS, "upload.mp4"),
                    true, false)) : Optional.empty();
        }

        @Override
        public boolean stage(long videoId, long job, List<StoredKey> files) {
            staged.addAll(files);
            return job == jobId;
        }

        @Override
        public boolean complete(long videoId, long job, Result done) {
            result = done;
            return job == jobId;
        }

        @Override
        public boolean fail(long videoId, long job, String reason) {
            failure = reason;
            return job == jobId;
        }
    }

    private TranscodingJob job(Sources sources, MemoryFileStore store, boolean keepOriginal) throws IOException {
        Pipeline pipeline = new Pipeline(TestMedia.ffmpeg(), new Pipeline.Settings(false, true, Set.of(144), 1));
        return new TranscodingJob(sources, store, pipeline, keepOriginal, dir.resolve("work"));
    }

    private boolean workIsEmpty() throws IOException {
        try (Stream<Path> left = Files.list(dir.resolve("work"))) {
            return left.findAny().isEmpty();
        }
    }

    @Test
    void aResultIsStoredStagedAndRecorded() throws Exception {
        MemoryFileStore store = new MemoryFileStore();
        store.files.put("web-videos/upload.mp4", Files.readAllBytes(TestMedia.clip(dir, "in.mp4", 320, 240, 25, 1,
                true)));
        Sources sources = new Sources();
        List<Integer> progress = new ArrayList<>();
        assertThat(job(sources, store, true).transcode(1, 5, progress::add, () -> false)).isTrue();

        TranscodingSources.Result result = sources.result;
        assertThat(result.webVideos()).as("web videos are disabled").isEmpty();
        assertThat(result.hls().files()).extracting(TranscodingSources.MediaFile::resolution)
                .containsExactly(240, 144);
        assertThat(result.hls().masterPlaylist().key()).startsWith(sources.uuid + "/").endsWith("-master.m3u8");
        assertThat(result.thumbnail()).isNotNull();
        assertThat(result.preview()).as("the video has one").isNull();
        assertThat(result.original().area()).isEqualTo(TranscodingSources.ORIGINAL_VIDEO_FILES);
        assertThat(result.durationSeconds()).isEqualTo(1);
        // Exactly what was staged is in the store (besides the upload).
        assertThat(store.files.keySet()).containsExactlyInAnyOrderElementsOf(Stream.concat(Stream.of(
                "web-videos/upload.mp4"), sources.staged.stream().map(k -> k.area() + "/" + k.key())).toList());
        assertThat(progress).isSorted().endsWith(100);
        assertThat(workIsEmpty()).isTrue();
    }

    @Test
    void anInputThatCannotBeTranscodedIsRecordedAsFailedWithNothingLeft() throws Exception {
        MemoryFileStore store = new MemoryFileStore();
        store.files.put("web-videos/upload.mp4", "this is not a video at all".repeat(50).getBytes());
        Sources sources = new Sources();
        assertThat(job(sources, store, false).transcode(1, 5, p -> {
        }, () -> false)).isTrue();
        assertThat(sources.failure).isEqualTo("The file is not a video or audio file FFmpeg can read.");
        assertThat(sources.result).isNull();
        assertThat(store.files).containsOnlyKeys("web-videos/upload.mp4");
        assertThat(workIsEmpty()).isTrue();

        Sources missing = new Sources();
        assertThat(job(missing, new MemoryFileStore(), false).transcode(1, 5, p -> {
        }, () -> false)).isTrue();
        assertThat(missing.failure).isEqualTo("The video's file is missing.");
    }

    @Test
    void aSupersededJobWritesNothing() throws Exception {
        MemoryFileStore store = new MemoryFileStore();
        store.files.put("web-videos/upload.mp4", Files.readAllBytes(TestMedia.clip(dir, "in.mp4", 160, 120, 25, 1,
                false)));
        Sources sources = new Sources();
        sources.jobId = 6;
        assertThat(job(sources, store, false).transcode(1, 5, p -> {
        }, () -> false)).isFalse();
        assertThat(store.files).containsOnlyKeys("web-videos/upload.mp4");
    }

    @Test
    void filesOfAResultThatWasNotRecordedAreDeleted() throws Exception {
        MemoryFileStore store = new MemoryFileStore();
        store.files.put("web-videos/upload.mp4", Files.readAllBytes(TestMedia.clip(dir, "in.mp4", 160, 120, 25, 1,
                false)));
        Sources sources = new Sources() {
            @Override
            public boolean complete(long videoId, long job, Result done) {
                return false;
            }
        };
        assertThat(job(sources, store, false).transcode(1, 5, p -> {
        }, () -> false)).isFalse();
        assertThat(sources.staged).isNotEmpty();
        assertThat(store.files).containsOnlyKeys("web-videos/upload.mp4");
        assertThat(workIsEmpty()).isTrue();
    }
}
