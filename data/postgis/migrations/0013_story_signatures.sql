-- Stories are chosen among a window of the newest articles, held in
-- memory by each writing process (geo.StoryWindow), which reads what
-- others stored since its last batch from story_signatures. A batch
-- writes its rows last, under an advisory lock held to its commit, so
-- that seq follows the order of commits: a process that has read up to a
-- seq has read every committed row before it. The bands are computed from
-- the signatures, and no longer stored.
CREATE TABLE story_signatures (
    seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id bigint NOT NULL, -- articles (id)
    story      bigint NOT NULL, -- its own id for a story's first article
    minhash    bytea NOT NULL   -- geo.Signature.Bytes
);
INSERT INTO story_signatures (article_id, story, minhash)
    SELECT id, COALESCE(NULLIF(story, 0), id), minhash FROM articles WHERE minhash IS NOT NULL ORDER BY id;
DROP TABLE story_bands;
ALTER TABLE articles DROP COLUMN minhash;
