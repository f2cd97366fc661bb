/**
 * Transcoding of local videos, between the bundle that keeps videos (the catalog) and the transcoding bundle.
 *
 * <ul>
 * <li>{@link org.bobine.transcoding.api.TranscodingSources}: implemented by the bundle that keeps videos. The
 * transcoding bundle asks it every few seconds for videos waiting for transcoding, gives each a job of the job
 * queue, reads the video's source file through it, and records through it what the job produced (web-video files,
 * the HLS playlist and its files, a thumbnail and a preview) or why it failed.</li>
 * <li>{@link org.bobine.transcoding.api.Transcoding}: implemented by the transcoding bundle; tells the keeper of
 * videos whether uploads are to be transcoded, so that it creates them in the state "to transcode".</li>
 * </ul>
 *
 * <p>Neither side calls the other inside its own transactions: an upload only has to commit its video in the
 * state "to transcode", and a node that was down catches up when it starts.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.bobine.transcoding.api;
