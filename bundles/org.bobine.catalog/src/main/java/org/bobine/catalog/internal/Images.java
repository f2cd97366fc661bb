package org.bobine.catalog.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;

/**
 * The image work of avatars: decode an upload with the JDK's ImageIO (PNG, JPEG, GIF) or TwelveMonkeys' WebP
 * reader, checking its content and its declared dimensions before decoding any pixel; crop it to a centred square; scale it down to each wanted
 * width in successive halvings (bilinear steps, which average like an area filter and keep the result sharp);
 * encode it as JPEG, or as PNG when it has transparent pixels.
 *
 * <p>Sizes are never scaled up: PeerTube makes every configured size, enlarging small pictures; here a picture
 * smaller than a size yields the sizes it covers only, and one smaller than all of them yields a single image at
 * its own size. Clients pick the image closest to the size they show, so fewer images serve them as well.
 */
final class Images {

    /** The JDK's formats that are accepted, by ImageIO's format name in lower case. */
    static final Set<String> FORMATS = Set.of("png", "jpeg", "gif", "webp");
    /** The file extensions accepted for images, as {@code /api/v1/config} lists them. */
    static final List<String> EXTENSIONS = List.of(".png", ".jpeg", ".jpg", ".gif", ".webp");
    private static final String NOT_SUPPORTED = "This file is not a supported image (PNG, JPEG, GIF or WebP)";
    /** WebP, which the JDK does not read: TwelveMonkeys' reader, lossy and lossless. */
    private static final ImageReaderSpi WEBP = new WebPImageReaderSpi();
    /** A picture may declare at most this many pixels: more is a decompression bomb, or useless for an avatar. */
    static final long MAX_PIXELS = 50_000_000L;
    static final float JPEG_QUALITY = 0.9f;

    /** An upload that is not an image that can be used; the message is for the client. */
    static final class InvalidImage extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidImage(String message) {
            super(message);
        }
    }

    /** An encoded image. */
    record Encoded(int width, int height, String extension, byte[] bytes) {
    }

    private Images() {
    }

    /**
     * Makes the avatars of an upload.
     *
     * @param data the uploaded bytes
     * @param widths the wanted widths, largest first
     * @return one square image per width that the picture covers (see the class documentation), largest first
     * @throws InvalidImage if the upload is not a usable PNG, JPEG or GIF picture
     */
    static List<Encoded> squares(byte[] data, int[] widths) throws InvalidImage {
        BufferedImage source = decode(data);
        int side = Math.min(source.getWidth(), source.getHeight());
        BufferedImage square = normalize(source.getSubimage((source.getWidth() - side) / 2,
                (source.getHeight() - side) / 2, side, side));
        boolean transparent = hasTransparency(square);
        List<Encoded> encoded = new ArrayList<>();
        for (int width : widths) {
            if (width <= side) {
                encoded.add(encode(scale(square, width, width), transparent));
            }
        }
        if (encoded.isEmpty()) {
            encoded.add(encode(square, transparent));
        }
        return encoded;
    }

    /**
     * Makes a video's thumbnail or preview from an upload: the centred part of the picture that has the wanted
     * aspect ratio, scaled to exactly {@code width} by {@code height} (enlarged when smaller: these are fixed sizes
     * that players lay out, as in PeerTube), encoded as JPEG.
     *
     * @throws InvalidImage if the upload is not a usable PNG, JPEG or GIF picture
     */
    static Encoded cover(byte[] data, int width, int height) throws InvalidImage {
        BufferedImage source = decode(data);
        int sourceWidth = source.getWidth();
        int sourceHeight = source.getHeight();
        int cropWidth = sourceWidth;
        int cropHeight = (int) Math.round((double) sourceWidth * height / width);
        if (cropHeight > sourceHeight) {
            cropHeight = sourceHeight;
            cropWidth = (int) Math.round((double) sourceHeight * width / height);
        }
        cropWidth = Math.max(1, Math.min(cropWidth, sourceWidth));
        cropHeight = Math.max(1, Math.min(cropHeight, sourceHeight));
        BufferedImage cropped = normalize(source.getSubimage((sourceWidth - cropWidth) / 2,
                (sourceHeight - cropHeight) / 2, cropWidth, cropHeight));
        return encode(scale(cropped, width, height), false);
    }

    /**
     * Decodes the first image of a PNG, JPEG or GIF file.
     *
     * @throws InvalidImage if the data is of another type, declares more than {@link #MAX_PIXELS} pixels, or is
     *         damaged or truncated
     */
    static BufferedImage decode(byte[] data) throws InvalidImage {
        boolean webp = data.length >= 12 && new String(data, 0, 4, StandardCharsets.ISO_8859_1).equals("RIFF")
                && new String(data, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP");
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            ImageReader reader;
            if (webp) {
                // Not through ImageIO's registry, which does not see this bundle's classes.
                reader = WEBP.createReaderInstance();
            } else {
                Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
                if (readers == null || !readers.hasNext()) {
                    throw new InvalidImage(NOT_SUPPORTED);
                }
                reader = readers.next();
            }
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!FORMATS.contains(format)) {
                    throw new InvalidImage(NOT_SUPPORTED);
                }
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
                    throw new InvalidImage("This image is too large: " + width + "x" + height + " pixels, at most "
                            + MAX_PIXELS + " are accepted");
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener(new IIOReadWarningListener() {
                    @Override
                    public void warningOccurred(ImageReader source, String warning) {
                        warnings.add(warning);
                    }
                });
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    // The JPEG reader fills what is missing of a truncated file with grey and only warns.
                    throw new InvalidImage("This image is damaged: " + warnings.get(0));
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidImage("This image could not be read: it is damaged or truncated");
        }
    }

    /** A copy in a plain RGB or ARGB raster, whatever the source's colour model (indexed, grey, 16 bits...). */
    private static BufferedImage normalize(BufferedImage image) {
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), type);
        Graphics2D g = copy.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return copy;
    }

    static boolean hasTransparency(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return false;
        }
        int[] row = new int[image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, row.length, 1, row, 0, row.length);
            for (int pixel : row) {
                if (pixel >>> 24 != 0xff) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Scales down in halvings, each a bilinear step, then one last step to the exact size. */
    static BufferedImage scale(BufferedImage image, int width, int height) {
        BufferedImage current = image;
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        if (current.getWidth() != width || current.getHeight() != height) {
            current = draw(current, width, height);
        }
        return current;
    }

    private static BufferedImage draw(BufferedImage image, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, image.getType());
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    static Encoded encode(BufferedImage image, boolean transparent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (transparent) {
                ImageIO.write(image, "png", out);
                return new Encoded(image.getWidth(), image.getHeight(), "png", out.toByteArray());
            }
            BufferedImage rgb = image.getType() == BufferedImage.TYPE_INT_RGB ? image : opaque(image);
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
                writer.setOutput(stream);
                writer.write(null, new IIOImage(rgb, null, null), param);
            } finally {
                writer.dispose();
            }
            return new Encoded(image.getWidth(), image.getHeight(), "jpg", out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("Could not encode an image in memory", e);
        }
    }

    private static BufferedImage opaque(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
