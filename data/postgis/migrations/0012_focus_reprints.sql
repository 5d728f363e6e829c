-- Focus and stories on mentions. focus marks the mentions of the places
-- their article is mainly about (geo.Focus); articles stored before get
-- it from `mentionmap reparse`. reprint marks the mentions of an article
-- that repeats an earlier story (articles.story <> 0), so that
-- distinct=story is a test of the mention alone. A place's stories are
-- the stories whose first article mentions it.
ALTER TABLE mentions ADD COLUMN focus boolean NOT NULL DEFAULT false,
    ADD COLUMN reprint boolean NOT NULL DEFAULT false;
ALTER TABLE removed_mentions ADD COLUMN focus boolean NOT NULL DEFAULT false,
    ADD COLUMN reprint boolean NOT NULL DEFAULT false;
UPDATE mentions SET reprint = true WHERE article_id IN (SELECT id FROM articles WHERE story <> 0);
ALTER TABLE place_stats ADD COLUMN stories bigint NOT NULL DEFAULT 0;
UPDATE place_stats s SET stories = (SELECT count(DISTINCT article_id) FROM mentions
    WHERE place_id = s.place_id AND NOT reprint);
CREATE OR REPLACE VIEW mention_points AS
SELECT m.id, m.text, m.sentence, m.confidence, m.demonym, m.time,
       p.id AS place_id, p.name, p.kind, p.country, a.id AS article_id, a.title, a.url, a.source, p.geom,
       m.focus, m.reprint
FROM mentions m JOIN places p ON p.id = m.place_id JOIN articles a ON a.id = m.article_id;
CREATE OR REPLACE VIEW place_totals AS
SELECT p.id, p.key, p.name, p.kind, p.country, p.admin1, count(*) AS mentions,
       count(DISTINCT m.article_id) AS articles, min(m.time) AS first_seen, max(m.time) AS last_seen, p.geom,
       count(DISTINCT m.article_id) FILTER (WHERE NOT m.reprint) AS stories,
       count(*) FILTER (WHERE m.focus) AS focus_mentions
FROM places p JOIN mentions m ON m.place_id = p.id
GROUP BY p.id;
