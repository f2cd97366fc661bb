package org.bobine.transcoding.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Makes FFmpeg's shared libraries findable by the {@code ffmpeg} program run as a child process. Inside the JVM,
 * JavaCPP loads each library by its path, and the dynamic linker then knows it under its SONAME; a new process
 * looks libraries up by SONAME on disk, and some files carry another name ({@code libva.so} is {@code libva.so.2}).
 * This folder holds a link named after each library's SONAME, to put on the child's {@code LD_LIBRARY_PATH}.
 */
final class NativeLibraries {

    private static final int SHT_DYNAMIC = 6;
    private static final long DT_SONAME = 14;

    private NativeLibraries() {
    }

    /**
     * Creates (or refreshes) links named after the SONAMEs of the libraries in {@code libraries} whose file name
     * differs from their SONAME.
     *
     * @param libraries the folder of the loaded libraries
     * @param links the folder for the links
     */
    static void linkSonames(Path libraries, Path links) throws IOException {
        Files.createDirectories(links);
        try (Stream<Path> files = Files.list(libraries)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.startsWith("lib") || !name.contains(".so") || !Files.isRegularFile(file)) {
                    continue;
                }
                String soname = soname(file);
                if (soname == null || soname.equals(name) || soname.contains("/")
                        || Files.exists(libraries.resolve(soname))) {
                    continue;
                }
                Path link = links.resolve(soname);
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, file.toAbsolutePath());
            }
        }
    }

    /** @return the SONAME of a 64-bit little-endian ELF shared library, or {@code null} when it has none */
    static String soname(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = read(channel, 0, 64);
            if (header.getInt(0) != 0x464C457F || header.get(4) != 2 || header.get(5) != 1) {
                return null;
            }
            long sectionsAt = header.getLong(0x28);
            int sectionSize = Short.toUnsignedInt(header.getShort(0x3A));
            int sections = Short.toUnsignedInt(header.getShort(0x3C));
            if (sectionSize < 64 || sections == 0) {
                return null;
            }
            for (int i = 0; i < sections; i++) {
                ByteBuffer section = read(channel, sectionsAt + (long) i * sectionSize, 64);
                if (section.getInt(4) != SHT_DYNAMIC) {
                    continue;
                }
                long dynamicAt = section.getLong(0x18);
                long dynamicSize = section.getLong(0x20);
                int link = section.getInt(0x28);
                ByteBuffer strings = read(channel, sectionsAt + (long) link * sectionSize, 64);
                long stringsAt = strings.getLong(0x18);
                ByteBuffer dynamic = read(channel, dynamicAt, (int) Math.min(dynamicSize, 1 << 20));
                for (int at = 0; at + 16 <= dynamic.limit(); at += 16) {
                    long tag = dynamic.getLong(at);
                    if (tag == 0) {
                        break;
                    }
                    if (tag == DT_SONAME) {
                        ByteBuffer name = read(channel, stringsAt + dynamic.getLong(at + 8), 256);
                        int end = 0;
                        while (end < name.limit() && name.get(end) != 0) {
                            end++;
                        }
                        byte[] bytes = new byte[end];
                        name.get(0, bytes);
                        return new String(bytes, StandardCharsets.US_ASCII);
                    }
                }
            }
            return null;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        buffer.flip();
        return buffer;
    }
}
