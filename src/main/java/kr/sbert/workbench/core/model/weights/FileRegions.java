package kr.sbert.workbench.core.model.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import kr.sbert.workbench.core.model.MalformedModelException;

/**
 * Read-only memory-mapped views of regions of one file. Files up to 2 GB are mapped once and
 * sliced; larger files are mapped region by region (a single region must stay under 2 GB).
 * Mappings stay valid after {@link #close()}.
 */
final class FileRegions implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final MappedByteBuffer whole;

    private FileRegions(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
        this.whole = size <= Integer.MAX_VALUE
                ? channel.map(FileChannel.MapMode.READ_ONLY, 0, size) : null;
    }

    static FileRegions open(Path file) throws MalformedModelException {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                return new FileRegions(file, channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new MalformedModelException(name(file) + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    long size() {
        return size;
    }

    /** A little-endian, read-only view of {@code length} bytes at {@code offset}, position 0. */
    ByteBuffer slice(long offset, long length, String what) throws MalformedModelException {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new MalformedModelException(name(file) + ": " + what + " lies outside the file (bytes "
                    + offset + ".." + (offset + length) + " of " + size + ")");
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new MalformedModelException(name(file) + ": " + what + " is " + length
                    + " bytes; a single tensor over 2 GB is not supported");
        }
        ByteBuffer view;
        if (whole != null) {
            view = whole.slice((int) offset, (int) length);
        } else {
            try {
                view = channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
            } catch (IOException e) {
                throw new MalformedModelException(name(file) + ": cannot map " + what + " (" + e.getMessage() + ")", e);
            }
        }
        return view.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only channel: nothing was written, nothing to lose
        }
    }

    static String name(Path file) {
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }
}
