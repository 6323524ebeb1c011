package kr.sbert.workbench.gui;

import java.util.List;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Widths of text in the window's font, for sizing columns before the CSS has been applied
 * (a {@link Text} outside the scene gets no style sheet, and the default "System" family can be
 * narrower or wider than the one {@code workbench.css} picks).
 */
public final class TextWidths {
    /** The families of {@code workbench.css}, in its order. */
    private static final List<String> FAMILIES = List.of("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic",
            "Malgun Gothic", "Apple SD Gothic Neo");
    private static volatile String family;

    private TextWidths() {
    }

    /** The width of this text at the window's font size (13 px), bold or regular, rounded up. */
    public static double of(String text, boolean bold) {
        Text t = new Text(text);
        t.setFont(Font.font(family(), bold ? FontWeight.BOLD : FontWeight.NORMAL, 13));
        return Math.ceil(t.getLayoutBounds().getWidth());
    }

    private static String family() {
        String f = family;
        if (f == null) {
            List<String> installed = Font.getFamilies();
            f = FAMILIES.stream().filter(installed::contains).findFirst().orElse(Font.getDefault().getFamily());
            family = f;
        }
        return f;
    }
}
