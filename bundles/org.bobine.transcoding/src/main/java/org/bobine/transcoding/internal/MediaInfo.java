package org.bobine.transcoding.internal;

/**
 * What a media file holds, as FFmpeg's libraries read it.
 *
 * @param durationMicros duration in microseconds, 0 when unknown
 * @param width the stored picture's width (before rotation), 0 without video
 * @param height the stored picture's height, 0 without video
 * @param rotation the display rotation in degrees, normalised to 0, 90, 180 or 270
 * @param fps the average frame rate, 0 without video or when unknown
 * @param videoCodec FFmpeg's name of the video codec ({@code h264}...), {@code null} without video
 * @param pixelFormat FFmpeg's name of the pixel format ({@code yuv420p}...), {@code null} without video
 * @param profile the video codec's profile number, -99 when unknown
 * @param level the video codec's level number, -99 when unknown
 * @param audioCodec FFmpeg's name of the audio codec, {@code null} without audio
 * @param audioChannels the audio channels, 0 without audio
 * @param audioBitrate bits per second, 0 when unknown
 * @param bitrate the whole file's bits per second, 0 when unknown
 */
record MediaInfo(long durationMicros, int width, int height, int rotation, double fps, String videoCodec,
        String pixelFormat, int profile, int level, String audioCodec, int audioChannels, long audioBitrate,
        long bitrate) {

    boolean hasVideo() {
        return videoCodec != null && width > 0 && height > 0;
    }

    boolean hasAudio() {
        return audioCodec != null;
    }

    /** @return whether the picture is displayed turned by a quarter */
    boolean quarterTurned() {
        return rotation == 90 || rotation == 270;
    }

    /** @return the width as displayed (after rotation) */
    int displayWidth() {
        return quarterTurned() ? height : width;
    }

    /** @return the height as displayed (after rotation) */
    int displayHeight() {
        return quarterTurned() ? width : height;
    }

    /** @return PeerTube's resolution: the smaller side of the picture, 0 without video */
    int resolution() {
        return hasVideo() ? Math.min(width, height) : 0;
    }

    /** @return whether the displayed picture is taller than wide */
    boolean portrait() {
        return displayHeight() > displayWidth();
    }

    /** @return the longer side over the shorter one (PeerTube's ratio for bitrates), 1 without video */
    double ratio() {
        return hasVideo() ? Math.max(width, height) / (double) Math.min(width, height) : 1;
    }

    double durationSeconds() {
        return durationMicros / 1_000_000.0;
    }
}
