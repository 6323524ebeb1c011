package kr.sbert.workbench.core.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import kr.sbert.workbench.core.InvalidInputException;

/**
 * Finds the encoding of a text file without the user saying so, in this order:
 * <ol>
 *   <li>a byte-order mark: UTF-8 ({@code EF BB BF}), UTF-16LE ({@code FF FE}), UTF-16BE ({@code FE FF});</li>
 *   <li>no BOM: a strict UTF-8 decode (malformed bytes are reported, never replaced);</li>
 *   <li>if that fails: a strict CP949 decode (Microsoft's superset of EUC-KR, what Korean
 *       Excel writes as "CSV"); EUC-KR files are CP949 files. Not when Hangul written as
 *       UTF-8 precedes the first bad byte: that is a damaged UTF-8 file, reported at its line
 *       rather than decoded into CP949 garbage.</li>
 * </ol>
 * Anything else is refused with a one-line error. UTF-16 without a BOM is recognised by its
 * NUL bytes and refused with a hint, since it cannot be told apart from other data reliably.
 */
public final class TextEncodingDetector {
    /** Microsoft code page 949 (Unified Hangul Code), a superset of EUC-KR. */
    public static final Charset CP949 = Charset.forName("x-windows-949");

    private TextEncodingDetector() {
    }

    /**
     * Decodes {@code bytes}, naming {@code source} (a file name) in errors.
     *
     * @throws InvalidInputException when the bytes are not text in a supported encoding
     */
    public static DecodedText decode(byte[] bytes, String source) throws InvalidInputException {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return new DecodedText(strict(bytes, 3, StandardCharsets.UTF_8, source),
                    new TextEncoding(StandardCharsets.UTF_8, true));
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return new DecodedText(strict(bytes, 2, StandardCharsets.UTF_16LE, source),
                    new TextEncoding(StandardCharsets.UTF_16LE, true));
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return new DecodedText(strict(bytes, 2, StandardCharsets.UTF_16BE, source),
                    new TextEncoding(StandardCharsets.UTF_16BE, true));
        }
        if (looksLikeUtf16WithoutBom(bytes)) {
            throw new InvalidInputException(source + ": looks like UTF-16 without a byte-order mark;"
                    + " save it as UTF-8 or as UTF-16 with BOM");
        }
        int bad = firstMalformedUtf8(bytes);
        if (bad < 0) {
            return new DecodedText(new String(bytes, StandardCharsets.UTF_8), new TextEncoding(StandardCharsets.UTF_8, false));
        }
        // Korean written as UTF-8 before the bad byte: a damaged UTF-8 file (cut off, or with a pasted
        // byte from another encoding), which a CP949 decode might turn into plausible-looking garbage.
        if (hasUtf8Hangul(bytes, bad)) {
            throw new InvalidInputException(source + ":" + lineOf(bytes, bad) + ": byte " + hex(bytes[bad])
                    + " is not UTF-8, though the text before it is; the file is damaged or mixes encodings");
        }
        try {
            return new DecodedText(decodeOrThrow(bytes, 0, CP949), new TextEncoding(CP949, false));
        } catch (CharacterCodingException notCp949) {
            throw new InvalidInputException(source + ": not text in UTF-8, UTF-16 (with BOM) or CP949/EUC-KR"
                    + " (byte " + hex(bytes[bad]) + " on line " + lineOf(bytes, bad) + " is not UTF-8)");
        }
    }

    /** Offset of the first byte that starts a malformed or unmappable UTF-8 sequence, or -1. */
    static int firstMalformedUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isUnderflow()) {
                r = decoder.flush(out);
                return r.isError() ? in.position() : -1;
            }
            out.clear();
        }
    }

    // A three-byte UTF-8 sequence for a Hangul syllable (U+AC00–U+D7A3) among bytes[0, end).
    private static boolean hasUtf8Hangul(byte[] bytes, int end) {
        for (int i = 0; i + 2 < end; i++) {
            int b0 = bytes[i] & 0xFF;
            if (b0 >= 0xEA && b0 <= 0xED && (bytes[i + 1] & 0xC0) == 0x80 && (bytes[i + 2] & 0xC0) == 0x80) {
                int cp = ((b0 & 0x0F) << 12) | ((bytes[i + 1] & 0x3F) << 6) | (bytes[i + 2] & 0x3F);
                if (cp >= 0xAC00 && cp <= 0xD7A3) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            line += bytes[i] == '\n' ? 1 : 0;
        }
        return line;
    }

    private static String hex(byte b) {
        return String.format(java.util.Locale.ROOT, "0x%02X", b & 0xFF);
    }

    private static String strict(byte[] bytes, int offset, Charset cs, String source) throws InvalidInputException {
        try {
            return decodeOrThrow(bytes, offset, cs);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(source + ": starts with a " + cs.name()
                    + " byte-order mark but holds bytes that are not " + cs.name());
        }
    }

    private static String decodeOrThrow(byte[] bytes, int offset, Charset cs) throws CharacterCodingException {
        CharsetDecoder decoder = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
        return chars.toString();
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    // Text has no NUL bytes; UTF-16 of mostly ASCII has one in every other byte.
    private static boolean looksLikeUtf16WithoutBom(byte[] bytes) {
        int n = Math.min(bytes.length, 4096);
        int nuls = 0;
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                nuls++;
            }
        }
        return n >= 4 && nuls * 4 >= n;
    }
}
