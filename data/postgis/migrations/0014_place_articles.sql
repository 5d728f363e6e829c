-- One row per article and place that it mentions, in place of the mentions'
-- indexes by place and by time. An article has about 20 mentions of 8
-- places, and each of its mentions took an entry at a random spot of both
-- indexes: most of the time of a batch's COPY. A query by place, box or
-- country finds the (article, place) pairs here, then their mentions
-- through mentions_article; a newest-first listing walks articles_time.
-- The store keeps it in step with mentions (ingest.go, mentiontx.go).
CREATE TABLE place_articles (
    place_id   bigint NOT NULL,      -- places (id)
    time       timestamptz NOT NULL, -- the article's time, as mentions.time
    article_id bigint NOT NULL,      -- articles (id)
    PRIMARY KEY (place_id, time, article_id)
);
INSERT INTO place_articles SELECT DISTINCT place_id, time, article_id FROM mentions;
DROP INDEX mentions_place_time;
DROP INDEX mentions_time;
DROP INDEX mentions_article;
CREATE INDEX mentions_article ON mentions (article_id, place_id);
