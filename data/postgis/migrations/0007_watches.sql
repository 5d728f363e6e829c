-- Areas analysts follow (geo.Watch): a box, and the query string of the
-- features filters they add. Their feeds are computed from the mentions.
CREATE TABLE watches (
    id      bigserial PRIMARY KEY,
    name    text NOT NULL,
    west    double precision NOT NULL,
    south   double precision NOT NULL,
    east    double precision NOT NULL,
    north   double precision NOT NULL,
    filter  text NOT NULL DEFAULT '',
    created timestamptz NOT NULL DEFAULT now()
);
