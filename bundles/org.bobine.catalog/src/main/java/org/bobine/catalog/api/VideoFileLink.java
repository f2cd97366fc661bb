package org.bobine.catalog.api;

/**
 * One web-video file of a video and the ways to fetch it.
 *
 * @param resolution the height of the picture (PeerTube's resolution), 0 for audio only
 * @param label the resolution as people read it, for example {@code 720p}
 * @param size in bytes
 * @param fileUrl the absolute URL a player streams
 * @param fileDownloadUrl the absolute URL that downloads it as an attachment
 * @param torrentUrl the absolute URL of its torrent, or {@code null} until the torrent is made
 * @param torrentDownloadUrl the same torrent as an attachment, or {@code null}
 * @param magnetUri its magnet link, or {@code null} until the torrent is made
 */
public record VideoFileLink(int resolution, String label, long size, String fileUrl, String fileDownloadUrl,
        String torrentUrl, String torrentDownloadUrl, String magnetUri) {
}
