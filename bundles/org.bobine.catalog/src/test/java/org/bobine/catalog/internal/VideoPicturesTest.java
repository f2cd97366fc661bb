package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** Thumbnails and previews of videos: exact sizes, centred crops, JPEG even from transparent pictures. */
class VideoPicturesTest {

    private static BufferedImage read(Images.Encoded encoded) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(encoded.bytes()));
    }

    @Test
    void exactSizesFromAnyShape() throws Exception {
        for (int[] size : new int[][] {{1920, 1080}, {100, 400}, {50, 20}, {3000, 3000}}) {
            byte[] picture = ImagesTest.picture(size[0], size[1], "png", false);
            Images.Encoded thumbnail = Images.cover(picture, 280, 157);
            assertThat(thumbnail.extension()).isEqualTo("jpg");
            assertThat(read(thumbnail).getWidth()).isEqualTo(280);
            assertThat(read(thumbnail).getHeight()).isEqualTo(157);
            Images.Encoded preview = Images.cover(picture, 850, 480);
            assertThat(read(preview).getWidth()).isEqualTo(850);
            assertThat(read(preview).getHeight()).isEqualTo(480);
        }
    }

    @Test
    void transparentPicturesBecomeJpegAndBadOnesAreRefused() throws Exception {
        Images.Encoded thumbnail = Images.cover(ImagesTest.picture(400, 300, "png", true), 280, 157);
        assertThat(thumbnail.extension()).isEqualTo("jpg");
        assertThatThrownBy(() -> Images.cover("not an image".getBytes(), 280, 157))
                .isInstanceOf(Images.InvalidImage.class);
    }
}
