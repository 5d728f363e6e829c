-- The full-text index moves to a file of its own, <file>-search, which
-- its own writer fills beside ingest (search.go). The new index is
-- built from the articles when the store opens.
DROP TABLE articles_fts;
