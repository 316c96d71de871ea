package policybot.adapters.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import policybot.bot.digest.DigestText;
import policybot.bot.digest.WeeklyDigest;

/**
 * The weekly digest as a Slack message: the core's words ({@link DigestText}) in Block Kit, a
 * header, the period, a section for each part, and the review console's link when the public
 * address is known. Wordings are escaped, so a question that looks like a link or a mention is
 * shown as typed.
 */
final class DigestMessage {
    private DigestMessage() {
    }

    static ArrayNode blocks(WeeklyDigest d) {
        ArrayNode blocks = Blocks.list();
        blocks.add(Blocks.header(DigestText.title(d)));
        blocks.add(Blocks.context(Blocks.escape(DigestText.period(d))));
        for (DigestText.Section section : DigestText.sections(d)) {
            StringBuilder s = new StringBuilder("*").append(section.heading()).append('*');
            for (String line : section.lines()) {
                s.append('\n').append(Blocks.escape(line));
            }
            blocks.add(Blocks.section(s.toString()));
        }
        if (d.adminUrl() != null) {
            blocks.add(Blocks.section("<" + d.adminUrl().replace("|", "%7C").replace(">", "%3E") + "|Open the review console>"));
        }
        return blocks;
    }

    /** The notification's text, and what a client without blocks shows. */
    static String fallback(WeeklyDigest d) {
        return DigestText.summary(d);
    }
}
