-- Totals per place, kept by each ingest in its own transaction, so that a
-- listing of places filtered by place alone (box, country, kind) reads
-- one row per place instead of counting every mention.
CREATE TABLE place_stats (
    place_id     bigint PRIMARY KEY REFERENCES places (id),
    mentions     bigint NOT NULL,
    articles     bigint NOT NULL,
    first        timestamptz NOT NULL,
    last         timestamptz NOT NULL,
    latest       bigint[] NOT NULL,      -- the three newest articles, newest first
    latest_times timestamptz[] NOT NULL  -- and their times
);
CREATE INDEX place_stats_mentions ON place_stats (mentions DESC, place_id);

INSERT INTO place_stats
SELECT place_id, sum(n), count(*), min(time), max(time),
       (array_agg(article_id ORDER BY time DESC, article_id DESC))[1:3],
       (array_agg(time ORDER BY time DESC, article_id DESC))[1:3]
FROM (SELECT place_id, article_id, max(time) AS time, count(*) AS n FROM mentions GROUP BY place_id, article_id) pa
GROUP BY place_id;
