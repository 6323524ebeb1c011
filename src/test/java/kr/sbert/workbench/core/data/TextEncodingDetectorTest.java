package kr.sbert.workbench.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import kr.sbert.workbench.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class TextEncodingDetectorTest {
    private static final String TEXT = "sentence1,sentence2\n한국어 문장,\"따옴표\" 있는 문장\n";

    @Test
    void plainUtf8IsUtf8WithoutBom() throws Exception {
        DecodedText d = TextEncodingDetector.decode(TEXT.getBytes(StandardCharsets.UTF_8), "f");
        assertThat(d.text()).isEqualTo(TEXT);
        assertThat(d.encoding().label()).isEqualTo("UTF-8");
    }

    @Test
    void utf8BomIsRemovedAndReported() throws Exception {
        DecodedText d = TextEncodingDetector.decode(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                TEXT.getBytes(StandardCharsets.UTF_8)), "f");
        assertThat(d.text()).isEqualTo(TEXT);
        assertThat(d.encoding().label()).isEqualTo("UTF-8 with BOM");
    }

    @Test
    void utf16BothByteOrdersWithBom() throws Exception {
        DecodedText le = TextEncodingDetector.decode(concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                TEXT.getBytes(StandardCharsets.UTF_16LE)), "f");
        DecodedText be = TextEncodingDetector.decode(concat(new byte[] {(byte) 0xFE, (byte) 0xFF},
                TEXT.getBytes(StandardCharsets.UTF_16BE)), "f");
        assertThat(le.text()).isEqualTo(TEXT);
        assertThat(be.text()).isEqualTo(TEXT);
        assertThat(le.encoding().label()).isEqualTo("UTF-16LE with BOM");
        assertThat(be.encoding().label()).isEqualTo("UTF-16BE with BOM");
    }

    @Test
    void cp949IsDetectedWhenTheBytesAreNotUtf8() throws Exception {
        DecodedText d = TextEncodingDetector.decode(TEXT.getBytes(TextEncodingDetector.CP949), "f");
        assertThat(d.text()).isEqualTo(TEXT);
        assertThat(d.encoding().label()).isEqualTo("CP949");
    }

    @Test
    void eucKrBytesDecodeAsCp949() throws Exception {
        DecodedText d = TextEncodingDetector.decode(TEXT.getBytes("EUC-KR"), "f");
        assertThat(d.text()).isEqualTo(TEXT);
        assertThat(d.encoding().label()).isEqualTo("CP949");
    }

    @Test
    void bytesThatAreNoSupportedTextAreRefusedNamingTheFile() {
        // 0xFF can start neither a UTF-8 nor a CP949 character.
        byte[] junk = {'a', (byte) 0xFF, (byte) 0xFF, 'b'};
        assertThatThrownBy(() -> TextEncodingDetector.decode(junk, "data.csv"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("data.csv: not text in UTF-8")
                .hasMessageEndingWith("(byte 0xFF on line 1 is not UTF-8)");
    }

    @Test
    void utf8WithOneForeignByteIsReportedAtItsLineNotDecodedAsCp949() {
        // Line 3 holds "café" with é as the Latin-1 byte 0xE9; the Korean before it is UTF-8.
        byte[] utf8 = "sentence1,sentence2\n한국어 문장,다른 문장\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = concat(utf8, new byte[] {'c', 'a', 'f', (byte) 0xE9, ',', 'x', '\n'});
        assertThatThrownBy(() -> TextEncodingDetector.decode(bad, "mixed.csv"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("mixed.csv:3: byte 0xE9 is not UTF-8, though the text before it is;"
                        + " the file is damaged or mixes encodings");
    }

    @Test
    void utf8CutInsideACharacterIsReportedAtTheLastLine() {
        byte[] whole = "s1,s2\n가,나\n다,라".getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 1);
        assertThatThrownBy(() -> TextEncodingDetector.decode(cut, "cut.csv"))
                .hasMessageStartingWith("cut.csv:3: byte 0xEB is not UTF-8");
    }

    @Test
    void cp949TextIsNotMistakenForDamagedUtf8() throws Exception {
        // CP949 Hangul bytes (B0–C8 leads) never form UTF-8 Hangul sequences.
        String text = "sentence1,sentence2\n가나다라마바사 아자차카타파하,힣 똠 햏\n";
        DecodedText d = TextEncodingDetector.decode(text.getBytes(TextEncodingDetector.CP949), "f");
        assertThat(d.text()).isEqualTo(text);
        assertThat(d.encoding().label()).isEqualTo("CP949");
    }

    @Test
    void utf16WithoutBomIsRefusedWithAHint() {
        assertThatThrownBy(() -> TextEncodingDetector.decode("s1,s2\nab,cd\n".getBytes(StandardCharsets.UTF_16LE), "x.csv"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("UTF-16 without a byte-order mark");
    }

    @Test
    void utf8BomFollowedByInvalidUtf8IsRefused() {
        byte[] bad = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', (byte) 0xC3};
        assertThatThrownBy(() -> TextEncodingDetector.decode(bad, "x.tsv"))
                .hasMessageContaining("x.tsv: starts with a UTF-8 byte-order mark");
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
