package org.bobine.transcoding.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Reads what a media file holds through FFmpeg's libraries (JavaCV's {@link FFmpegFrameGrabber} over
 * libavformat), without decoding the picture: duration, dimensions, rotation, frame rate, codecs, bitrate and
 * whether there is sound.
 */
final class MediaProbe {

    static {
        // FFmpeg writes what it thinks of odd inputs to stderr, outside the instance's log; the probe's own
        // exception says what matters.
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    }

    private MediaProbe() {
    }

    /**
     * @param file a local file
     * @return what it holds
     * @throws BadMediaException when the file is empty, not a media file FFmpeg reads, or holds neither picture nor
     *         sound
     */
    static MediaInfo probe(Path file) throws BadMediaException {
        try {
            if (Files.size(file) == 0) {
                throw new BadMediaException("The file is empty.");
            }
        } catch (java.io.IOException e) {
            throw new BadMediaException("The file cannot be read: " + e.getMessage());
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        try {
            // Stream information only: no decoder is needed to read the parameters below.
            grabber.setOption("probesize", "50000000");
            grabber.start(true);
            AVFormatContext format = grabber.getFormatContext();
            int videoIndex = grabber.getVideoStream();
            int audioIndex = grabber.getAudioStream();
            int width = 0;
            int height = 0;
            int profile = -99;
            int level = -99;
            String videoCodec = null;
            String pixelFormat = null;
            double fps = 0;
            int rotation = 0;
            if (videoIndex >= 0 && !attachedPicture(format, videoIndex)) {
                AVCodecParameters video = format.streams(videoIndex).codecpar();
                width = video.width();
                height = video.height();
                profile = video.profile();
                level = video.level();
                videoCodec = grabber.getVideoCodecName();
                if (videoCodec == null) {
                    videoCodec = org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name(video.codec_id()).getString();
                }
                var name = avutil.av_get_pix_fmt_name(video.format());
                pixelFormat = name == null ? null : name.getString();
                fps = grabber.getVideoFrameRate();
                if (!Double.isFinite(fps) || fps < 0) {
                    fps = 0;
                }
                rotation = normalise(grabber.getDisplayRotation());
            }
            String audioCodec = null;
            int channels = 0;
            long audioBitrate = 0;
            if (audioIndex >= 0) {
                AVCodecParameters audio = format.streams(audioIndex).codecpar();
                audioCodec = org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name(audio.codec_id()).getString();
                channels = audio.ch_layout().nb_channels();
                audioBitrate = Math.max(0, audio.bit_rate());
            }
            if (videoCodec == null && audioCodec == null) {
                throw new BadMediaException("The file holds neither a picture nor sound.");
            }
            long duration = Math.max(0, format.duration());
            long bitrate = Math.max(0, format.bit_rate());
            return new MediaInfo(duration, width, height, rotation, fps, videoCodec, pixelFormat, profile, level,
                    audioCodec, channels, audioBitrate, bitrate);
        } catch (FrameGrabber.Exception e) {
            throw new BadMediaException("The file is not a video or audio file FFmpeg can read.");
        } finally {
            try {
                grabber.release();
            } catch (FrameGrabber.Exception e) {
                // Nothing more to free.
            }
        }
    }

    /** A cover picture (an MP3's artwork) is a video stream of one frame: sound files are still audio only. */
    private static boolean attachedPicture(AVFormatContext format, int index) {
        return (format.streams(index).disposition() & org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC)
                != 0;
    }

    /** JavaCV gives the display matrix's angle counter-clockwise, as -90..180; PeerTube speaks of 0/90/180/270. */
    static int normalise(double degrees) {
        if (!Double.isFinite(degrees)) {
            return 0;
        }
        int quarter = (int) Math.round(degrees / 90.0);
        return Math.floorMod(quarter * 90, 360);
    }
}
