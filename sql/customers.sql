-- The customers database: accounts of both roles and their sessions.
-- Applied idempotently (by `./market up` and by the test suite); safe to run again.

CREATE TABLE IF NOT EXISTS market_schema (
    name    text PRIMARY KEY,
    version integer NOT NULL
);

CREATE TABLE IF NOT EXISTS accounts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    role          text NOT NULL CHECK (role IN ('seller', 'buyer')),
    -- MarketCore lower-cases usernames and allows a-z 0-9 . _ - (3 to 32 of them).
    username      text NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,32}$'),
    -- MarketCore limits names to 32 characters as people count them (grapheme clusters). One
    -- grapheme can hold several code points, so the database bounds code points more loosely.
    name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 256 AND name !~ '[[:cntrl:]]'),
    -- scrypt, self-describing: $scrypt$ln=..,r=..,p=..$salt$hash (base64). Never plain text.
    password_hash text NOT NULL CHECK (password_hash LIKE '$scrypt$%'),
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (role, username)
);

-- A session is keyed by the SHA-256 of its token, so a copy of this table grants no access.
CREATE TABLE IF NOT EXISTS sessions (
    token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- Moved forward on activity (at most every few seconds, see docs/ARCHITECTURE.md).
    expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_expires_at ON sessions (expires_at);
CREATE INDEX IF NOT EXISTS sessions_account ON sessions (account_id);

-- Every ended session (logout, sweep, or by hand) is announced, so servers that cache sessions
-- they have checked forget it at once. The payload is the hex of the token hash.
CREATE OR REPLACE FUNCTION market_announce_ended_session() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_notify('market_session_ended', encode(OLD.token_hash, 'hex'));
    RETURN OLD;
END;
$$;
CREATE OR REPLACE TRIGGER sessions_announce_end AFTER DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION market_announce_ended_session();

INSERT INTO market_schema (name, version) VALUES ('customers', 2)
    ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version;
