package policybot.bot;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerComposer;
import policybot.bot.answer.AnswerKind;
import policybot.bot.answer.Citation;
import policybot.bot.answer.Explanation;
import policybot.bot.conversation.ConversationMemory;
import policybot.bot.conversation.FollowUps;
import policybot.bot.intent.Intent;
import policybot.bot.intent.IntentRules;
import policybot.bot.retrieval.RankedClause;
import policybot.bot.retrieval.Retriever;
import policybot.bot.routing.RoutingTable;
import policybot.bot.routing.Team;
import policybot.bot.understanding.ConceptMatch;
import policybot.bot.understanding.MessageReader;
import policybot.bot.understanding.Understanding;
import policybot.bot.verdict.VerdictRule;
import policybot.bot.verdict.VerdictRules;
import policybot.knowledge.Clause;
import policybot.knowledge.ClauseIndex;
import policybot.knowledge.PolicyDocument;

/**
 * The channel-free core: one message in, one answer out. Read the message, decide what it asks,
 * look up the clauses, decide a verdict or a route, write the reply. Every channel calls
 * {@link #answer(Question)} and renders what it returns.
 */
public final class PolicyBot {
    /** How many citations an answer carries, best first. */
    static final int CITATIONS = 3;
    /** Below this combined score the best clause is not taken to answer the question. */
    static final double ANSWER_THRESHOLD = 0.75;
    /** A second clause scoring at least this share of the first competes with it. */
    static final double CLOSE = 0.95;
    /** Citations whose words overlap this much with a better one say the same thing twice. */
    static final double SAME_TEXT = 0.8;

    /**
     * One policy version, ready to answer from: its clauses, their index and its wording, and the
     * set of words of each clause text for telling near-copies apart (split once, not for every
     * question; clauses with the same text share one set).
     */
    private record Edition(PolicyDocument policy, ClauseIndex index, Retriever retriever, AnswerComposer composer,
                           Map<String, Set<String>> clauseWords) {
        static Edition of(ClauseIndex index) {
            return new Edition(index.document(), index, new Retriever(index),
                    new AnswerComposer(index.document().metadata()), new ConcurrentHashMap<>());
        }

        Set<String> wordsOf(Clause c) {
            return clauseWords.computeIfAbsent(c.text(),
                    text -> new HashSet<>(List.of(text.toLowerCase(Locale.ROOT).split("\\W+"))));
        }
    }

    /** The live policy version; replaced whole by {@link #install}, read once per answer. */
    private volatile Edition edition;
    private final MessageReader reader;
    private final IntentRules intents;
    private final VerdictRules verdicts;
    private final RoutingTable routing;
    private final ConversationMemory memory;
    /**
     * Answers under way, at most one a processor. Answering is all processor work: more at once
     * than there are processors only makes them take turns mid-answer, and each answer then cost
     * about three times the processor time (16 threads on 2 cores: 390 µs an answer against 106 µs,
     * 4,400 answers a second against 14,300; docs/performance.md). A question past the limit waits
     * its turn, which ends sooner than the turns it would otherwise share.
     */
    private final Semaphore running = new Semaphore(Runtime.getRuntime().availableProcessors());

    public PolicyBot(ClauseIndex index, MessageReader reader, IntentRules intents, VerdictRules verdicts,
                     RoutingTable routing, ConversationMemory memory) {
        this.edition = Edition.of(index);
        this.reader = reader;
        this.intents = intents;
        this.verdicts = verdicts;
        this.routing = routing;
        this.memory = memory;
    }

    /** The live policy version. */
    public PolicyDocument policy() {
        return edition.policy();
    }

    /**
     * Makes another version of the policy live. The new index is built before anything changes;
     * an answer already under way finishes on the version it started with, and every answer after
     * the swap cites the new version. Nothing is swapped if building fails.
     */
    public void install(ClauseIndex index) {
        edition = Edition.of(index);
    }

    public Answer answer(Question question) {
        Optional<String> problem = question.problem();
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        running.acquireUninterruptibly();
        try {
            return answerNow(question);
        } finally {
            running.release();
        }
    }

    private Answer answerNow(Question question) {
        String text = question.text();
        Optional<String> previous = memory.previous(question.conversation());
        if (previous.isPresent() && FollowUps.isFollowUp(text)) {
            text = FollowUps.combine(previous.get(), text);
        }
        Edition ed = edition;
        Understanding u = reader.read(text);
        Intent intent = intents.classify(u);
        Answer answer = switch (intent) {
            case Intent.Help h -> new Answer(question.id(), AnswerKind.HELP, null, null, 1.0, ed.composer().help(),
                    List.of(), ed.policy().version(), explain(u, intent, null, List.of()));
            case Intent.OutOfScope o -> noAnswer(ed, question, u, intent, "That is not something the "
                    + ed.policy().metadata().title() + " covers, so I can't answer it from the policy.", null, 0.0);
            case Intent.NotSettled n -> noAnswer(ed, question, u, intent, "The " + ed.policy().metadata().title()
                    + " does not settle that (it does not say which tools are licensed, what they cost, or how to use them).",
                    routing.team(n.team()).orElse(null), 0.0);
            case Intent.Escalation e -> escalation(ed, question, u, e);
            case Intent.PolicyQuestion p -> policyAnswer(ed, question, u, p);
        };
        // A wording the policy team marked as answered by a clause gets that clause, whatever the
        // rules made of it: this is how the bot learns from what it missed (the review queue).
        if (answer.kind() == AnswerKind.NO_ANSWER || answer.kind() == AnswerKind.ANSWER) {
            var taught = ed.index().alternateFor(text);
            if (taught.isPresent() && (answer.citations().isEmpty()
                    || !answer.citations().get(0).clause().equals(taught.get()))) {
                answer = taughtAnswer(ed, question, u, taught.get());
            }
        }
        memory.remember(question.conversation(), text);
        return answer;
    }

    private Answer policyAnswer(Edition ed, Question question, Understanding u, Intent intent) {
        Optional<VerdictRule> rule = verdicts.decide(u);
        List<String> pinned = rule.map(VerdictRule::settledBy).orElse(List.of());
        List<RankedClause> ranked = ed.retriever().rank(u, pinned, true);
        double top = ranked.isEmpty() ? 0 : ranked.get(0).score();
        if (rule.isEmpty() && top < ANSWER_THRESHOLD) {
            return noAnswer(ed, question, u, intent, "I could not find a clause of the " + ed.policy().metadata().title()
                    + " that answers that.", routing.team("policy-owner").orElse(null), confidence(top));
        }
        List<RankedClause> cited = distinct(ed, ranked);
        double confidence = rule.isPresent() ? Math.max(0.8, confidence(top)) : confidence(top);
        String text = ed.composer().answer(rule.map(VerdictRule::verdict).orElse(null),
                rule.map(VerdictRule::conditions).orElse(null), clauses(cited), rule.isEmpty() && ambiguous(cited));
        return new Answer(question.id(), AnswerKind.ANSWER, rule.map(VerdictRule::verdict).orElse(null), null,
                confidence, text, citations(cited), ed.policy().version(),
                explain(u, intent, rule.map(VerdictRule::name).orElse(null), cited));
    }

    private Answer taughtAnswer(Edition ed, Question question, Understanding u, String clause) {
        Intent taught = new Intent.PolicyQuestion("the policy team marked this wording as answered by clause " + clause);
        List<RankedClause> cited = distinct(ed, ed.retriever().rank(u, List.of(clause), true));
        String text = ed.composer().answer(null, null, clauses(cited), false);
        return new Answer(question.id(), AnswerKind.ANSWER, null, null, Math.max(0.8, confidence(cited.get(0).score())),
                text, citations(cited), ed.policy().version(), explain(u, taught, null, cited));
    }

    private Answer escalation(Edition ed, Question question, Understanding u, Intent.Escalation e) {
        Team team = routing.require(e.team());
        List<RankedClause> cited = distinct(ed, ed.retriever().rank(u, governingClauses(e, team), false));
        String text = ed.composer().escalation(e.why(), team, clauses(cited));
        return new Answer(question.id(), AnswerKind.ESCALATION, null, team.key(), 0.9, text, citations(cited),
                ed.policy().version(), explain(u, e, null, cited));
    }

    /**
     * An exception request or a challenge cites what the policy says of exceptions or of
     * contestability (the concept's own clauses, strongest first); a request for a person cites
     * why that team is the one to ask.
     */
    private List<String> governingClauses(Intent.Escalation e, Team team) {
        if (e.concept() == null) {
            return team.clauses();
        }
        return reader.concepts().concept(e.concept()).map(c -> c.clauses().entrySet().stream()
                .filter(x -> !x.getKey().contains("*"))
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()
                        .thenComparing(java.util.Map.Entry.comparingByKey()))
                .map(java.util.Map.Entry::getKey).toList()).orElse(team.clauses());
    }

    private Answer noAnswer(Edition ed, Question question, Understanding u, Intent intent, String why, Team pointer,
                            double confidence) {
        return new Answer(question.id(), AnswerKind.NO_ANSWER, null, null, confidence,
                ed.composer().noAnswer(why, pointer), List.of(), ed.policy().version(), explain(u, intent, null, List.of()));
    }

    /**
     * Two clauses from different parts of the policy score within {@link #CLOSE} of each other: the
     * bot cannot tell which the person meant, so it says so and shows both rather than guess.
     */
    static boolean ambiguous(List<RankedClause> cited) {
        if (cited.size() < 2) {
            return false;
        }
        RankedClause first = cited.get(0);
        RankedClause second = cited.get(1);
        boolean differentPart = !first.clause().section().equals(second.clause().section());
        return differentPart && second.score() >= first.score() * CLOSE;
    }

    /** The best clauses, skipping any that says what a better one already said (the appendix repeats the body). */
    private static List<RankedClause> distinct(Edition ed, List<RankedClause> ranked) {
        List<RankedClause> out = new ArrayList<>();
        List<Set<String>> seen = new ArrayList<>();
        for (RankedClause r : ranked) {
            Set<String> words = ed.wordsOf(r.clause());
            if (seen.stream().anyMatch(s -> overlap(s, words) >= SAME_TEXT)) {
                continue;
            }
            seen.add(words);
            out.add(r);
            if (out.size() == CITATIONS) {
                break;
            }
        }
        return out;
    }

    private static double overlap(Set<String> a, Set<String> b) {
        if (a == b) {
            return (double) a.size() / a.size(); // the same text: every word in common
        }
        // the size of the intersection, counted without building it
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        int common = 0;
        for (String w : small) {
            common += large.contains(w) ? 1 : 0;
        }
        return (double) common / Math.min(a.size(), b.size());
    }

    private static List<Clause> clauses(List<RankedClause> ranked) {
        return ranked.stream().map(RankedClause::clause).toList();
    }

    private static List<Citation> citations(List<RankedClause> ranked) {
        return ranked.stream().map(r -> new Citation(r.clause().id(), r.clause().section(), r.clause().text(),
                round(r.score()))).toList();
    }

    /** Maps a combined score onto 0..1: about 0.5 at the answer threshold, near 1 for a strong match. */
    static double confidence(double score) {
        return round(1 - Math.exp(-score / 1.1));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static Explanation explain(Understanding u, Intent intent, String rule, List<RankedClause> ranked) {
        Set<String> concepts = new LinkedHashSet<>();
        for (ConceptMatch m : u.concepts()) {
            concepts.add((m.absent() ? "!" : m.negated() ? "~" : "") + m.concept().key() + " (\"" + m.phrase().text() + "\")");
        }
        return new Explanation(u.corrections(), List.copyOf(concepts), u.questionType().name(),
                intent.getClass().getSimpleName() + ": " + intent.reason(), rule,
                ranked.stream().map(RankedClause::explain).toList());
    }
}
