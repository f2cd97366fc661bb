package org.bobine.transcoding.internal;

/**
 * The {@code transcoding} section of the configuration (PID {@value TranscodingService#PID}). Its Metatype
 * description is the web bundle's, which also shows it in {@code /api/v1/config}; the names and defaults here are
 * the same.
 */
@interface TranscodingConfig {

    boolean enabled() default true;

    boolean webVideos_enabled() default false;

    boolean hls_enabled() default true;

    int[] resolutions() default {240, 360, 480, 720, 1080};

    int threads() default 1;

    int concurrency() default 1;

    boolean originalFile_keep() default false;
}
