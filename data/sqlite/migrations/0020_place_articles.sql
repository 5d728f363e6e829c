-- Which articles mention which place, once per pair, replaces the index of
-- mentions by place. An article mentions about 8 places in 20 mentions,
-- and each entry of an index on place lands at a random spot: that index
-- was the largest cost of ingest. A query by place now finds the articles
-- here, by place and time, and their mentions of it through
-- mentions_article (article_id, place_id).
CREATE TABLE place_articles (
    place_id   INTEGER NOT NULL, -- places (id)
    time       INTEGER NOT NULL, -- the article's time, Unix seconds, as mentions.time
    article_id INTEGER NOT NULL, -- articles (id)
    PRIMARY KEY (place_id, time, article_id)
) WITHOUT ROWID;
INSERT INTO place_articles (place_id, time, article_id)
    SELECT DISTINCT place_id, time, article_id FROM mentions;
DROP INDEX mentions_place;
