package org.bobine.catalog.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A file of a video (one resolution): a web video, or the fragmented MP4 of an HLS playlist. A local file is in the
 * file store under its storage key (web videos in the {@code web-videos} area, HLS files in
 * {@code streaming-playlists}); a remote one is at its URL. Its {@link #filename()} is the public name, unique.
 */
@Entity
@Table(name = "catalog_video_file")
public class VideoFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "video_id", nullable = false)
    private Video video;

    @Column(nullable = false)
    private int resolution;

    private Integer width;

    private Integer height;

    @Column(nullable = false)
    private long size;

    @Column(nullable = false)
    private int fps;

    @Column(nullable = false, length = 16)
    private String extension;

    @Column(nullable = false, length = 255, unique = true)
    private String filename;

    @Column(name = "storage_key", length = 512)
    private String storageKey;

    @Column(length = 2000)
    private String url;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "info_hash", length = 40)
    private String infoHash;

    @Column(name = "torrent_filename", length = 255)
    private String torrentFilename;

    /** The HLS playlist of a fragmented MP4; {@code null} for a web video. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "playlist_id")
    private VideoStreamingPlaylist playlist;

    /** The byte-range playlist of an HLS file ({@code <uuid4>-<resolution>.m3u8}). */
    @Column(name = "playlist_filename", length = 255)
    private String playlistFilename;

    protected VideoFile() {
    }

    VideoFile(Video video, Videos.WebVideoFile file, String filename, Instant now) {
        this.video = video;
        this.resolution = file.resolution();
        this.width = file.width();
        this.height = file.height();
        this.size = file.size();
        this.fps = file.fps();
        this.extension = file.extension();
        this.filename = filename;
        this.storageKey = file.storageKey();
        this.createdAt = now;
    }

    /** An HLS file of a playlist; its storage key is in the streaming-playlists area. */
    VideoFile(Video video, VideoStreamingPlaylist playlist, Videos.WebVideoFile file, String filename,
            String playlistFilename, Instant now) {
        this(video, file, filename, now);
        this.playlist = playlist;
        this.playlistFilename = playlistFilename;
    }

    Long id() {
        return id;
    }

    /** @return the playlist of an HLS file (loaded with the file by {@link Videos#filesOf}), null for a web video */
    VideoStreamingPlaylist playlist() {
        return playlist;
    }

    String playlistFilename() {
        return playlistFilename;
    }

    /** The id of the video, without loading it. */
    Video video() {
        return video;
    }

    int resolution() {
        return resolution;
    }

    Integer width() {
        return width;
    }

    Integer height() {
        return height;
    }

    long size() {
        return size;
    }

    int fps() {
        return fps;
    }

    /** @return the extension with its dot, such as {@code .mp4} */
    String extension() {
        return extension;
    }

    String filename() {
        return filename;
    }

    /** @return where a local file is in the file store; {@code null} for a remote file */
    String storageKey() {
        return storageKey;
    }

    /** @return where a remote file is; {@code null} for a local file */
    String url() {
        return url;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** @return the info hash of the file's torrent (40 hex digits), {@code null} until it has one */
    String infoHash() {
        return infoHash;
    }

    /** @return the name of the file's torrent in the file store's torrents area, {@code null} until it has one */
    String torrentFilename() {
        return torrentFilename;
    }
}
