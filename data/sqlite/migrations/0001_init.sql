-- Articles, places and the mentions joining them.
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
);
CREATE INDEX articles_time ON articles (time);

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
);
CREATE VIRTUAL TABLE places_rtree USING rtree (id, minx, maxx, miny, maxy);

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    place_id   INTEGER NOT NULL REFERENCES places (id),
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    sentence   TEXT NOT NULL,
    confidence REAL NOT NULL,
    demonym    INTEGER NOT NULL DEFAULT 0,
    time       TEXT NOT NULL       -- the article's time, for filtering without a join
);
CREATE INDEX mentions_place ON mentions (place_id, time);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_time ON mentions (time);

CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, content = 'articles', content_rowid = 'id');

-- version changes on every write; it keys HTTP ETags.
CREATE TABLE meta (version INTEGER NOT NULL);
INSERT INTO meta (version) VALUES (0);
