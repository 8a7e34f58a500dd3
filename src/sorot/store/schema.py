"""The DuckDB schema of the sorot store: the one place where tables and columns are defined.

Every child table is keyed by `article_id` (schema.article_id, a hash of the normalised text), so replacing
an article is "delete its rows everywhere, insert the new ones". `inputs` remembers the content hash of each
raw input (by its location) so that a re-run skips what is stored unchanged.
"""

SCHEMA_VERSION = 1

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR,                     -- unique: the writer deletes before it inserts
    source VARCHAR NOT NULL,
    location VARCHAR,
    title VARCHAR,
    outlet VARCHAR,
    authors VARCHAR[],
    dateline VARCHAR,
    published VARCHAR,              -- as exported: ISO 8601 with or without a time
    published_at TIMESTAMPTZ,       -- for queries, when a time is known
    published_date DATE,            -- for queries, whenever the day is known
    republished BOOLEAN,
    story_date VARCHAR,
    language VARCHAR,
    text VARCHAR,
    format VARCHAR,                 -- raw input format: text or html
    url VARCHAR,
    encoding VARCHAR,               -- how the raw bytes were decoded
    warnings VARCHAR[],
    raw_hash VARCHAR,
    processed_at TIMESTAMPTZ,
    pipeline_version VARCHAR
);
CREATE TABLE IF NOT EXISTS lines (
    article_id VARCHAR, n INTEGER, label VARCHAR, text VARCHAR
);
CREATE TABLE IF NOT EXISTS entities (
    article_id VARCHAR, entity_no INTEGER, name VARCHAR, type VARCHAR, country VARCHAR, code VARCHAR,
    wikidata VARCHAR, role VARCHAR, kb_id VARCHAR, aliases VARCHAR[]
);
-- added after the first release: databases made before it gain the column
ALTER TABLE entities ADD COLUMN IF NOT EXISTS aliases VARCHAR[];
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR, entity_no INTEGER, "start" INTEGER, "end" INTEGER, text VARCHAR
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR, quote_no INTEGER, speaker VARCHAR, speaker_code VARCHAR, text VARCHAR,
    "start" INTEGER, "end" INTEGER, cue VARCHAR, speaker_start INTEGER, speaker_end INTEGER
);
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR, event_no INTEGER, type VARCHAR,
    source_code VARCHAR, source_name VARCHAR, source_country VARCHAR,
    target_code VARCHAR, target_name VARCHAR, target_country VARCHAR,
    status VARCHAR, "date" VARCHAR, sentence VARCHAR, "start" INTEGER, "end" INTEGER,
    confidence DOUBLE, mode VARCHAR, trigger VARCHAR, cameo VARCHAR, goldstein DOUBLE, quad_class INTEGER
);
-- the cross-article layer (sorot.corpus), recomputed after each run
ALTER TABLE articles ADD COLUMN IF NOT EXISTS copy_of VARCHAR;   -- earliest stored article this one copies
ALTER TABLE articles ADD COLUMN IF NOT EXISTS story VARCHAR;     -- stories.id
ALTER TABLE events ADD COLUMN IF NOT EXISTS record VARCHAR;      -- records.id
-- per metadata field, the evidence for the value kept and a confidence (sorot.meta), as JSON text
ALTER TABLE articles ADD COLUMN IF NOT EXISTS meta_evidence VARCHAR;
-- what processed the article: a hash of the code version, data files and model (sorot.runner.fingerprint);
-- a run skips an unchanged input only when its article has the fingerprint of the running pipeline
ALTER TABLE articles ADD COLUMN IF NOT EXISTS fingerprint VARCHAR;
CREATE TABLE IF NOT EXISTS sketches (               -- one MinHash per article body, made once
    article_id VARCHAR, words INTEGER, agency VARCHAR, signature UBIGINT[]
);
ALTER TABLE sketches ADD COLUMN IF NOT EXISTS terms VARCHAR[];   -- name terms (sorot.corpus.terms)
CREATE TABLE IF NOT EXISTS sketch_bands (           -- the LSH index of the sketches: one key per band
    article_id VARCHAR, band SMALLINT, "key" BIGINT
);
CREATE TABLE IF NOT EXISTS copy_pairs (             -- bodies that copy one another, a < b
    a VARCHAR, b VARCHAR, containment DOUBLE
);
CREATE TABLE IF NOT EXISTS records (                -- one real-world event, however many articles tell it
    id VARCHAR, type VARCHAR, mode VARCHAR,
    source_code VARCHAR, source_name VARCHAR, target_code VARCHAR, target_name VARCHAR,
    "date" VARCHAR,                 -- the most precise date the mentions support (YYYY-MM-DD | YYYY-MM | YYYY)
    status VARCHAR,                 -- reported once any mention reports it, else planned / negated / hypothetical
    cameo VARCHAR, goldstein DOUBLE, quad_class INTEGER,
    num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER,
    first_seen VARCHAR, last_seen VARCHAR,          -- publication times of the first and last mention
    first_article VARCHAR, story VARCHAR
);
CREATE TABLE IF NOT EXISTS stories (                -- articles that report one real-world happening
    id VARCHAR, label VARCHAR, type VARCHAR, source_code VARCHAR, target_code VARCHAR, "date" VARCHAR,
    first_seen VARCHAR, last_seen VARCHAR, n_articles INTEGER, n_sources INTEGER, n_records INTEGER
);
CREATE TABLE IF NOT EXISTS rejected (
    source VARCHAR, location VARCHAR, reason VARCHAR, detail VARCHAR, seen_at TIMESTAMPTZ, run_id VARCHAR
);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR, started TIMESTAMPTZ, finished TIMESTAMPTZ,
    stored INTEGER, updated INTEGER, unchanged INTEGER, rejected INTEGER, inputs VARCHAR[]
);
CREATE TABLE IF NOT EXISTS inputs (
    location VARCHAR, raw_hash VARCHAR, article_id VARCHAR, seen_at TIMESTAMPTZ
);
"""

# Child tables in the order Article parts are written and read back.
CHILD_TABLES = ("lines", "entities", "mentions", "quotes", "events")
