package policybot.bot.escalation;

import java.util.List;

/**
 * Where a team's tickets are posted: one outbox destination each (a Slack channel, a Teams
 * channel, a webhook). Each gets an outbox item of its own, so one failing channel does not hold
 * up or repeat another.
 */
@FunctionalInterface
public interface TeamDestinations {
    List<String> of(String teamKey);

    /** One destination a team, {@code team:<key>}, for a delivery that knows the teams' channels. */
    TeamDestinations BY_KEY = key -> List.of("team:" + key);
}
