package policybot.bot.understanding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The reviewed domain model (concepts.yaml): concepts, the phrases staff use, the clauses that govern them. */
public final class ConceptModel {
    public static final String BUNDLED = "policybot/bot/concepts.yaml";
    /** Words that, within this many words before a phrase, say the thing is absent ("no names"). */
    private static final int NEGATION_REACH = 3;
    private static final Set<String> NEGATIONS = Set.of("no", "not", "without", "dont", "never", "none", "zero",
            "nothing", "isnt", "arent", "non", "nobody", "neither", "nor");

    private final List<Concept> concepts;
    /**
     * Every phrase of every concept under its first word, in model order (concept, then phrase),
     * and apart those whose first word is a prefix ("address*"): a message's word is compared only
     * with the phrases that can start there. Trying every phrase at every word was a quarter of
     * an answer's time.
     */
    private final Map<String, List<Candidate>> byFirstWord = new HashMap<>();
    /** Phrases whose first word is a prefix, under that prefix's first letter. */
    private final Map<Character, List<Candidate>> prefixFirst = new HashMap<>();

    private record Candidate(int order, Concept concept, Phrase phrase) {
    }

    public ConceptModel(List<Concept> concepts) {
        this.concepts = List.copyOf(concepts);
        int order = 0;
        for (Concept c : this.concepts) {
            for (Phrase p : c.phrases()) {
                Candidate candidate = new Candidate(order++, c, p);
                if (p.prefix().get(0)) {
                    // a phrase's words are never empty (Phrase.of)
                    prefixFirst.computeIfAbsent(p.words().get(0).charAt(0), k -> new ArrayList<>()).add(candidate);
                } else {
                    byFirstWord.computeIfAbsent(p.words().get(0), w -> new ArrayList<>()).add(candidate);
                }
            }
        }
    }

    public static ConceptModel bundled() {
        try (InputStream in = ConceptModel.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the concept model " + BUNDLED + " is missing from the class path");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ConceptModel parse(byte[] yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        List<Concept> concepts = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode node : root) {
            String key = node.path("key").asText("");
            if (key.isEmpty() || !keys.add(key)) {
                throw new IllegalArgumentException("concept with a missing or repeated key: '" + key + "'");
            }
            ConceptGroup group = ConceptGroup.valueOf(node.path("group").asText("topic").toUpperCase(Locale.ROOT));
            List<Phrase> phrases = new ArrayList<>();
            for (JsonNode p : node.path("phrases")) {
                phrases.add(Phrase.of(p.asText()));
            }
            Map<String, Double> clauses = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path("clauses").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                clauses.put(e.getKey(), e.getValue().asDouble());
            }
            String team = node.hasNonNull("team") ? node.get("team").asText() : null;
            concepts.add(new Concept(key, group, phrases, clauses, team, node.path("signals").asBoolean(false)));
        }
        return new ConceptModel(concepts);
    }

    public List<Concept> concepts() {
        return concepts;
    }

    public Optional<Concept> concept(String key) {
        return concepts.stream().filter(c -> c.key().equals(key)).findFirst();
    }

    /**
     * Every word any phrase uses, and the common endings of the words a phrase takes by prefix
     * ("address*" gives "addresses"): what the spelling corrector may correct towards.
     */
    public Set<String> vocabulary() {
        Set<String> words = new LinkedHashSet<>();
        for (Concept c : concepts) {
            for (Phrase p : c.phrases()) {
                for (int i = 0; i < p.words().size(); i++) {
                    String w = p.words().get(i);
                    words.add(w);
                    if (p.prefix().get(i)) {
                        for (String ending : List.of("s", "es", "ed", "ing", "ment", "ments", "ion", "ions")) {
                            words.add(w + ending);
                        }
                    }
                }
            }
        }
        return words;
    }

    /**
     * The concepts in a message, in the order of their first mention; for each, its first
     * un-negated match if there is one, else its first match.
     */
    public List<ConceptMatch> match(List<String> tokens) {
        Map<String, ConceptMatch> found = new LinkedHashMap<>();
        // every match, not only each concept's first: a later mention can hold another concept's word
        List<ConceptMatch> all = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        Set<Concept> matchedHere = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < tokens.size(); i++) {
            // the phrases that can stand here, in model order: for each concept its first phrase
            // that matches, concepts in model order, as trying them all in that order would find
            String token = tokens.get(i);
            candidates.clear();
            candidates.addAll(byFirstWord.getOrDefault(token, List.of()));
            List<Candidate> prefixed = token.isEmpty() ? List.of() : prefixFirst.getOrDefault(token.charAt(0), List.of());
            for (Candidate c : prefixed) {
                if (token.startsWith(c.phrase().words().get(0))) {
                    candidates.add(c);
                }
            }
            candidates.sort(Comparator.comparingInt(Candidate::order));
            matchedHere.clear();
            for (Candidate c : candidates) {
                Concept concept = c.concept();
                if (matchedHere.contains(concept) || !c.phrase().matchesAt(tokens, i)) {
                    continue;
                }
                matchedHere.add(concept);
                boolean negated = negatedAt(tokens, i);
                ConceptMatch match = new ConceptMatch(concept, c.phrase(), i, negated);
                all.add(match);
                ConceptMatch before = found.get(concept.key());
                if (before == null || before.negated() && !negated) {
                    found.put(concept.key(), match);
                }
            }
        }
        List<ConceptMatch> ordered = new ArrayList<>(found.values());
        // Among things talked about (data, topics, people), a phrase inside a longer phrase of another
        // concept is that concept's word, not its own: "other policies or documents" is about
        // associated documents, "IP address" is personal data. The same holds among markers (in "the
        // panel decides" the deciding is the panel's, not the AI's) and among activities. Services and activities overlap
        // other concepts by design ("decide automatically" is a decision and a missing human).
        // A concept whose every mention lies inside another's phrase goes; one mentioned on its own elsewhere
        // keeps that mention ("EU AI Act ... our EU research partners": the partners are the foreign law's).
        for (int k = 0; k < ordered.size(); k++) {
            ConceptMatch m = ordered.get(k);
            if (insideAnother(m, all)) {
                ConceptMatch free = null;
                for (ConceptMatch other : all) {
                    if (other.concept() == m.concept() && !insideAnother(other, all)
                            && (free == null || free.negated() && !other.negated())) {
                        free = other;
                    }
                }
                ordered.set(k, free);
            }
        }
        ordered.removeIf(java.util.Objects::isNull);
        ordered.sort(java.util.Comparator.comparingInt(ConceptMatch::position));
        return ordered;
    }

    private static boolean insideAnother(ConceptMatch m, List<ConceptMatch> all) {
        for (ConceptMatch longer : all) {
            if (longer.concept() != m.concept() && sameKind(longer, m) && contains(longer, m)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSubject(ConceptMatch m) {
        ConceptGroup g = m.concept().group();
        return g == ConceptGroup.DATA || g == ConceptGroup.TOPIC || g == ConceptGroup.PERSON;
    }

    private static boolean sameKind(ConceptMatch a, ConceptMatch b) {
        boolean markers = a.concept().group() == ConceptGroup.MARKER && b.concept().group() == ConceptGroup.MARKER;
        // "shortlist suppliers" is buying, not recruiting
        boolean activities = a.concept().group() == ConceptGroup.ACTIVITY && b.concept().group() == ConceptGroup.ACTIVITY;
        return markers || activities || isSubject(a) && isSubject(b);
    }

    private static boolean contains(ConceptMatch outer, ConceptMatch inner) {
        int outerEnd = outer.position() + outer.phrase().length();
        int innerEnd = inner.position() + inner.phrase().length();
        return outer.phrase().length() > inner.phrase().length() && outer.position() <= inner.position()
                && innerEnd <= outerEnd;
    }

    private static boolean negatedAt(List<String> tokens, int at) {
        for (int i = Math.max(0, at - NEGATION_REACH); i < at; i++) {
            if (NEGATIONS.contains(tokens.get(i))) {
                return true;
            }
        }
        return false;
    }
}
