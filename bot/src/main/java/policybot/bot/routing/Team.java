package policybot.bot.routing;

import java.util.List;

/**
 * A specialist team escalations go to.
 *
 * @param key      the contract's team key ("information-governance")
 * @param name     its display name
 * @param covers   what it deals with, in a sentence staff can read
 * @param aliases  how staff refer to it ("IG", "data protection team")
 * @param clauses  the clauses that say why this team is the one to ask, cited with its escalations
 * @param contact  how a person reaches it, shown to the requester
 */
public record Team(String key, String name, String covers, List<String> aliases, List<String> clauses, String contact) {
    public Team {
        aliases = List.copyOf(aliases);
        clauses = List.copyOf(clauses);
    }
}
