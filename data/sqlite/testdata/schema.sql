-- main
CREATE TABLE articles (
    id        INTEGER PRIMARY KEY,
    url       TEXT UNIQUE,
    title     TEXT NOT NULL DEFAULT '',
    source    TEXT NOT NULL DEFAULT '',
    published TEXT,                -- RFC 3339, UTC; NULL when unknown
    ingested  TEXT NOT NULL,       -- RFC 3339, UTC
    time      TEXT NOT NULL,       -- published, or ingested when unknown
    text      TEXT NOT NULL,
    hash      TEXT NOT NULL UNIQUE -- sha256 of text
, mentions_omitted INTEGER NOT NULL DEFAULT 0, story INTEGER NOT NULL DEFAULT 0);
CREATE TABLE changes (
    version  INTEGER PRIMARY KEY,
    writer   TEXT NOT NULL, -- the process that wrote it, random at its start
    articles TEXT NOT NULL  -- a JSON array of article ids
, revised INTEGER NOT NULL DEFAULT 0);
CREATE TABLE corrections (
    id         INTEGER PRIMARY KEY,
    mention_id INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    text       TEXT NOT NULL,
    action     TEXT NOT NULL,
    before     TEXT NOT NULL, -- geo.FactJSON: the place and confidence, or null
    after      TEXT NOT NULL,
    who        TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL, -- RFC 3339, UTC
    undoes     INTEGER NOT NULL DEFAULT 0,
    undone_by  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE deliveries (
    id          INTEGER PRIMARY KEY,
    watch_id    INTEGER NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    event_id    TEXT NOT NULL,
    payload     TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending',
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     INTEGER NOT NULL, -- Unix seconds
    lease_until INTEGER NOT NULL DEFAULT 0,
    last_code   INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT '',
    created     INTEGER NOT NULL,
    delivered   INTEGER,
    UNIQUE (watch_id, event_id)
);
CREATE TABLE "mentions" (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL, -- articles (id)
    place_id       INTEGER NOT NULL, -- places (id)
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    text           TEXT NOT NULL,
    sentence       TEXT,             -- NULL: the span below of the article's text
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    confidence     REAL NOT NULL,
    demonym        INTEGER NOT NULL DEFAULT 0,
    time           INTEGER NOT NULL  -- the article's time, Unix seconds, for filtering without a join
, why TEXT, focus INTEGER NOT NULL DEFAULT 0, reprint INTEGER NOT NULL DEFAULT 0);
CREATE TABLE meta (version INTEGER NOT NULL);
CREATE TABLE place_articles (
    place_id   INTEGER NOT NULL, -- places (id)
    time       INTEGER NOT NULL, -- the article's time, Unix seconds, as mentions.time
    article_id INTEGER NOT NULL, -- articles (id)
    PRIMARY KEY (place_id, time, article_id)
) WITHOUT ROWID;
CREATE TABLE place_forms (
    place_id INTEGER NOT NULL,
    form     TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (place_id, form)
) WITHOUT ROWID;
CREATE TABLE place_stats (
    place_id INTEGER PRIMARY KEY REFERENCES places (id),
    mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    first    TEXT NOT NULL,
    last     TEXT NOT NULL
, t1 TEXT NOT NULL DEFAULT '', a1 INTEGER NOT NULL DEFAULT 0, t2 TEXT NOT NULL DEFAULT '', a2 INTEGER NOT NULL DEFAULT 0, t3 TEXT NOT NULL DEFAULT '', a3 INTEGER NOT NULL DEFAULT 0, stories INTEGER NOT NULL DEFAULT 0);
CREATE TABLE places (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    geonameid INTEGER NOT NULL DEFAULT 0,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    country   TEXT NOT NULL DEFAULT '',
    admin1    TEXT NOT NULL DEFAULT '',
    lon       REAL NOT NULL,
    lat       REAL NOT NULL
, geonames_name TEXT NOT NULL DEFAULT '');
CREATE VIRTUAL TABLE places_rtree USING rtree (id, minx, maxx, miny, maxy);
CREATE TABLE "places_rtree_node"(nodeno INTEGER PRIMARY KEY,data);
CREATE TABLE "places_rtree_parent"(nodeno INTEGER PRIMARY KEY,parentnode);
CREATE TABLE "places_rtree_rowid"(rowid INTEGER PRIMARY KEY,nodeno);
CREATE TABLE removed_mentions(
  id INT,
  article_id INT,
  place_id INT,
  start INT,
  "end" INT,
  text TEXT,
  sentence TEXT,
  sentence_start INT,
  sentence_end INT,
  confidence REAL,
  demonym INT,
  time INT,
  why TEXT
, focus INT, reprint INT);
CREATE TABLE story_signatures (
    article_id INTEGER PRIMARY KEY, -- articles (id)
    story      INTEGER NOT NULL,
    minhash    BLOB NOT NULL        -- geo.Signature.Bytes
);
CREATE TABLE watches (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    west    REAL NOT NULL,
    south   REAL NOT NULL,
    east    REAL NOT NULL,
    north   REAL NOT NULL,
    filter  TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL -- RFC 3339, UTC
, webhook TEXT NOT NULL DEFAULT '', secret TEXT NOT NULL DEFAULT '');
CREATE INDEX articles_source ON articles (source, time);
CREATE INDEX articles_story ON articles (story) WHERE story <> 0;
CREATE INDEX articles_time ON articles (time);
CREATE INDEX corrections_mention ON corrections (mention_id, id);
CREATE INDEX deliveries_due ON deliveries (next_at) WHERE status = 'pending';
CREATE INDEX mentions_article ON mentions (article_id, place_id);
CREATE INDEX place_stats_mentions ON place_stats (mentions DESC, place_id);
-- search
CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, content = '');
CREATE TABLE 'articles_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE 'articles_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'articles_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'articles_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE indexed (upto INTEGER NOT NULL, hash TEXT NOT NULL);
-- user_version 20
