package policybot.bot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.bot.store.AlternateQuestions;
import policybot.bot.store.PolicyVersions;
import policybot.knowledge.PolicyFormatException;

/**
 * Keeps a running bot on the newest policy version installed in the store, with the alternate
 * questions the policy team added for it, so that every instance sharing the store moves to them,
 * and a restarted one starts on them. A version that fails to install here is logged and skipped;
 * the version already live keeps answering.
 */
public final class PolicyFollower {
    private static final Logger log = LoggerFactory.getLogger(PolicyFollower.class);

    private final PolicyBot bot;
    private final PolicyVersions versions;
    private final AlternateQuestions alternates;
    private long installed = -1;
    private long alternatesSeen = 0;

    public PolicyFollower(PolicyBot bot, PolicyVersions versions, AlternateQuestions alternates) {
        this.bot = bot;
        this.versions = versions;
        this.alternates = alternates;
    }

    /**
     * Installs the newest stored version if it is newer than the one this follower installed, or
     * re-indexes the live one if alternate questions were added; true if it changed anything.
     */
    public synchronized boolean sync() {
        var latest = versions.latest();
        long newestAlternate = alternates.latestId();
        if (latest.isEmpty() || latest.get().id() <= installed) {
            if (newestAlternate > alternatesSeen) {
                alternatesSeen = newestAlternate;
                PolicyUpdates.reindex(bot, alternates.forVersion(bot.policy().version()));
                log.info("alternate questions re-indexed for policy v{}", bot.policy().version());
                return true;
            }
            return false;
        }
        var v = latest.get();
        try {
            alternatesSeen = newestAlternate;
            PolicyUpdates.install(bot, v.document(), alternates.forVersion(v.version()));
            log.info("policy v{} installed (store version {}, sha256 {})", v.version(), v.id(), v.sha256());
        } catch (PolicyFormatException | IllegalArgumentException e) {
            log.error("policy version {} in the store could not be installed; v{} stays live: {}", v.id(),
                    bot.policy().version(), e.getMessage());
        }
        installed = v.id();
        return true;
    }
}
