-- Focus and stories on mentions. focus marks the mentions of the places
-- their article is mainly about (geo.Focus); articles stored before get
-- it from `mentionmap reparse`. reprint marks the mentions of an article
-- that repeats an earlier story (articles.story <> 0), so that
-- distinct=story is a test of the mention alone. A place's stories are
-- the stories whose first article mentions it.
ALTER TABLE mentions ADD COLUMN focus INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mentions ADD COLUMN reprint INTEGER NOT NULL DEFAULT 0;
ALTER TABLE removed_mentions ADD COLUMN focus INT;
ALTER TABLE removed_mentions ADD COLUMN reprint INT;
UPDATE mentions SET reprint = 1 WHERE article_id IN (SELECT id FROM articles WHERE story <> 0);
ALTER TABLE place_stats ADD COLUMN stories INTEGER NOT NULL DEFAULT 0;
UPDATE place_stats SET stories = (SELECT count(DISTINCT article_id) FROM mentions
    WHERE place_id = place_stats.place_id AND reprint = 0);
