package org.bobine.catalog.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;

import org.bobine.p2p.api.P2pLinks;
import org.bobine.p2p.api.TorrentFiles;
import org.bobine.persistence.api.TransactionService;
import org.bobine.transcoding.api.TranscodingSources;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The catalog's web-video files for the P2P bundle, which makes their torrents: files without one, what a torrent
 * of a file says (its video's name, its public URL as webseed unless the video is private, internal or
 * password-protected), and where the torrent is recorded ({@code info_hash}, {@code torrent_filename}).
 */
@Component(service = TorrentFiles.class)
public class CatalogTorrentFiles implements TorrentFiles {

    /** What the trackers ask about: 40 lower-case hexadecimal digits. */
    private static final Pattern INFO_HASH = Pattern.compile("[0-9a-f]{40}");

    private final TransactionService transactions;
    private final Videos videos;

    @Activate
    public CatalogTorrentFiles(@Reference Videos videos) {
        this.videos = videos;
        this.transactions = videos.transactions();
    }

    @Override
    public List<Long> withoutTorrent(int max) {
        return transactions.read(em -> em.createQuery("select f.id from VideoFile f where f.infoHash is null "
                + "and f.storageKey is not null order by f.id", Long.class).setMaxResults(max).getResultList());
    }

    @Override
    public List<Source> withTorrentChangedSince(Instant since, int max) {
        return transactions.read(em -> em.createQuery("select f from VideoFile f join fetch f.video v "
                + "where f.torrentFilename is not null and f.storageKey is not null and v.updatedAt >= :since "
                + "order by v.updatedAt desc", VideoFile.class).setParameter("since", since).setMaxResults(max)
                .getResultStream().map(this::sourceOf).toList());
    }

    @Override
    public Optional<Source> source(long fileId) {
        return transactions.read(em -> {
            VideoFile file = em.find(VideoFile.class, fileId);
            if (file == null || file.storageKey() == null) {
                return Optional.empty();
            }
            return Optional.of(sourceOf(file));
        });
    }

    private Source sourceOf(VideoFile file) {
        Video video = file.video();
        boolean hls = file.playlistFilename() != null;
        String webseed = !isPublic(video) ? null : videos.baseUrl() + (hls ? "/static/streaming-playlists/hls/"
                + video.uuid() + "/" : "/static/web-videos/") + file.filename();
        return new Source(file.id(), video.name(), file.resolution(), file.extension(),
                hls ? TranscodingSources.STREAMING_PLAYLISTS : Videos.WEB_VIDEOS, file.storageKey(), file.size(),
                webseed, file.torrentFilename());
    }

    @Override
    public boolean recordTorrent(long fileId, String previousTorrentFilename, String infoHash,
            String torrentFilename) {
        return transactions.call(em -> {
            var update = em.createQuery("update VideoFile f set f.infoHash = :hash, f.torrentFilename = :name "
                    + "where f.id = :id and " + (previousTorrentFilename == null ? "f.torrentFilename is null"
                            : "f.torrentFilename = :previous"))
                    .setParameter("hash", infoHash).setParameter("name", torrentFilename).setParameter("id", fileId);
            if (previousTorrentFilename != null) {
                update.setParameter("previous", previousTorrentFilename);
            }
            return update.executeUpdate() == 1;
        });
    }

    @Override
    public boolean isKnownInfoHash(String infoHash) {
        if (!INFO_HASH.matcher(infoHash).matches()) {
            return false;
        }
        // A file's torrent, else a swarm of an HLS playlist (p2p-media-loader's ids, kept comma-separated; the
        // P2P bundle caches the answers, so the scan of the playlists is paid once per hash and hour).
        return transactions.read(em -> !em.createQuery("select f.id from VideoFile f where f.infoHash = :hash",
                Long.class).setParameter("hash", infoHash).setMaxResults(1).getResultList().isEmpty()
                || !em.createQuery("select p.id from VideoStreamingPlaylist p "
                        + "where p.p2pMediaLoaderInfohashes like :pattern", Long.class)
                        .setParameter("pattern", "%" + infoHash + "%").setMaxResults(1).getResultList().isEmpty());
    }

    /** Whether a video's files are served at their public path, and so are webseeds of its torrents. */
    static boolean isPublic(Video video) {
        return video.privacy() != VideoConstants.PRIVATE && video.privacy() != VideoConstants.INTERNAL
                && video.privacy() != VideoConstants.PASSWORD_PROTECTED;
    }

    /** Records the torrents of a video's files for deletion once the caller's transaction commits. */
    static void scheduleTorrentsOf(EntityManager em, Video video) {
        StoredFileSweeper.schedule(em, P2pLinks.TORRENTS, em.createQuery("select f.torrentFilename from VideoFile f "
                + "where f.video = :video and f.torrentFilename is not null", String.class)
                .setParameter("video", video).getResultList());
    }

    /** Records the torrents of the files of a channel's videos for deletion once the transaction commits. */
    static void scheduleTorrentsOf(EntityManager em, VideoChannel channel) {
        StoredFileSweeper.schedule(em, P2pLinks.TORRENTS, em.createQuery("select f.torrentFilename from VideoFile f "
                + "where f.video.channel = :channel and f.torrentFilename is not null", String.class)
                .setParameter("channel", channel).getResultList());
    }
}
