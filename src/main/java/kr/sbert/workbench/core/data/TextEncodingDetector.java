package kr.sbert.workbench.core.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import kr.sbert.workbench.core.InvalidInputException;

/**
 * Finds the encoding of a text file without the user saying so, in this order:
 * <ol>
 *   <li>a byte-order mark: UTF-8 ({@code EF BB BF}), UTF-16LE ({@code FF FE}), UTF-16BE ({@code FE FF});</li>
 *   <li>no BOM: a strict UTF-8 decode (malformed bytes are reported, never replaced);</li>
 *   <li>if that fails: a strict CP949 decode (Microsoft's superset of EUC-KR, what Korean
 *       Excel writes as "CSV"); EUC-KR files are CP949 files.</li>
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
        try {
            return new DecodedText(decodeOrThrow(bytes, 0, StandardCharsets.UTF_8),
                    new TextEncoding(StandardCharsets.UTF_8, false));
        } catch (CharacterCodingException notUtf8) {
            try {
                return new DecodedText(decodeOrThrow(bytes, 0, CP949), new TextEncoding(CP949, false));
            } catch (CharacterCodingException notCp949) {
                throw new InvalidInputException(source + ": not text in UTF-8, UTF-16 (with BOM) or CP949/EUC-KR");
            }
        }
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
