package policybot.adapters.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import policybot.bot.answer.Answer;
import policybot.bot.escalation.Ticket;

/** The App Home tab: the core's introduction, and the person's own tickets that are not closed yet. */
final class HomeTab {
    static final int SHOWN = 20;

    private HomeTab() {
    }

    static ObjectNode render(Answer intro, List<Ticket> open, boolean storeDown, Function<Ticket, String> teamName) {
        ObjectNode view = Blocks.JSON.createObjectNode();
        view.put("type", "home");
        var blocks = view.putArray("blocks");
        AnswerBlocks.Parts parts = AnswerBlocks.split(intro.text());
        blocks.add(Blocks.section(AnswerBlocks.mrkdwn(parts.prose())));
        if (parts.notice() != null) {
            blocks.add(Blocks.context(AnswerBlocks.mrkdwn(parts.notice())));
        }
        blocks.addObject().put("type", "divider");
        blocks.add(Blocks.header("Your open requests"));
        if (storeDown) {
            blocks.add(Blocks.section("Your requests cannot be listed just now; please look again later."));
        } else if (open.isEmpty()) {
            blocks.add(Blocks.section("You have no open requests. Press *Ask a specialist* under an answer to send one."));
        } else {
            for (Ticket t : open.subList(0, Math.min(SHOWN, open.size()))) {
                blocks.add(Blocks.section("*" + t.reference() + "* \u00b7 " + Blocks.escape(teamName.apply(t)) + " \u00b7 "
                        + t.state().wire() + "\n" + Modals.quoted(Blocks.cut(t.question(), 300))));
            }
            if (open.size() > SHOWN) {
                blocks.add(Blocks.context("and " + (open.size() - SHOWN) + " more"));
            }
        }
        return view;
    }
}
