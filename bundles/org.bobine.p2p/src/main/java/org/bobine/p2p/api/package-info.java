/**
 * Torrents of video files and the instance's BitTorrent tracker, for the bundles that keep the files.
 *
 * <ul>
 * <li>{@link org.bobine.p2p.api.TorrentFiles}: implemented by the bundle that keeps web-video files (the catalog).
 * The P2P bundle asks it, every few seconds, for local files that have no torrent yet, makes each torrent in a job
 * of the job queue, stores it in the file store's {@code torrents} area and records its info hash and name
 * through it; the private trackers (HTTP and WebSocket) ask it whether an info hash, or an HLS swarm id, is
 * known.</li>
 * <li>{@link org.bobine.p2p.api.P2pLinks}: the URLs of a video file's torrent, its magnet link and the tracker URLs
 * that video documents show.</li>
 * </ul>
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.bobine.p2p.api;
