package org.bobine.transcoding.internal;

/**
 * The input cannot be transcoded, whatever the number of attempts: empty, truncated, not a media file, absurd
 * dimensions. Its message is the reason shown on the video ({@code TRANSCODING_FAILED}).
 */
final class BadMediaException extends Exception {

    private static final long serialVersionUID = 1L;

    BadMediaException(String reason) {
        super(reason);
    }
}
