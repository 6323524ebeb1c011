package kr.sbert.workbench.core.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of strings and files, as lower-case hex. */
final class Hashing {
    private Hashing() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The disk index's key of a text: its SHA-256 packed into 16 chars (a few dozen bytes of memory
     * whatever the text's length). A read still compares the entry's stored text with the text
     * asked for, so a collision could only cost a miss.
     */
    static String textKey(byte[] utf8) {
        byte[] d = sha256().digest(utf8);
        char[] c = new char[d.length / 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) (((d[2 * i] & 0xff) << 8) | (d[2 * i + 1] & 0xff));
        }
        return new String(c);
    }

    static String textKey(String text) {
        return textKey(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
