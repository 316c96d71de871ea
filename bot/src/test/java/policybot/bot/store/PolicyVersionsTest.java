package policybot.bot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import policybot.bot.BotFactory;
import policybot.bot.PolicyBot;
import policybot.bot.PolicyFollower;
import policybot.bot.Question;
import policybot.knowledge.PolicyFormatException;
import policybot.knowledge.PolicySource;

/** Two bots sharing one store both move to a version installed into it; a broken one is refused. */
class PolicyVersionsTest {
    private static final String V13 = PolicySource.bundledText().replace("Version\t1.2", "Version\t1.3");

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void everyInstanceFollowsTheNewestInstalledVersion(TestStore kind, @TempDir Path dir) {
        Database db = kind.open(dir);
        PolicyVersions versions = new PolicyVersions(db, Clock.systemUTC());
        PolicyBot one = BotFactory.bundled();
        PolicyBot two = BotFactory.bundled();
        PolicyFollower first = new PolicyFollower(one, versions);
        PolicyFollower second = new PolicyFollower(two, versions);
        assertFalse(first.sync(), "nothing installed yet");

        assertThrows(PolicyFormatException.class, () -> versions.install("not a policy", "tester"));
        assertTrue(versions.latest().isEmpty(), "a refused document is not stored");

        PolicyVersions.Stored stored = versions.install(V13, "tester");
        assertEquals("1.3", stored.version());
        assertTrue(first.sync());
        assertTrue(second.sync());
        assertFalse(first.sync(), "already on the newest");
        assertEquals("1.3", one.answer(Question.of("who approves exceptions?")).policyVersion());
        assertEquals("1.3", two.answer(Question.of("who approves exceptions?")).policyVersion());
    }
}
