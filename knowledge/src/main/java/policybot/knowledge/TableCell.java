package policybot.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTML cell of an Appendix 1 table, read as a sequence of blocks: paragraphs and list items.
 * The document's lists lost their {@code <li>} tags on the way from the original: a list is one
 * run of text whose items are told apart by bullet marks ("•", or "–" before a capital) and by
 * sentence ends. A block knows whether it was a paragraph, so that a lead-in such as
 * {@code <p>Staff must:</p>} can govern the items after it.
 */
final class TableCell {
    record Block(boolean item, String text) {
    }

    private static final Pattern BOUNDARY = Pattern.compile("<\\s*(/?)\\s*(p|ul|ol|li)\\b[^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ITEM_MARK = Pattern.compile("\\s*•\\s*|\\s+–\\s+(?=\\p{Lu})|^–\\s+");

    private TableCell() {
    }

    static List<Block> blocks(String cellHtml) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BOUNDARY.matcher(cellHtml);
        int last = 0;
        int listDepth = 0;
        while (m.find()) {
            add(blocks, listDepth > 0, cellHtml.substring(last, m.start()));
            boolean closing = !m.group(1).isEmpty();
            String tag = m.group(2).toLowerCase(java.util.Locale.ROOT);
            if (tag.equals("ul") || tag.equals("ol")) {
                listDepth = Math.max(0, listDepth + (closing ? -1 : 1));
            } else if (tag.equals("p")) {
                // A paragraph cannot stand inside a list: an unclosed list ends where one starts.
                listDepth = 0;
            }
            last = m.end();
        }
        add(blocks, listDepth > 0, cellHtml.substring(last));
        return blocks;
    }

    private static void add(List<Block> blocks, boolean inList, String raw) {
        String text = PlainText.clean(raw);
        if (text.isEmpty()) {
            return;
        }
        if (!inList) {
            blocks.add(new Block(false, text));
            return;
        }
        for (String marked : ITEM_MARK.split(text)) {
            for (String item : PlainText.sentences(marked.strip(), true)) {
                if (!item.isEmpty()) {
                    blocks.add(new Block(true, item));
                }
            }
        }
    }
}
