package policybot.bot.escalation;

import java.util.List;
import policybot.bot.routing.RoutingTable;
import policybot.bot.routing.Team;

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

    /**
     * The routing table's destinations: each team's Slack, Teams and webhook destinations
     * ({@code slack:C0123ABCDEF}, {@code webhook:https://...}); its e-mail address is only shown.
     */
    static TeamDestinations from(RoutingTable routing) {
        return key -> routing.team(key).map(Team::outboxDestinations).orElse(List.of());
    }
}
