-- mentionmap's PostgreSQL schema. Tables are named for what they hold, so
-- that a QGIS PostGIS connection shows them as layers.
CREATE TABLE IF NOT EXISTS meta (
    version bigint NOT NULL -- moves whenever articles are added; keys every cache
);
INSERT INTO meta (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM meta);

CREATE TABLE articles (
    id               bigserial PRIMARY KEY,
    url              text UNIQUE,
    title            text NOT NULL DEFAULT '',
    source           text NOT NULL DEFAULT '',
    published        timestamptz,
    ingested         timestamptz NOT NULL,
    time             timestamptz NOT NULL, -- published, or ingested when unknown
    text             text NOT NULL,
    hash             text NOT NULL UNIQUE, -- geo.ContentHash of text
    mentions_omitted integer NOT NULL DEFAULT 0,
    search           tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || text)) STORED
);
CREATE INDEX articles_time ON articles (time DESC, id DESC);
CREATE INDEX articles_source ON articles (source);
CREATE INDEX articles_search ON articles USING gin (search);

CREATE TABLE places (
    id        bigserial PRIMARY KEY,
    key       text NOT NULL UNIQUE, -- GeoNames id, ISO code, "CC.A1" or a region's slug
    geonameid bigint,
    name      text NOT NULL,
    kind      text NOT NULL,
    country   text NOT NULL DEFAULT '',
    admin1    text NOT NULL DEFAULT '',
    geom      geometry(Point, 4326) NOT NULL
);
CREATE INDEX places_geom ON places USING gist (geom);

CREATE TABLE mentions (
    id         bigserial PRIMARY KEY,
    article_id bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    place_id   bigint NOT NULL REFERENCES places (id),
    start      integer NOT NULL,
    "end"      integer NOT NULL,
    text       text NOT NULL,
    sentence   text NOT NULL,
    confidence double precision NOT NULL,
    demonym    boolean NOT NULL,
    time       timestamptz NOT NULL -- the article's time, for filtering without a join
);
CREATE INDEX mentions_place_time ON mentions (place_id, time);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_time ON mentions (time DESC, id DESC);

-- Layers for QGIS: every mention at its place, with its article.
CREATE VIEW mention_points AS
SELECT m.id, m.text, m.sentence, m.confidence, m.demonym, m.time,
       p.id AS place_id, p.name, p.kind, p.country, a.id AS article_id, a.title, a.url, a.source, p.geom
FROM mentions m JOIN places p ON p.id = m.place_id JOIN articles a ON a.id = m.article_id;

CREATE VIEW place_totals AS
SELECT p.id, p.key, p.name, p.kind, p.country, p.admin1, count(*) AS mentions,
       count(DISTINCT m.article_id) AS articles, min(m.time) AS first_seen, max(m.time) AS last_seen, p.geom
FROM places p JOIN mentions m ON m.place_id = p.id
GROUP BY p.id;
