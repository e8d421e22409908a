package com.styleshepherd.inference;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads JPEG, PNG and WebP pictures (WebP through TwelveMonkeys' ImageIO plugin). The format is
 * recognised from the bytes, never from a file name or a client's content type, and the pixel size
 * is checked from the header before any pixel is decoded, so a small file cannot unpack into a huge
 * picture.
 */
public final class ImageDecoder {

    /** Pictures the decoder accepts, by their leading bytes. */
    public enum Format { JPEG, PNG, WEBP }

    /** Largest picture decoded: 40 megapixels, and no side over 12,000 pixels. */
    public static final long MAX_PIXELS = 40_000_000L;
    public static final int MAX_SIDE = 12_000;

    private ImageDecoder() {
    }

    /** The format the bytes start with, if it is one the decoder reads. */
    public static Optional<Format> sniff(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8 && (bytes[2] & 0xff) == 0xFF) {
            return Optional.of(Format.JPEG);
        }
        if (bytes.length >= 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G'
                && bytes[4] == 0x0D && bytes[5] == 0x0A && bytes[6] == 0x1A && bytes[7] == 0x0A) {
            return Optional.of(Format.PNG);
        }
        if (bytes.length >= 12 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F'
                && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P') {
            return Optional.of(Format.WEBP);
        }
        return Optional.empty();
    }

    /**
     * Decodes a picture.
     *
     * @throws UnreadableImageException when the bytes are not a JPEG, PNG or WebP picture, are
     *     damaged, or describe a picture over the size limits; its message says which, for the client
     */
    public static BufferedImage decode(byte[] bytes) {
        Format format = sniff(bytes).orElseThrow(() -> new UnreadableImageException(
                "is not a JPEG, PNG or WebP picture"));
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase());
            if (!readers.hasNext()) {
                throw new IllegalStateException("no ImageIO reader for " + format);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
                    throw new UnreadableImageException("is " + width + "×" + height + " pixels; at most " + MAX_SIDE
                            + " pixels a side and " + MAX_PIXELS / 1_000_000 + " megapixels are accepted");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableImageException unreadable) {
                throw unreadable;
            }
            throw new UnreadableImageException("could not be decoded as " + format + ": it is damaged or not what it"
                    + " says it is", e);
        }
    }

    /**
     * A picture that cannot be used; the message completes "the image …" and is written for the client (the
     * decoder's own failure, if any, is the cause, for the log).
     */
    public static final class UnreadableImageException extends RuntimeException {
        public UnreadableImageException(String message) {
            super(message);
        }

        public UnreadableImageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
