-- Stories (geo.Story): near-copies of one text, grouped on ingest. An
-- article's story is the id of the story's first article; minhash is its
-- text's signature (geo.Signature.Bytes), and story_bands the index of its
-- LSH bands. Articles stored before are stories of their own.
ALTER TABLE articles ADD COLUMN story INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN minhash BLOB;
UPDATE articles SET story = id;
CREATE INDEX articles_story ON articles (story);
CREATE TABLE story_bands (
    band       INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (band, article_id)
) WITHOUT ROWID;
