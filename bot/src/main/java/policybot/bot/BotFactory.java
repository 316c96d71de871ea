package policybot.bot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import policybot.bot.conversation.ConversationMemory;
import policybot.bot.intent.IntentRules;
import policybot.bot.routing.RoutingTable;
import policybot.bot.understanding.ConceptModel;
import policybot.bot.understanding.MessageReader;
import policybot.bot.understanding.SpellingCorrector;
import policybot.bot.understanding.Words;
import policybot.bot.verdict.VerdictRules;
import policybot.knowledge.Clause;
import policybot.knowledge.ClauseIndex;
import policybot.knowledge.PolicyDocument;
import policybot.knowledge.PolicySource;
import policybot.knowledge.Synonyms;

/** Puts the core together from its parts; the only place that knows them all. */
public final class BotFactory {
    static final String ENGLISH_WORDS = "policybot/bot/english-words.txt";
    /** Contractions as Words spells them (apostrophe dropped): words, not misspellings. */
    static final Set<String> CONTRACTIONS = Set.of("theyre", "youre", "doesnt", "didnt", "shouldnt", "wouldnt",
            "couldnt", "theres", "theyve", "theyd", "theyll", "hasnt", "havent", "hadnt", "mustnt", "neednt",
            "mightnt", "wasnt", "werent", "whats", "thats", "wheres", "heres", "youve", "youll", "whos", "arent");

    private BotFactory() {
    }

    /** The bot on the bundled policy, concepts, synonyms and routing table. */
    public static PolicyBot bundled() {
        return create(PolicySource::bundled, RoutingTable.bundled(), ConversationMemory.standard());
    }

    /** The bot on the bundled policy, concepts and synonyms, with a routing table from the configuration. */
    public static PolicyBot bundled(RoutingTable routing) {
        return create(PolicySource::bundled, routing, ConversationMemory.standard());
    }

    public static PolicyBot create(PolicyDocument policy, RoutingTable routing, ConversationMemory memory) {
        return create(() -> policy, routing, memory);
    }

    /**
     * Start-up reads the policy and builds its index on one thread while it reads the concept
     * model and the word list on another: on two cores that is most of the start-up time halved.
     */
    static PolicyBot create(Supplier<PolicyDocument> policySource, RoutingTable routing, ConversationMemory memory) {
        // A thread of its own, not the common pool: a caller may itself be running on the common
        // pool (a server started from a CompletableFuture), and on two cores that pool has one thread.
        CompletableFuture<ClauseIndex> index = CompletableFuture.supplyAsync(
                () -> new ClauseIndex(policySource.get(), Synonyms.bundled()), BotFactory::startDaemon);
        ConceptModel concepts = ConceptModel.bundled();
        Set<String> known = englishWords(); // a fresh set of its own: no copy needed
        known.addAll(CONTRACTIONS);
        ClauseIndex built;
        try {
            built = index.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        Set<String> policyWords = new HashSet<>();
        for (Clause c : built.document().clauses()) {
            policyWords.addAll(Words.of(c.text()));
        }
        Set<String> targets = new HashSet<>(concepts.vocabulary());
        targets.addAll(policyWords);
        known.addAll(targets);
        MessageReader reader = new MessageReader(concepts, new SpellingCorrector(known, targets));
        return new PolicyBot(built, reader, new IntentRules(routing), new VerdictRules(), routing, memory);
    }

    private static void startDaemon(Runnable task) {
        Thread t = new Thread(task, "policybot-index-build");
        t.setDaemon(true);
        t.start();
    }

    static Set<String> englishWords() {
        try (InputStream in = BotFactory.class.getClassLoader().getResourceAsStream(ENGLISH_WORDS)) {
            if (in == null) {
                throw new IllegalStateException("the word list " + ENGLISH_WORDS + " is missing from the class path");
            }
            Set<String> words = new HashSet<>(80_000);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isEmpty() && line.charAt(0) != '#') {
                    words.add(line);
                }
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
