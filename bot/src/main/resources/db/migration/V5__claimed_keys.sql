-- Keys taken once across every instance on this store (policybot.bot.store.StoreClaimedKeys): a
-- Slack event id, a request signature, a thread the bot answered in. The primary key decides who
-- took a key first; an expired key may be taken again, and expired rows are purged. Keys are ids
-- and signatures, never a person's words.
CREATE TABLE claimed_keys (
    claim_key  TEXT    NOT NULL PRIMARY KEY,
    taken_at   BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX claimed_keys_by_expiry ON claimed_keys (expires_at);
