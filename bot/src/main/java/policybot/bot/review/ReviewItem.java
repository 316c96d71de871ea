package policybot.bot.review;

import java.time.Instant;

/**
 * One wording in the review queue: every question that normalises to the same words, counted.
 * Question text here is redacted.
 *
 * @param id                 its row id
 * @param wordingKey         the normalised words that group the questions ({@link Wording#key})
 * @param example            the first wording seen
 * @param latestQuestion     the last wording seen
 * @param answerKind         the kind of the last answer given
 * @param answerText         the last answer given
 * @param confidence         its confidence
 * @param policyVersion      the policy version it was given from
 * @param occurrences        how many times it was asked or marked (all reasons)
 * @param noAnswerCount      how many of those were no_answer
 * @param lowConfidenceCount how many were low-confidence answers
 * @param notHelpfulCount    how many were marked not helpful
 * @param firstSeen          first time
 * @param lastSeen           last time
 * @param status             new, covered or dismissed
 * @param resolution         what covers it ("clause 2.2"), or why it was dismissed
 * @param resolvedBy         who covered or dismissed it
 * @param resolvedAt         when
 */
public record ReviewItem(long id, String wordingKey, String example, String latestQuestion, String answerKind,
                         String answerText, double confidence, String policyVersion, int occurrences, int noAnswerCount,
                         int lowConfidenceCount, int notHelpfulCount, Instant firstSeen, Instant lastSeen,
                         ReviewStatus status, String resolution, String resolvedBy, Instant resolvedAt) {
}
