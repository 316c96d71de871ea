package policybot.bot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.bot.store.PolicyVersions;
import policybot.knowledge.PolicyFormatException;

/**
 * Keeps a running bot on the newest policy version installed in the store, so that every instance
 * sharing the store moves to it, and a restarted one starts on it. A version that fails to install
 * here is logged and skipped; the version already live keeps answering.
 */
public final class PolicyFollower {
    private static final Logger log = LoggerFactory.getLogger(PolicyFollower.class);

    private final PolicyBot bot;
    private final PolicyVersions versions;
    private long installed = -1;

    public PolicyFollower(PolicyBot bot, PolicyVersions versions) {
        this.bot = bot;
        this.versions = versions;
    }

    /** Installs the newest stored version if it is newer than the one this follower installed; true if it did. */
    public synchronized boolean sync() {
        var latest = versions.latest();
        if (latest.isEmpty() || latest.get().id() <= installed) {
            return false;
        }
        var v = latest.get();
        try {
            PolicyUpdates.install(bot, v.document());
            log.info("policy v{} installed (store version {}, sha256 {})", v.version(), v.id(), v.sha256());
        } catch (PolicyFormatException | IllegalArgumentException e) {
            log.error("policy version {} in the store could not be installed; v{} stays live: {}", v.id(),
                    bot.policy().version(), e.getMessage());
        }
        installed = v.id();
        return true;
    }
}
