-- Source filters (source=) and per-source listings.
CREATE INDEX articles_source ON articles (source, time);
