-- PolicyBot's store: one schema for SQLite (embedded default) and PostgreSQL (several instances).
-- Portable SQL only; ${id} is the one difference (how a generated key column is declared).
-- Times are milliseconds since the epoch (UTC) as BIGINT, from the application's clock; dates
-- (review dates of exceptions) are ISO-8601 text. Booleans are 0/1 integers.

-- A message the bot should not be the last word on, handed to a specialist team.
CREATE TABLE tickets (
    id                ${id},
    team              TEXT    NOT NULL,
    kind              TEXT    NOT NULL CHECK (kind IN ('question', 'exception_request')),
    state             TEXT    NOT NULL CHECK (state IN ('open', 'claimed', 'answered', 'closed')),
    requester         TEXT    NOT NULL,
    channel           TEXT    NOT NULL,
    conversation_link TEXT,
    -- the original wording: kept only for the requester and the assigned team (never logged)
    question          TEXT    NOT NULL,
    answer_text       TEXT,
    citations         TEXT    NOT NULL,          -- JSON array of the answer's citations
    policy_version    TEXT,
    -- an exception request: what AI use, what data, why, for how long
    ai_use            TEXT,
    data_involved     TEXT,
    justification     TEXT,
    duration          TEXT,
    claimed_by        TEXT,
    reply             TEXT,                      -- the specialist's last reply, relayed to the requester
    flagged           INTEGER NOT NULL DEFAULT 0, -- 1 once nobody claimed it in time
    reposts           INTEGER NOT NULL DEFAULT 0,
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    posted_at         BIGINT  NOT NULL,          -- last (re-)posted to the team
    claimed_at        BIGINT,
    answered_at       BIGINT,
    closed_at         BIGINT
);
CREATE INDEX tickets_by_state ON tickets (state, posted_at);
CREATE INDEX tickets_by_team ON tickets (team, state);

-- Every change of a ticket: what, from which state to which, who, when.
CREATE TABLE ticket_events (
    id         ${id},
    ticket_id  BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    type       TEXT   NOT NULL,
    from_state TEXT,
    to_state   TEXT   NOT NULL,
    actor      TEXT   NOT NULL,
    note       TEXT,
    at         BIGINT NOT NULL
);
CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);

-- What the bot could not answer well, for the policy team: one row per wording (normalised
-- words), counted. Question text is redacted before it gets here.
CREATE TABLE review_items (
    id                   ${id},
    wording_key          TEXT    NOT NULL UNIQUE,
    example              TEXT    NOT NULL,       -- the first redacted wording seen
    latest_question      TEXT    NOT NULL,       -- the last redacted wording seen
    answer_kind          TEXT    NOT NULL,       -- of the last answer given
    answer_text          TEXT    NOT NULL,
    confidence           DOUBLE PRECISION NOT NULL,
    policy_version       TEXT,
    occurrences          INTEGER NOT NULL,
    no_answer_count      INTEGER NOT NULL DEFAULT 0,
    low_confidence_count INTEGER NOT NULL DEFAULT 0,
    not_helpful_count    INTEGER NOT NULL DEFAULT 0,
    first_seen           BIGINT  NOT NULL,
    last_seen            BIGINT  NOT NULL,
    status               TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'covered', 'dismissed')),
    resolution           TEXT,                   -- "clause 2.2", "synonym ...", or why dismissed
    resolved_by          TEXT,
    resolved_at          BIGINT
);
CREATE INDEX review_items_by_status ON review_items (status, last_seen);

-- "Was this helpful?" from any channel. Question and reason are redacted.
CREATE TABLE feedback (
    id             ${id},
    question_id    TEXT,
    helpful        INTEGER NOT NULL,
    reason         TEXT,
    question       TEXT    NOT NULL,
    answer_kind    TEXT    NOT NULL,
    policy_version TEXT,
    channel        TEXT,
    review_item_id BIGINT REFERENCES review_items (id) ON DELETE SET NULL,
    at             BIGINT  NOT NULL
);

-- Outbound deliveries, written in the transaction of the change that causes them, delivered at
-- least once (idempotency key), with back-off, a lease for claimed items and a dead-letter state.
CREATE TABLE outbox (
    id              ${id},
    destination     TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL UNIQUE,
    payload         TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'delivering', 'delivered', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    lease_until     BIGINT,
    claimed_by      TEXT,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    delivered_at    BIGINT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- The outcome of exception requests (the policy: agreed exceptions are recorded and
-- periodically reviewed). Kept apart from tickets so that purging old tickets keeps the register.
CREATE TABLE exceptions_register (
    id               ${id},
    ticket_id        BIGINT,
    requester        TEXT   NOT NULL,
    ai_use           TEXT   NOT NULL,
    data_involved    TEXT,
    justification    TEXT,
    duration         TEXT,
    outcome          TEXT   NOT NULL CHECK (outcome IN ('agreed', 'refused')),
    conditions       TEXT,
    decided_by       TEXT   NOT NULL,
    decided_at       BIGINT NOT NULL,
    review_on        TEXT,                       -- ISO date the agreed exception is next reviewed
    expires_on       TEXT,                       -- ISO date it lapses, if it does
    last_reviewed_at BIGINT
);
CREATE INDEX exceptions_by_review ON exceptions_register (review_on);
