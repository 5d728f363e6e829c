-- The writer stores an article, its places and its mentions in one
-- transaction, so the foreign keys of mentions checked what it already
-- ensures, one lookup per row, at half the cost of a bulk ingest.
ALTER TABLE mentions DROP CONSTRAINT IF EXISTS mentions_article_id_fkey;
ALTER TABLE mentions DROP CONSTRAINT IF EXISTS mentions_place_id_fkey;
