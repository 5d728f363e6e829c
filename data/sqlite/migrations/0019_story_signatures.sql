-- Stories are chosen among a window of the newest articles, held in
-- memory by each writing process (geo.StoryWindow) and read at its first
-- batch from story_signatures: an article's story (its own id for the
-- first of a story) and its text's signature, in a table narrow enough to
-- read a hundred thousand rows of in a moment. The bands are computed from
-- the signatures, and no longer stored.
CREATE TABLE story_signatures (
    article_id INTEGER PRIMARY KEY, -- articles (id)
    story      INTEGER NOT NULL,
    minhash    BLOB NOT NULL        -- geo.Signature.Bytes
);
INSERT INTO story_signatures (article_id, story, minhash)
    SELECT id, COALESCE(NULLIF(story, 0), id), minhash FROM articles WHERE minhash IS NOT NULL ORDER BY id;
DROP TABLE story_bands;
ALTER TABLE articles DROP COLUMN minhash;
