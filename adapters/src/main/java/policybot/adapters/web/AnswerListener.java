package policybot.adapters.web;

import policybot.bot.Question;
import policybot.bot.answer.Answer;

/**
 * Told of every answer given through {@link WebMetrics#answer} (the chat, and the Slack and Teams
 * adapters in this server): the store keeps what the policy team should review and counts the
 * answers per day. It must not fail the answer: the caller logs and ignores what it throws.
 */
@FunctionalInterface
public interface AnswerListener {
    void answered(String channel, Question question, Answer answer);

    AnswerListener NONE = (channel, question, answer) -> { };
}
