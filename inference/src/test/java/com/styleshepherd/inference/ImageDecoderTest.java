package com.styleshepherd.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The three accepted formats decode; anything else fails with a message a client can act on. */
class ImageDecoderTest {

    @Test
    void readsJpegPngAndWebp() throws IOException {
        BufferedImage red = ImageEmbeddersTest.solid(Color.RED, 40, 20);
        byte[] jpeg = ImageEmbeddersTest.jpeg(red, 0.9f);
        byte[] png = png(red);
        assertEquals(Optional.of(ImageDecoder.Format.JPEG), ImageDecoder.sniff(jpeg));
        assertEquals(Optional.of(ImageDecoder.Format.PNG), ImageDecoder.sniff(png));
        assertEquals(40, ImageDecoder.decode(jpeg).getWidth());
        assertEquals(0xFF0000, ImageDecoder.decode(png).getRGB(20, 10) & 0xFFFFFF);

        for (String name : new String[] {"red-blue-stripes.webp", "red-blue-stripes-lossless.webp"}) {
            byte[] webp = resource("images/" + name);
            assertEquals(Optional.of(ImageDecoder.Format.WEBP), ImageDecoder.sniff(webp));
            BufferedImage image = ImageDecoder.decode(webp);
            assertEquals(48, image.getWidth(), name);
            int left = image.getRGB(5, 5);
            assertTrue(((left >> 16) & 0xff) > 180 && ((left >> 8) & 0xff) < 80, name + " left half is red");
        }
    }

    @Test
    void refusesWhatIsNotAReadablePicture() throws IOException {
        var notAPicture = assertThrows(ImageDecoder.UnreadableImageException.class,
                () -> ImageDecoder.decode("GIF89a not accepted".getBytes()));
        assertEquals("is not a JPEG, PNG or WebP picture", notAPicture.getMessage());

        byte[] jpeg = ImageEmbeddersTest.jpeg(ImageEmbeddersTest.solid(Color.BLUE, 64, 64), 0.9f);
        var truncated = assertThrows(ImageDecoder.UnreadableImageException.class,
                () -> ImageDecoder.decode(Arrays.copyOf(jpeg, 40)));
        assertTrue(truncated.getMessage().startsWith("could not be decoded as JPEG"), truncated.getMessage());
    }

    /** A 90-byte PNG that claims 20,000 × 20,000 pixels is refused from its header, before decoding. */
    @Test
    void refusesAHugePictureFromItsHeader() {
        byte[] header = pngHeader(20_000, 20_000);
        var huge = assertThrows(ImageDecoder.UnreadableImageException.class, () -> ImageDecoder.decode(header));
        assertTrue(huge.getMessage().startsWith("is 20000×20000 pixels"), huge.getMessage());
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update("IHDR".getBytes());
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 25)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
                .putInt(13).put("IHDR".getBytes()).put(ihdr.array()).putInt((int) crc.getValue())
                .array();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ImageDecoderTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
