package policybot.deployment;

import policybot.bot.BotFactory;
import policybot.bot.PolicyBot;

/** The bundled bot, built once for the wiring tests (building it reads the word list and the index). */
final class TestBots {
    private static PolicyBot shared;

    private TestBots() {
    }

    static synchronized PolicyBot shared() {
        if (shared == null) {
            shared = BotFactory.bundled();
        }
        return shared;
    }
}
