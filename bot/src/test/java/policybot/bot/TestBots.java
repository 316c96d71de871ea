package policybot.bot;

/** One bundled bot for the tests of a JVM: building it reads the policy and the word list once. */
public final class TestBots {
    private static PolicyBot bot;

    private TestBots() {
    }

    public static synchronized PolicyBot bundled() {
        if (bot == null) {
            bot = BotFactory.bundled();
        }
        return bot;
    }
}
