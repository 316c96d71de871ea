package policybot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PolicyParserTest {
    private static final String TEXT = PolicySource.bundledText();
    private final PolicyDocument policy = new PolicyParser().parse(TEXT);

    @Test
    void clauseCountsPerSectionArePinned() {
        // A change in the document's layout must show up here, not be absorbed silently.
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("Document control", 5);
        expected.put("Policy Statement", 8);
        expected.put("Objectives", 4);
        expected.put("Purposes", 4);
        expected.put("Scope", 12);
        expected.put("Policy Details", 31);
        expected.put("Underpinning principles", 3);
        expected.put("Exceptions", 1);
        expected.put("Roles", 17);
        expected.put("Definitions", 14);
        expected.put("Associated Documents", 7);
        expected.put("References", 2);
        expected.put("Appendix 1", 110);
        assertEquals(expected, policy.countsBySection());
    }

    @Test
    void idsAreUniqueAndStableAcrossParses() {
        List<String> first = policy.clauses().stream().map(Clause::id).toList();
        List<String> second = new PolicyParser().parse(TEXT).clauses().stream().map(Clause::id).toList();
        assertEquals(first, second);
        assertEquals(first.size(), first.stream().distinct().count());
    }

    @Test
    void everyClauseIsAVerbatimSpanOfThePolicy() {
        assertEquals(List.of(), new VerbatimCheck(TEXT).violations(policy));
    }

    @Test
    void verbatimCheckRejectsAParaphrase() {
        VerbatimCheck check = new VerbatimCheck(TEXT);
        assertTrue(check.isVerbatim("not upload any personal data (as defined by GDPR) to public AI services"));
        assertFalse(check.isVerbatim("never upload personal data to public AI services"));
    }

    @Test
    void htmlMarkupAndMarkdownAreStrippedAndQuotesAreShort() {
        for (Clause c : policy.clauses()) {
            assertFalse(c.text().matches(".*<[a-zA-Z/][^>]*>.*"), () -> c.id() + " still has a tag: " + c.text());
            assertFalse(c.text().contains("**") || c.text().contains("](#)"), () -> c.id() + " has Markdown");
            assertFalse(c.text().startsWith("•") || c.text().startsWith("- "), () -> c.id() + " keeps its bullet");
            assertTrue(c.text().length() <= 600, () -> c.id() + " is longer than a quote may be");
            assertFalse(c.text().isBlank(), () -> c.id() + " is empty");
        }
    }

    @Test
    void policyDetailsCarryObligationPrincipleAndSectionPath() {
        Clause personalData = policy.clause("2.2").orElseThrow();
        assertEquals("not upload any personal data (as defined by GDPR) to public AI services, whether free or paid for,",
                personalData.text());
        assertEquals("Policy Details > 2) Legality > Staff must", personalData.section());
        assertEquals(Obligation.MUST_NOT, personalData.obligation());
        assertEquals("Legality", personalData.principle());

        Clause should = policy.clause("2.7").orElseThrow();
        assertEquals(Obligation.SHOULD, should.obligation());
        assertEquals("Policy Details > 2) Legality > Staff should", should.section());

        Clause contestability = policy.clause("3.principle.2").orElseThrow();
        assertEquals(ClauseKind.PRINCIPLE, contestability.kind());
        assertEquals("Contestability", contestability.principle());
        assertTrue(contestability.text().startsWith("We ensure that AI is used appropriately"));
    }

    @Test
    void rolesDefinitionsAndAppendixCellsAreClauses() {
        assertEquals(ClauseKind.ROLE, policy.clause("roles.2").orElseThrow().kind());
        assertEquals("DVC (Strategy and Operations)", policy.clause("roles.2").orElseThrow().text());
        assertEquals("Roles > Director of DTS", policy.clause("roles.3.1").orElseThrow().section());
        assertEquals("Reviewing and maintaining the policy.", policy.clause("roles.3.1").orElseThrow().text());

        Clause confidential = policy.clause("definitions.confidential-information.5").orElseThrow();
        assertEquals("Information provided in confidence by another organisation/party.", confidential.text());

        Clause implication = policy.clause("appendix-1.contestability.implications.1").orElseThrow();
        assertEquals("use AI for making automated decisions about humans.", implication.text());
        assertEquals(Obligation.MUST_NOT, implication.obligation());
        assertEquals("Appendix 1 > Principles > Contestability > Implications", implication.section());

        // A list that lost its <li> tags is still split into its items.
        Map<String, String> rationale = policy.clauses().stream()
                .filter(c -> c.section().equals("Appendix 1 > Principles > Transparency > Rationale"))
                .collect(Collectors.toMap(Clause::id, Clause::text, (a, b) -> a, LinkedHashMap::new));
        assertEquals(5, rationale.size());
        assertTrue(rationale.containsValue("To minimise consequences of inaccurate output from AI tools"));
    }

    @Test
    void headerIsMetadata() {
        PolicyMetadata m = policy.metadata();
        assertEquals("Policy for the use of Artificial Intelligence", m.title());
        assertEquals("1.2", m.version());
        assertEquals("30th Jan 2024", m.approvalDate());
        assertEquals("Director of Digital Technology Services", m.owner());
        assertEquals("Information Governance and Cyber Security Oversight Group (IGCSOG)", m.approvedBy());
        assertEquals("Head of Digital Architecture", m.contact());
    }

    @Test
    void aDocumentWithoutItsOutlineIsRefusedWithTheReason() {
        PolicyFormatException e = assertThrows(PolicyFormatException.class,
                () -> new PolicyParser().parse(TEXT.replace("\nExceptions\n", "\nExemptions\n")));
        assertTrue(e.getMessage().contains("Exceptions"), e.getMessage());
        assertThrows(PolicyFormatException.class, () -> new PolicyParser().parse(TEXT.replace("Version\t1.2", "")));
    }

    @Test
    void sentencesKeepAbbreviationsTogether() {
        assertEquals(List.of("Seek advice (e.g. DTS, IG) first.", "Then act."),
                PlainText.sentences("Seek advice (e.g. DTS, IG) first. Then act."));
        assertEquals(List.of("follow policies.", "take responsibility."),
                PlainText.sentences("follow policies. take responsibility.", true));
    }
}
