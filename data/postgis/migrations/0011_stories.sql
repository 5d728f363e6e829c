-- Stories (geo.Story): near-copies of one text, grouped on ingest. An
-- article's story is the id of the story's first article, kept as 0 for
-- the first article itself (most articles), so that ingest writes it once
-- with the article and the index holds only the others. minhash is the
-- text's signature (geo.Signature.Bytes), and story_bands the index of its
-- LSH bands. Articles stored before are stories of their own.
ALTER TABLE articles ADD COLUMN story bigint NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN minhash bytea;
CREATE INDEX articles_story ON articles (story) WHERE story <> 0;
CREATE TABLE story_bands (
    band       bigint NOT NULL,
    article_id bigint NOT NULL,
    PRIMARY KEY (band, article_id)
);
