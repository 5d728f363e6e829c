-- Per-place totals, kept up to date by ingest, so unfiltered views (the
-- default map, tiles, OGC places) need no aggregation over all mentions.
CREATE TABLE place_stats (
    place_id INTEGER PRIMARY KEY REFERENCES places (id),
    mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    first    TEXT NOT NULL,
    last     TEXT NOT NULL
);
INSERT INTO place_stats (place_id, mentions, articles, first, last)
SELECT place_id, count(*), count(DISTINCT article_id), min(time), max(time) FROM mentions GROUP BY place_id;
CREATE INDEX place_stats_mentions ON place_stats (mentions DESC, place_id);
