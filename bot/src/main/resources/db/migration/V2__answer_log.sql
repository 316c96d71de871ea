-- Questions answered per day, channel and kind of answer: what the review console charts
-- (questions per day by kind, the answer rate over time). Counts only: no question text, no user.
CREATE TABLE answer_log (
    day     TEXT    NOT NULL,               -- ISO date, UTC
    channel TEXT    NOT NULL,               -- the adapter's own name: web, slack, teams
    kind    TEXT    NOT NULL CHECK (kind IN ('answer', 'escalation', 'no_answer', 'help')),
    answers BIGINT  NOT NULL,
    PRIMARY KEY (day, channel, kind)
);
