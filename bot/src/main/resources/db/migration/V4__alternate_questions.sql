-- Staff wordings the policy team has marked as answered by a clause (from the review queue):
-- indexed with that clause, for the policy version they were added under, so that the next person
-- who asks it that way gets that clause. The wording is the redacted one the review queue kept.
CREATE TABLE alternate_questions (
    id             ${id},
    clause_id      TEXT    NOT NULL,
    wording        TEXT    NOT NULL,
    policy_version TEXT    NOT NULL,
    added_at       BIGINT  NOT NULL,
    added_by       TEXT    NOT NULL
);
CREATE INDEX alternate_questions_by_version ON alternate_questions (policy_version, id);
