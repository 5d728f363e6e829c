-- The search index is filled after each batch commits (search.go), by any
-- process, rather than inside the writer's transaction, where computing
-- each text's tsvector and inserting it into the GIN index took a third
-- of a batch. A query with q catches it up first.
CREATE TABLE article_search (
    article_id bigint PRIMARY KEY,
    search     tsvector NOT NULL
);
INSERT INTO article_search SELECT id, search FROM articles;
CREATE INDEX article_search_gin ON article_search USING gin (search);
ALTER TABLE articles DROP COLUMN search;

-- The data version up to which article_search is filled.
CREATE TABLE search_progress (version bigint NOT NULL);
INSERT INTO search_progress SELECT version FROM meta;
