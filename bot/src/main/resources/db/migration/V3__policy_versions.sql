-- Versions of the policy installed with `policybot policy load`: every instance serving this store
-- follows the latest one, and a restarted instance starts on it. The document is kept whole so an
-- instance never needs a file another machine has.
CREATE TABLE policy_versions (
    id           ${id},
    version      TEXT    NOT NULL,
    sha256       TEXT    NOT NULL,
    document     TEXT    NOT NULL,
    installed_at BIGINT  NOT NULL,
    installed_by TEXT    NOT NULL
);
