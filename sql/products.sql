-- The products database: items, carts, purchases, feedback, and the per-seller and per-buyer
-- totals that move with them. Every invariant of a purchase or a vote lives in this one
-- database, inside one transaction (see docs/ARCHITECTURE.md, "Consistency").
-- Applied idempotently (by `./market up` and by the test suite); safe to run again.

CREATE TABLE IF NOT EXISTS market_schema (
    name    text PRIMARY KEY,
    version integer NOT NULL
);

-- Backs up MarketCore's keyword rules: at most 5, each non-empty, lower-case, without spaces.
-- (MarketCore counts 8 characters as people count them; the database bounds code points.)
-- Called by market_check_item below.
CREATE OR REPLACE FUNCTION market_valid_keywords(keywords text[]) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    keyword text;
BEGIN
    IF cardinality(keywords) > 5 THEN
        RETURN false;
    END IF;
    FOREACH keyword IN ARRAY keywords LOOP
        -- No spaces: item_terms joins pairs of terms with one.
        IF keyword IS NULL OR char_length(keyword) NOT BETWEEN 1 AND 32 OR keyword <> lower(keyword)
           OR strpos(keyword, ' ') > 0 THEN
            RETURN false;
        END IF;
    END LOOP;
    RETURN true;
END;
$$;

CREATE TABLE IF NOT EXISTS items (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category    integer NOT NULL,
    seller_id   bigint NOT NULL,
    -- Copied from the customers database at registration; sellers cannot rename themselves.
    seller_name text NOT NULL,
    -- category, name, keywords and condition are checked by market_check_item below.
    name        text NOT NULL,
    keywords    text[] NOT NULL,
    -- What search matches: the keywords plus the lower-cased words of the name.
    terms       text[] NOT NULL,
    condition   text NOT NULL,
    price       numeric(12, 2) NOT NULL CHECK (price > 0 AND price <= 1000000),
    quantity    integer NOT NULL CHECK (quantity >= 0),
    thumbs_up   integer NOT NULL DEFAULT 0 CHECK (thumbs_up >= 0),
    thumbs_down integer NOT NULL DEFAULT 0 CHECK (thumbs_down >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);
-- Browsing newest first within a category (and, by the primary key, across all); keyword search
-- uses item_terms below. Neither price nor quantity is indexed, so price changes, purchases and
-- unit removals are HOT updates that touch no index; items with no units left are filtered out
-- when read.
CREATE INDEX IF NOT EXISTS items_category_id ON items (category, id);
CREATE INDEX IF NOT EXISTS items_seller ON items (seller_id, id);

-- Backs up MarketCore's rules for what an item is given at registration and never changes:
-- category, name, keywords and condition. A trigger rather than CHECK constraints because
-- PostgreSQL evaluates every CHECK constraint of a table on every update of a row, reading and
-- preparing each expression anew for each statement: price, unit and vote changes (most of the
-- writes) paid for text rules they cannot break, 8 % of the database's CPU under load
-- (ExecConstraints; schema 7 and earlier). This fires only when one of these columns is written.
-- The rules that updates can break (price, quantity, votes) stay CHECK constraints.
CREATE OR REPLACE FUNCTION market_check_item() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    -- A null is left to the columns' NOT NULL.
    IF NEW.category < 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', COLUMN = 'category', MESSAGE = 'an item''s category cannot be negative';
    END IF;
    IF char_length(NEW.name) NOT BETWEEN 1 AND 256 OR NEW.name ~ '[[:cntrl:]]' THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', COLUMN = 'name', MESSAGE = 'an item''s name must be 1 to 256 characters without control characters';
    END IF;
    IF NOT market_valid_keywords(NEW.keywords) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', COLUMN = 'keywords', MESSAGE = 'an item has at most 5 keywords, each lower-case without spaces';
    END IF;
    IF NEW.condition NOT IN ('new', 'used') THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', COLUMN = 'condition', MESSAGE = 'an item''s condition is new or used';
    END IF;
    RETURN NEW;
END;
$$;
CREATE OR REPLACE TRIGGER items_check_on_write BEFORE INSERT OR UPDATE OF category, name, keywords, condition ON items
    FOR EACH ROW EXECUTE FUNCTION market_check_item();
-- Schema 7 and earlier checked these with CHECK constraints (PostgreSQL's default names).
DO $$
BEGIN
    IF (SELECT version FROM market_schema WHERE name = 'products') < 8 THEN
        ALTER TABLE items DROP CONSTRAINT IF EXISTS items_category_check,
                          DROP CONSTRAINT IF EXISTS items_name_check,
                          DROP CONSTRAINT IF EXISTS items_keywords_check,
                          DROP CONSTRAINT IF EXISTS items_condition_check;
    END IF;
END;
$$;
-- Indexes of schema versions 1 and 2, replaced by the ones above and by item_terms.
DROP INDEX IF EXISTS items_terms_gin;
DROP INDEX IF EXISTS items_terms;
DROP INDEX IF EXISTS items_category_price;
DROP INDEX IF EXISTS items_price;

-- The search index: one row per term of every item with units on sale, kept by the triggers
-- below in the same transaction as the change to the item. Ordered by (term, item): the newest
-- items matching a term are an index range read backwards, whatever the term's frequency.
CREATE TABLE IF NOT EXISTS item_terms (
    term     text NOT NULL,
    item_id  bigint NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    category integer NOT NULL,
    PRIMARY KEY (term, item_id)
);
CREATE INDEX IF NOT EXISTS item_terms_category ON item_terms (term, category, item_id);
CREATE INDEX IF NOT EXISTS item_terms_item ON item_terms (item_id);
-- For searches of several words that rarely go together: intersecting whole posting lists. Its
-- column never changes after registration, so price and unit changes stay HOT updates.
-- (fastupdate off: no pending list for searches to scan.)
CREATE INDEX IF NOT EXISTS items_terms_every ON items USING gin (terms) WITH (fastupdate = off);

-- A pair of terms as one search term, "a b" with the two in byte order: an item with terms
-- {oak, lamp, red} is also indexed under "lamp oak", "lamp red" and "oak red", so the items
-- matching two words are one index range however common each word is. Terms never contain a
-- space, and search words never do, so a pair never matches a single word.
CREATE OR REPLACE FUNCTION market_term_pair(a text, b text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT CASE WHEN a COLLATE "C" < b COLLATE "C" THEN a || ' ' || b ELSE b || ' ' || a END
$$;

-- The rows of item_terms for one item: each term, and each pair of distinct terms (for the
-- one-off backfills below; the trigger writes the same out).
CREATE OR REPLACE FUNCTION market_item_terms(terms text[]) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT DISTINCT t FROM unnest(terms) AS t
    UNION
    SELECT market_term_pair(a, b) FROM unnest(terms) AS a, unnest(terms) AS b
     WHERE a COLLATE "C" < b COLLATE "C"
$$;

CREATE OR REPLACE FUNCTION market_index_item_terms() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF NEW.quantity > 0 AND (TG_OP = 'INSERT' OR OLD.quantity = 0) THEN
        -- market_item_terms, written out: a set-returning SQL function would be parsed again
        -- for every item, where this statement is planned once per connection.
        INSERT INTO item_terms (term, item_id, category)
             SELECT t, NEW.id, NEW.category FROM unnest(NEW.terms) AS t
             UNION
             SELECT market_term_pair(a, b), NEW.id, NEW.category FROM unnest(NEW.terms) AS a, unnest(NEW.terms) AS b
              WHERE a COLLATE "C" < b COLLATE "C"
        ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'UPDATE' AND NEW.quantity = 0 AND OLD.quantity > 0 THEN
        DELETE FROM item_terms WHERE item_id = NEW.id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE OR REPLACE TRIGGER items_index_terms_on_insert AFTER INSERT ON items
    FOR EACH ROW EXECUTE FUNCTION market_index_item_terms();
-- Fires only when an item sells out or comes back: purchases and price changes pay nothing.
CREATE OR REPLACE TRIGGER items_index_terms_on_update AFTER UPDATE OF quantity ON items
    FOR EACH ROW WHEN ((OLD.quantity > 0) IS DISTINCT FROM (NEW.quantity > 0))
    EXECUTE FUNCTION market_index_item_terms();
-- Items of schema version 2 and earlier, indexed once.
INSERT INTO item_terms (term, item_id, category)
     SELECT t, i.id, i.category FROM items AS i, market_item_terms(i.terms) AS t
      WHERE i.quantity > 0 AND NOT EXISTS (SELECT 1 FROM item_terms x WHERE x.item_id = i.id)
ON CONFLICT DO NOTHING;
-- Items indexed by schema versions 3 and 4 lack their pairs: added once, on the upgrade.
DO $$
BEGIN
    IF (SELECT version FROM market_schema WHERE name = 'products') BETWEEN 3 AND 4 THEN
        INSERT INTO item_terms (term, item_id, category)
             SELECT t, i.id, i.category FROM items AS i, market_item_terms(i.terms) AS t
              WHERE i.quantity > 0 AND position(' ' in t) > 0
        ON CONFLICT DO NOTHING;
    END IF;
END;
$$;

-- Search terms without the accents of Latin letters, so that "cafe" finds "café" (schema 10), and
-- with full-width forms of ASCII as ASCII, as Chinese, Japanese and Korean input methods type
-- them, so that "ＵＳＢ" is usb (schema 15): MarketCore's Text.searchTerm does it for new items and
-- for searches; this does the same to the terms of older items, once, and indexes them again.
-- Only marks (U+0300–U+036F) that follow a Latin letter go, in the decomposed form.
CREATE OR REPLACE FUNCTION market_search_term(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT normalize(regexp_replace(normalize(translate(t,
        '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　',
        '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ '), NFD), '([\u0041-\u024f])[\u0300-\u036f]+', '\1', 'g'), NFC) $$;
-- Indexes the items `p_items` again after an upgrade changed their terms.
CREATE OR REPLACE FUNCTION market_reindex_item_terms(p_items bigint[]) RETURNS void
    LANGUAGE sql
AS $$
    DELETE FROM item_terms x WHERE x.item_id = ANY (p_items);
    INSERT INTO item_terms (term, item_id, category)
         SELECT t, i.id, i.category FROM items AS i, market_item_terms(i.terms) AS t
          WHERE i.id = ANY (p_items) AND i.quantity > 0
    ON CONFLICT DO NOTHING;
$$;
DO $$
DECLARE
    v_folded bigint[];
BEGIN
    IF (SELECT version FROM market_schema WHERE name = 'products') < 15 THEN
        v_folded := ARRAY(SELECT i.id FROM items i WHERE EXISTS (SELECT 1 FROM unnest(i.terms) AS t WHERE t <> market_search_term(t)));
        -- Each folded term once, where it first came (as Text.searchTerms keeps them).
        UPDATE items i SET terms = ARRAY(
                SELECT f.term FROM (SELECT market_search_term(u.t) AS term, min(u.n) AS n
                                      FROM unnest(i.terms) WITH ORDINALITY AS u (t, n) GROUP BY 1) AS f
                 ORDER BY f.n)
         WHERE i.id = ANY (v_folded);
        PERFORM market_reindex_item_terms(v_folded);
    END IF;
END;
$$;

-- Chinese and Japanese put no spaces between words, so a word of a name that changes script
-- ("東京タワー") is also indexed by its runs of one script (東京, タワー; Text.scriptParts, schema
-- 13). Items registered before get the Chinese and Japanese runs here, once (the other runs of
-- such words, as the "usb" of "usb充電器", only items registered since have).
DO $$
DECLARE
    v_mixed bigint[];
BEGIN
    IF (SELECT version FROM market_schema WHERE name = 'products') < 13 THEN
        CREATE TEMPORARY TABLE market_script_parts ON COMMIT DROP AS
            SELECT i.id, array_agg(DISTINCT r.part[1]) AS parts
              FROM items i, regexp_matches(lower(i.name), '[㐀-䶿一-鿿豈-﫿]+|[ぁ-ゟ]+|[゠-ヿㇰ-ㇿ]+', 'g') AS r (part)
             WHERE i.name ~ '[㐀-䶿一-鿿豈-﫿ぁ-ゟ゠-ヿㇰ-ㇿ]' AND r.part[1] <> ALL (i.terms)
             GROUP BY i.id;
        v_mixed := ARRAY(SELECT id FROM market_script_parts);
        UPDATE items i SET terms = i.terms || p.parts FROM market_script_parts p WHERE i.id = p.id;
        PERFORM market_reindex_item_terms(v_mixed);
    END IF;
END;
$$;

-- Names of categories (schema 11): what people read beside the number, and what they may type
-- instead of it. An item's category stays a number (no foreign key): a seller may list in a
-- category without a name, which clients then show as its number. The usual ones are named
-- once, when the table is new; an operator renames, adds or removes them with plain SQL, and
-- applying this file again leaves their choice alone.
CREATE TABLE IF NOT EXISTS category_names (
    category integer PRIMARY KEY CHECK (category >= 0),
    name     text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 32 AND name = btrim(name))
);
CREATE UNIQUE INDEX IF NOT EXISTS category_names_name ON category_names (lower(name));
DO $$
BEGIN
    IF coalesce((SELECT version FROM market_schema WHERE name = 'products'), 0) < 11 THEN
        INSERT INTO category_names (category, name)
             VALUES (0, 'Other'), (1, 'Books'), (2, 'Electronics'), (3, 'Home & kitchen'), (4, 'Sports & outdoors'),
                    (5, 'Toys & games'), (6, 'Clothing'), (7, 'Music'), (8, 'Garden')
        ON CONFLICT DO NOTHING;
    END IF;
END;
$$;

-- Running totals, updated in the same transaction as the purchase or vote that moves them.
CREATE TABLE IF NOT EXISTS seller_stats (
    seller_id   bigint PRIMARY KEY,
    thumbs_up   bigint NOT NULL DEFAULT 0 CHECK (thumbs_up >= 0),
    thumbs_down bigint NOT NULL DEFAULT 0 CHECK (thumbs_down >= 0),
    items_sold  bigint NOT NULL DEFAULT 0 CHECK (items_sold >= 0)
);
-- How many items each seller has listed (items are never deleted; sold-out ones stay listed), kept
-- by a trigger in the same transaction as the registration: DisplayItemsForSale reads its total
-- here instead of counting the seller's items, which visited a heap page per item (schema 7).
ALTER TABLE seller_stats ADD COLUMN IF NOT EXISTS items_listed bigint NOT NULL DEFAULT 0 CHECK (items_listed >= 0);

CREATE OR REPLACE FUNCTION market_count_listed_item() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO seller_stats AS s (seller_id, items_listed) VALUES (NEW.seller_id, 1)
        ON CONFLICT (seller_id) DO UPDATE SET items_listed = s.items_listed + 1;
    RETURN NULL;
END;
$$;
CREATE OR REPLACE TRIGGER items_count_on_insert AFTER INSERT ON items
    FOR EACH ROW EXECUTE FUNCTION market_count_listed_item();
-- Sellers of schema version 6 and earlier, counted once on the upgrade.
DO $$
BEGIN
    IF (SELECT version FROM market_schema WHERE name = 'products') < 7 THEN
        INSERT INTO seller_stats AS s (seller_id, items_listed)
             SELECT seller_id, count(*) FROM items GROUP BY seller_id
        ON CONFLICT (seller_id) DO UPDATE SET items_listed = EXCLUDED.items_listed;
    END IF;
END;
$$;

CREATE TABLE IF NOT EXISTS buyer_stats (
    buyer_id        bigint PRIMARY KEY,
    items_purchased bigint NOT NULL DEFAULT 0 CHECK (items_purchased >= 0)
);

-- The active cart of a session, keyed like customers.sessions by the SHA-256 of the token.
-- Lines of a session that no longer exists are unreachable and are swept by the buyer server.
CREATE TABLE IF NOT EXISTS cart_lines (
    session_key bytea NOT NULL CHECK (octet_length(session_key) = 32),
    item_id     bigint NOT NULL REFERENCES items (id),
    quantity    integer NOT NULL CHECK (quantity > 0),
    added_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (session_key, item_id)
);

CREATE TABLE IF NOT EXISTS saved_cart_lines (
    buyer_id bigint NOT NULL,
    item_id  bigint NOT NULL REFERENCES items (id),
    quantity integer NOT NULL CHECK (quantity > 0),
    added_at timestamptz NOT NULL,
    PRIMARY KEY (buyer_id, item_id)
);

CREATE TABLE IF NOT EXISTS purchases (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    buyer_id     bigint NOT NULL,
    purchased_at timestamptz NOT NULL DEFAULT now(),
    total        numeric(16, 2) NOT NULL CHECK (total > 0),
    card_holder  text NOT NULL,
    -- The only part of the card number ever stored.
    card_last4   text NOT NULL CHECK (card_last4 ~ '^[0-9]{4}$')
);
CREATE INDEX IF NOT EXISTS purchases_buyer ON purchases (buyer_id, id);

CREATE TABLE IF NOT EXISTS purchase_lines (
    purchase_id bigint NOT NULL REFERENCES purchases (id),
    item_id     bigint NOT NULL REFERENCES items (id),
    category    integer NOT NULL,
    buyer_id    bigint NOT NULL,
    seller_id   bigint NOT NULL,
    item_name   text NOT NULL,
    quantity    integer NOT NULL CHECK (quantity > 0),
    unit_price  numeric(12, 2) NOT NULL CHECK (unit_price > 0),
    PRIMARY KEY (purchase_id, item_id)
);
CREATE INDEX IF NOT EXISTS purchase_lines_buyer_item ON purchase_lines (buyer_id, item_id);

-- One vote per buyer and purchased item.
CREATE TABLE IF NOT EXISTS feedback (
    buyer_id bigint NOT NULL,
    item_id  bigint NOT NULL REFERENCES items (id),
    vote     smallint NOT NULL CHECK (vote IN (-1, 1)),
    given_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (buyer_id, item_id)
);

-- Errors raised by the functions below carry these SQLSTATEs; MarketStore maps them to
-- protocol error codes:
--   MK001 empty cart, MK002 insufficient stock (DETAIL lists item:wanted:available),
--   MK003 not purchased, MK004 already rated, MK005 total changed (DETAIL is the total now),
--   MK404 no such item.

-- Checkout: buys every line of one session's active cart at current prices, all or nothing.
-- Locks are taken in one order, the same for every function here that takes more than one:
-- the session's cart lines (in item order, so that a change to the cart made meanwhile, by a
-- request of the same session, either comes before the purchase or after it, never in between),
-- then the buyer's stats row (which market_save_cart takes first too, so a save and a purchase of
-- one buyer's two sessions wait for each other instead of deadlocking), then the items in id
-- order (so concurrent checkouts cannot deadlock). Items are locked FOR NO KEY UPDATE, which
-- leaves other buyers' carts free to refer to them meanwhile. The lines are then checked,
-- decremented, recorded and removed from the cart. When the buyer confirmed a total
-- (p_expected), a different total at current prices buys nothing. What was bought also leaves
-- the buyer's saved cart, so it does not come back at the next login.
-- (Schema 5 and earlier had no p_expected.)
DROP FUNCTION IF EXISTS market_make_purchase(bytea, bigint, text, text);
CREATE OR REPLACE FUNCTION market_make_purchase(p_session bytea, p_buyer bigint, p_holder text, p_last4 text, p_expected numeric)
    RETURNS TABLE (purchase_id bigint, purchased_at timestamptz, total_cents bigint, item_id bigint,
                   category integer, item_name text, seller_id bigint, quantity integer, unit_cents bigint)
    LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    v_items    bigint[];
    v_wanted   integer[];
    v_short    text;
    v_purchase bigint;
    v_total    numeric;
BEGIN
    SELECT array_agg(c.item_id ORDER BY c.item_id), array_agg(c.quantity ORDER BY c.item_id)
      INTO v_items, v_wanted
      FROM (SELECT l.item_id, l.quantity FROM cart_lines l
             WHERE l.session_key = p_session ORDER BY l.item_id FOR UPDATE) AS c;
    IF v_items IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'MK001', MESSAGE = 'the cart is empty';
    END IF;

    INSERT INTO buyer_stats AS b (buyer_id, items_purchased)
         VALUES (p_buyer, (SELECT sum(w) FROM unnest(v_wanted) AS w))
    ON CONFLICT (buyer_id) DO UPDATE SET items_purchased = b.items_purchased + EXCLUDED.items_purchased;

    PERFORM 1 FROM items i WHERE i.id = ANY (v_items) ORDER BY i.id FOR NO KEY UPDATE;

    -- Each short line with its name, so the buyer is told which item in words (JSON: names may
    -- hold any character).
    SELECT json_agg(json_build_object('item', format('%s-%s', i.category, i.id), 'name', i.name,
                                      'wanted', w.wanted, 'available', i.quantity) ORDER BY i.id)::text
      INTO v_short
      FROM unnest(v_items, v_wanted) AS w (id, wanted)
      JOIN items i ON i.id = w.id
     WHERE i.quantity < w.wanted;
    IF v_short IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'MK002', MESSAGE = 'insufficient stock', DETAIL = v_short;
    END IF;

    SELECT sum(i.price * w.wanted) INTO v_total
      FROM unnest(v_items, v_wanted) AS w (id, wanted) JOIN items i ON i.id = w.id;
    IF p_expected IS NOT NULL AND v_total <> p_expected THEN
        RAISE EXCEPTION USING ERRCODE = 'MK005', MESSAGE = 'the total changed', DETAIL = v_total::text;
    END IF;

    UPDATE items i SET quantity = i.quantity - w.wanted
      FROM unnest(v_items, v_wanted) AS w (id, wanted)
     WHERE i.id = w.id;

    INSERT INTO purchases (buyer_id, total, card_holder, card_last4)
         VALUES (p_buyer, v_total, p_holder, p_last4)
      RETURNING id INTO v_purchase;

    INSERT INTO purchase_lines (purchase_id, item_id, category, buyer_id, seller_id, item_name, quantity, unit_price)
         SELECT v_purchase, i.id, i.category, p_buyer, i.seller_id, i.name, w.wanted, i.price
           FROM unnest(v_items, v_wanted) AS w (id, wanted) JOIN items i ON i.id = w.id;

    INSERT INTO seller_stats AS s (seller_id, items_sold)
         SELECT l.seller_id, sum(l.quantity) FROM purchase_lines l
          WHERE l.purchase_id = v_purchase GROUP BY l.seller_id ORDER BY l.seller_id
    ON CONFLICT (seller_id) DO UPDATE SET items_sold = s.items_sold + EXCLUDED.items_sold;

    -- Under the buyer's stats row lock, like market_save_cart.
    DELETE FROM saved_cart_lines s
     USING unnest(v_items, v_wanted) AS w (id, wanted)
     WHERE s.buyer_id = p_buyer AND s.item_id = w.id AND s.quantity <= w.wanted;
    UPDATE saved_cart_lines s SET quantity = s.quantity - w.wanted
      FROM unnest(v_items, v_wanted) AS w (id, wanted)
     WHERE s.buyer_id = p_buyer AND s.item_id = w.id;

    DELETE FROM cart_lines c WHERE c.session_key = p_session AND c.item_id = ANY (v_items);

    RETURN QUERY
        SELECT p.id, p.purchased_at, (p.total * 100)::bigint, l.item_id, l.category, l.item_name,
               l.seller_id, l.quantity, (l.unit_price * 100)::bigint
          FROM purchases p JOIN purchase_lines l ON l.purchase_id = p.id
         WHERE p.id = v_purchase
         ORDER BY l.item_id;
END;
$$;

-- Takes units of an item out of one session's cart, dropping the line at zero. The line is
-- locked as it is read and then changed in a statement of its own, which sees it as locked: an
-- add or a checkout of the same session running meanwhile comes wholly before or after (in one
-- statement, the change would look for the line as it was before the lock, and find nothing).
-- Returns the units the line held (null: not in the cart) and the units left (null: refused,
-- more than it holds). (Schema 14.)
CREATE OR REPLACE FUNCTION market_remove_from_cart(p_session bytea, p_item bigint, p_category integer, p_quantity integer)
    RETURNS TABLE (held integer, units_left integer)
    LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    v_held integer;
BEGIN
    SELECT c.quantity INTO v_held FROM cart_lines c JOIN items i ON i.id = c.item_id
     WHERE c.session_key = p_session AND c.item_id = p_item AND i.category = p_category
       FOR UPDATE OF c;
    IF NOT FOUND THEN
        RETURN QUERY SELECT NULL::integer, NULL::integer;
    ELSIF v_held > p_quantity THEN
        UPDATE cart_lines c SET quantity = c.quantity - p_quantity WHERE c.session_key = p_session AND c.item_id = p_item;
        RETURN QUERY SELECT v_held, v_held - p_quantity;
    ELSIF v_held = p_quantity THEN
        DELETE FROM cart_lines c WHERE c.session_key = p_session AND c.item_id = p_item;
        RETURN QUERY SELECT v_held, 0;
    ELSE
        RETURN QUERY SELECT v_held, NULL::integer;
    END IF;
END;
$$;

-- Replaces a buyer's saved cart with one session's active cart. The buyer's stats row is the
-- lock that keeps two sessions of one buyer from interleaving their saves.
CREATE OR REPLACE FUNCTION market_save_cart(p_session bytea, p_buyer bigint) RETURNS integer
    LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    v_lines integer;
BEGIN
    INSERT INTO buyer_stats (buyer_id) VALUES (p_buyer) ON CONFLICT (buyer_id) DO NOTHING;
    PERFORM 1 FROM buyer_stats WHERE buyer_id = p_buyer FOR UPDATE;
    DELETE FROM saved_cart_lines WHERE buyer_id = p_buyer;
    INSERT INTO saved_cart_lines (buyer_id, item_id, quantity, added_at)
         SELECT p_buyer, c.item_id, c.quantity, c.added_at FROM cart_lines c WHERE c.session_key = p_session;
    GET DIAGNOSTICS v_lines = ROW_COUNT;
    RETURN v_lines;
END;
$$;

-- One vote per buyer and purchased item; moves the item's and its seller's totals together.
CREATE OR REPLACE FUNCTION market_provide_feedback(p_buyer bigint, p_item bigint, p_category integer, p_vote smallint)
    RETURNS TABLE (thumbs_up integer, thumbs_down integer)
    LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    v_seller bigint;
BEGIN
    PERFORM 1 FROM items i WHERE i.id = p_item AND i.category = p_category;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'MK404', MESSAGE = 'no such item';
    END IF;
    PERFORM 1 FROM purchase_lines l WHERE l.buyer_id = p_buyer AND l.item_id = p_item;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'MK003', MESSAGE = 'item not purchased by this buyer';
    END IF;
    INSERT INTO feedback (buyer_id, item_id, vote) VALUES (p_buyer, p_item, p_vote)
        ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'MK004', MESSAGE = 'already rated';
    END IF;
    UPDATE items i
       SET thumbs_up = i.thumbs_up + (p_vote = 1)::integer,
           thumbs_down = i.thumbs_down + (p_vote = -1)::integer
     WHERE i.id = p_item
    RETURNING i.seller_id INTO v_seller;
    INSERT INTO seller_stats AS s (seller_id, thumbs_up, thumbs_down)
         VALUES (v_seller, (p_vote = 1)::integer, (p_vote = -1)::integer)
    ON CONFLICT (seller_id) DO UPDATE
         SET thumbs_up = s.thumbs_up + EXCLUDED.thumbs_up, thumbs_down = s.thumbs_down + EXCLUDED.thumbs_down;
    RETURN QUERY SELECT i.thumbs_up, i.thumbs_down FROM items i WHERE i.id = p_item;
END;
$$;

-- A seller's activity: units sold and votes received, which only grow, so their sum tells a
-- dashboard whether anything happened since it last looked. Every change is announced on
-- market_seller_activity with the seller's ID, at commit (schema 9); the seller servers listen
-- and wake the dashboards waiting in AwaitSellerActivity. Registrations (items_listed) are not
-- activity.
CREATE OR REPLACE FUNCTION market_announce_seller_activity() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_notify('market_seller_activity', NEW.seller_id::text);
    RETURN NULL;
END;
$$;
CREATE OR REPLACE TRIGGER seller_stats_announce_insert AFTER INSERT ON seller_stats
    FOR EACH ROW WHEN (NEW.items_sold + NEW.thumbs_up + NEW.thumbs_down > 0)
    EXECUTE FUNCTION market_announce_seller_activity();
CREATE OR REPLACE TRIGGER seller_stats_announce_update AFTER UPDATE ON seller_stats
    FOR EACH ROW WHEN ((OLD.items_sold, OLD.thumbs_up, OLD.thumbs_down) IS DISTINCT FROM (NEW.items_sold, NEW.thumbs_up, NEW.thumbs_down))
    EXECUTE FUNCTION market_announce_seller_activity();

INSERT INTO market_schema (name, version) VALUES ('products', 15)
    ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version;
