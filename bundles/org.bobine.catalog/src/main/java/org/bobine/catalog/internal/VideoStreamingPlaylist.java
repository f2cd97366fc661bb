package org.bobine.catalog.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An HLS streaming playlist of a local video (PeerTube's {@code videoStreamingPlaylist}): its master playlist and
 * {@code segments-sha256.json}, in the file store's {@code streaming-playlists} area under the video's UUID; its
 * files are {@link VideoFile}s that name it.
 */
@Entity
@Table(name = "catalog_video_streaming_playlist")
public class VideoStreamingPlaylist {

    /** PeerTube's type of an HLS playlist. */
    static final int HLS = 1;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "video_id", nullable = false)
    private long videoId;

    @Column(nullable = false)
    private int type;

    @Column(name = "master_filename", nullable = false, length = 255)
    private String masterFilename;

    @Column(name = "segments_sha256_filename", nullable = false, length = 255)
    private String segmentsSha256Filename;

    @Column(name = "p2p_media_loader_infohashes", nullable = false, length = 4000)
    private String p2pMediaLoaderInfohashes;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected VideoStreamingPlaylist() {
    }

    VideoStreamingPlaylist(long videoId, String masterFilename, String segmentsSha256Filename,
            List<String> infohashes, Instant now) {
        this.videoId = videoId;
        this.type = HLS;
        this.masterFilename = masterFilename;
        this.segmentsSha256Filename = segmentsSha256Filename;
        this.p2pMediaLoaderInfohashes = String.join(",", infohashes);
        this.createdAt = now;
    }

    Long id() {
        return id;
    }

    long videoId() {
        return videoId;
    }

    int type() {
        return type;
    }

    String masterFilename() {
        return masterFilename;
    }

    String segmentsSha256Filename() {
        return segmentsSha256Filename;
    }

    List<String> p2pMediaLoaderInfohashes() {
        return p2pMediaLoaderInfohashes.isEmpty() ? List.of() : Arrays.asList(p2pMediaLoaderInfohashes.split(","));
    }
}
