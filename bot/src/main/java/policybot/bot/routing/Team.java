package policybot.bot.routing;

import java.util.List;

/**
 * A specialist team escalations go to.
 *
 * @param key          the contract's team key ("information-governance")
 * @param name         its display name
 * @param covers       what it deals with, in a sentence staff can read
 * @param aliases      how staff refer to it ("IG", "data protection team")
 * @param clauses      the clauses that say why this team is the one to ask, cited with its escalations
 * @param contact      how a person reaches it, shown to the requester
 * @param destinations where its tickets go (Slack, Teams, webhook) and the e-mail address shown to the requester
 */
public record Team(String key, String name, String covers, List<String> aliases, List<String> clauses, String contact,
                   List<Destination> destinations) {
    public Team {
        aliases = List.copyOf(aliases);
        clauses = List.copyOf(clauses);
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
    }

    /** A team without destinations (the core needs none; only ticket posting does). */
    public Team(String key, String name, String covers, List<String> aliases, List<String> clauses, String contact) {
        this(key, name, covers, aliases, clauses, contact, List.of());
    }

    /** Its destinations of one type. */
    public List<Destination> destinations(DestinationType type) {
        return destinations.stream().filter(d -> d.type() == type).toList();
    }

    /** The outbox destinations its tickets are posted to (e-mail is shown, not sent). */
    public List<String> outboxDestinations() {
        return destinations.stream().filter(d -> d.type().delivered()).map(Destination::outboxDestination).toList();
    }
}
