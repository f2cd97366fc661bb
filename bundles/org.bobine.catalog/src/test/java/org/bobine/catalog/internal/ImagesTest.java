package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class ImagesTest {

    private static final int[] WIDTHS = ActorImageRoutes.WIDTHS;

    static byte[] picture(int width, int height, String format, boolean transparent) throws IOException {
        BufferedImage image = new BufferedImage(width, height,
                transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        if (transparent) {
            g.setComposite(java.awt.AlphaComposite.Clear);
            g.fillRect(0, 0, width / 8, height / 8);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    private static BufferedImage read(Images.Encoded encoded) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(encoded.bytes()));
    }

    @Test
    void pngBecomesFourCentredJpegSquares() throws Exception {
        List<Images.Encoded> sizes = Images.squares(picture(2000, 1600, "png", false), WIDTHS);
        assertThat(sizes).extracting(Images.Encoded::width).containsExactly(1500, 600, 120, 48);
        for (Images.Encoded size : sizes) {
            assertThat(size.extension()).isEqualTo("jpg");
            BufferedImage image = read(size);
            assertThat(image.getWidth()).isEqualTo(size.width());
            assertThat(image.getHeight()).isEqualTo(size.width());
            // Centred: the red disc is in the middle, the blue background in the corners.
            Color centre = new Color(image.getRGB(size.width() / 2, size.width() / 2));
            assertThat(centre.getRed()).isGreaterThan(200);
            assertThat(centre.getBlue()).isLessThan(60);
        }
    }

    @Test
    void jpegAndGifAreAccepted() throws Exception {
        assertThat(Images.squares(picture(700, 900, "jpeg", false), WIDTHS)).extracting(Images.Encoded::width)
                .containsExactly(600, 120, 48);
        assertThat(Images.squares(picture(130, 130, "gif", false), WIDTHS)).extracting(Images.Encoded::width)
                .containsExactly(120, 48);
    }

    @Test
    void smallPicturesAreNotEnlarged() throws Exception {
        List<Images.Encoded> sizes = Images.squares(picture(30, 40, "png", false), WIDTHS);
        assertThat(sizes).singleElement().satisfies(s -> {
            assertThat(s.width()).isEqualTo(30);
            assertThat(s.height()).isEqualTo(30);
        });
    }

    @Test
    void transparencyIsKeptAsPng() throws Exception {
        List<Images.Encoded> sizes = Images.squares(picture(200, 200, "png", true), WIDTHS);
        assertThat(sizes).extracting(Images.Encoded::extension).containsOnly("png");
        BufferedImage image = read(sizes.get(0));
        assertThat(image.getRGB(0, 0) >>> 24).isZero();
    }

    @Test
    void somethingElseIsRefused() {
        byte[] text = "this is not an image at all".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Images.squares(text, WIDTHS)).isInstanceOf(Images.InvalidImage.class);
        assertThatThrownBy(() -> Images.squares(new byte[0], WIDTHS)).isInstanceOf(Images.InvalidImage.class);
        byte[] brokenWebp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Images.squares(brokenWebp, WIDTHS)).isInstanceOf(Images.InvalidImage.class)
                .hasMessageContaining("damaged or truncated");
    }

    @Test
    void webpPicturesLossyAndLosslessAreRead() throws Exception {
        byte[] lossy = resource("images/testsrc-320x240-lossy.webp");
        List<Images.Encoded> squares = Images.squares(lossy, WIDTHS);
        assertThat(squares).extracting(Images.Encoded::width).containsExactly(120, 48);
        assertThat(read(squares.get(0)).getHeight()).isEqualTo(120);
        Images.Encoded cover = Images.cover(resource("images/testsrc-64x48-lossless.webp"), 280, 157);
        assertThat(cover.extension()).isEqualTo("jpg");
        assertThat(read(cover).getWidth()).isEqualTo(280);
        byte[] truncated = java.util.Arrays.copyOf(lossy, lossy.length / 2);
        assertThatThrownBy(() -> Images.squares(truncated, WIDTHS)).isInstanceOf(Images.InvalidImage.class);
    }

    private static byte[] resource(String name) throws Exception {
        try (var in = ImagesTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void otherImageTypesAreRefused() throws Exception {
        assertThatThrownBy(() -> Images.squares(picture(100, 100, "bmp", false), WIDTHS))
                .isInstanceOf(Images.InvalidImage.class);
    }

    @Test
    void truncatedFilesAreRefused() throws Exception {
        byte[] png = picture(400, 400, "png", false);
        assertThatThrownBy(() -> Images.squares(Arrays.copyOf(png, png.length / 2), WIDTHS))
                .isInstanceOf(Images.InvalidImage.class);
        byte[] jpeg = picture(400, 400, "jpeg", false);
        assertThatThrownBy(() -> Images.squares(Arrays.copyOf(jpeg, jpeg.length / 2), WIDTHS))
                .isInstanceOf(Images.InvalidImage.class);
    }

    @Test
    void hugeDeclaredSizesAreRefusedBeforeDecoding() throws Exception {
        // A PNG header declaring 100000 x 100000 pixels, followed by no image data.
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.ISO_8859_1)).putInt(100_000).putInt(100_000)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).putInt(13).put(ihdr.array())
                .putInt((int) crc.getValue());
        assertThatThrownBy(() -> Images.squares(png.array(), WIDTHS)).isInstanceOf(Images.InvalidImage.class)
                .hasMessageContaining("too large");
    }
}
