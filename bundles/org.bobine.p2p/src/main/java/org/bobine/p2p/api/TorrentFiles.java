package org.bobine.p2p.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The files that get torrents, as the bundle that keeps them sees them. One service; the P2P bundle calls it from
 * its own threads, outside any transaction of the caller.
 */
@ConsumerType
public interface TorrentFiles {

    /**
     * A local file to make a torrent of.
     *
     * @param fileId the file's id
     * @param videoName the name of its video
     * @param resolution PeerTube's resolution of the file
     * @param extension such as {@code .mp4}
     * @param area the file store's area of the file
     * @param key the file's key in that area
     * @param size in bytes
     * @param webseedUrl the public URL of the file (BEP 19 webseed), {@code null} when the video is not public
     * @param torrentFilename the name of the file's current torrent, {@code null} when it has none
     */
    record Source(long fileId, String videoName, int resolution, String extension, String area, String key,
            long size, String webseedUrl, String torrentFilename) {
    }

    /**
     * @param max at most that many
     * @return the ids of local files that have no torrent, oldest first
     */
    List<Long> withoutTorrent(int max);

    /**
     * The local files that have a torrent and whose video changed (its name, its privacy, anything) at or after a
     * moment, most recently changed first, so that the P2P bundle checks each torrent's name and web seed against
     * the video and makes a new torrent when they differ.
     *
     * @param max at most that many
     */
    List<Source> withTorrentChangedSince(Instant since, int max);

    /** @return the file, or empty when it is gone or no longer local */
    Optional<Source> source(long fileId);

    /**
     * Records a file's torrent, provided that the file's torrent is still {@code previousTorrentFilename} (so that
     * two makers of the same torrent do not both win).
     *
     * @param infoHash 40 lower-case hexadecimal digits
     * @return whether it was recorded; when not, the caller deletes the torrent it made
     */
    boolean recordTorrent(long fileId, String previousTorrentFilename, String infoHash, String torrentFilename);

    /**
     * Whether the instance serves this swarm, which is all that the private trackers (HTTP and WebSocket) check:
     * true when a file's torrent has this info hash, and also when one of the instance's HLS streaming playlists
     * has it among its p2p-media-loader swarm ids ({@code sha1("2" + masterPlaylistUrl + "+V" + i)}, PeerTube's
     * {@code p2pMediaLoaderInfohashes}), once such playlists exist. The P2P bundle caches the answers (a known hash
     * for an hour, an unknown one for a few seconds).
     *
     * @param infoHash 40 lower-case hexadecimal digits
     */
    boolean isKnownInfoHash(String infoHash);
}
