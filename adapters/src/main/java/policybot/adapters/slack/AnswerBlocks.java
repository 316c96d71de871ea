package policybot.adapters.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerKind;
import policybot.bot.answer.Citation;

/**
 * The core's answer as a Slack message. Nothing is added about the policy: the header is the
 * verdict's own heading, the prose and the notice are the answer's text, and each quote block is
 * a citation with its section path and the policy version. The text's own quotes are left out
 * because the citations show the same clauses (all of them, not only the first two).
 */
final class AnswerBlocks {
    /** The answer's buttons sit in this block. */
    static final String BLOCK_ID = "policybot.answer";

    private AnswerBlocks() {
    }

    /** The parts of the core's text: the prose, and the closing notice (if it has one). */
    record Parts(String prose, String notice) {
    }

    /**
     * @param key           the answer's key in {@link RecentAnswers}, carried by its buttons
     * @param postToChannel add "Post to channel" (an ephemeral answer to a slash command)
     */
    static ArrayNode render(Answer answer, String key, boolean postToChannel) {
        ArrayNode blocks = Blocks.list();
        if (answer.verdict() != null) {
            blocks.add(Blocks.header(answer.verdict().heading()));
        }
        Parts parts = split(answer.text());
        for (String chunk : chunks(mrkdwn(parts.prose()), Blocks.SECTION_MAX)) {
            blocks.add(Blocks.section(chunk));
        }
        for (Citation c : answer.citations()) {
            blocks.add(Blocks.quote(c.quote()));
            blocks.add(Blocks.context(Blocks.escape(c.section()) + " \u00b7 clause " + Blocks.escape(c.clause())
                    + " \u00b7 policy v" + Blocks.escape(answer.policyVersion())));
        }
        if (parts.notice() != null) {
            blocks.add(Blocks.context(mrkdwn(parts.notice())));
        }
        List<ObjectNode> buttons = new ArrayList<>();
        buttons.add(Blocks.button(Actions.HELPFUL, "Helpful", key, null));
        buttons.add(Blocks.button(Actions.NOT_HELPFUL, "Not helpful", key, null));
        buttons.add(Blocks.button(Actions.ASK_SPECIALIST, "Ask a specialist", key,
                answer.kind() == AnswerKind.ESCALATION ? "primary" : null));
        if (postToChannel) {
            buttons.add(Blocks.button(Actions.POST_TO_CHANNEL, "Post to channel", key, null));
        }
        blocks.add(Blocks.actions(BLOCK_ID, buttons.toArray(ObjectNode[]::new)));
        return blocks;
    }

    /** The plain-text fallback Slack shows in notifications: the core's text in Slack's markup. */
    static String fallback(Answer answer) {
        return mrkdwn(answer.text());
    }

    static Parts split(String text) {
        List<String> prose = new ArrayList<>();
        String notice = null;
        String[] paragraphs = text.strip().split("\n\n");
        for (int i = 0; i < paragraphs.length; i++) {
            String p = paragraphs[i].strip();
            if (p.startsWith("> ")) {
                continue;
            }
            if (i == paragraphs.length - 1 && p.length() > 2 && p.startsWith("_") && p.endsWith("_")) {
                notice = p;
                continue;
            }
            prose.add(p);
        }
        return new Parts(String.join("\n\n", prose), notice);
    }

    /** The core's light Markdown in Slack's: escaped, and {@code **bold**} as {@code *bold*}. */
    static String mrkdwn(String text) {
        return Blocks.escape(text).replaceAll("\\*\\*(.+?)\\*\\*", "*$1*");
    }

    static List<String> chunks(String text, int max) {
        List<String> out = new ArrayList<>();
        String rest = text;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf("\n\n", max);
            if (cut <= 0) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut <= 0) {
                cut = max;
            }
            out.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isBlank()) {
            out.add(rest);
        }
        return out;
    }
}
