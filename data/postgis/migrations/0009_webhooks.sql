-- A watch's optional webhook, and the deliveries of its events
-- (geo.Delivery): one row per watch and event, whoever queued it first.
ALTER TABLE watches ADD COLUMN webhook text NOT NULL DEFAULT '';
ALTER TABLE watches ADD COLUMN secret text NOT NULL DEFAULT '';

CREATE TABLE deliveries (
    id          bigserial PRIMARY KEY,
    watch_id    bigint NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    event_id    text NOT NULL,
    payload     text NOT NULL,
    status      text NOT NULL DEFAULT 'pending',
    attempts    integer NOT NULL DEFAULT 0,
    next_at     timestamptz NOT NULL,
    lease_until timestamptz NOT NULL DEFAULT '-infinity',
    last_code   integer NOT NULL DEFAULT 0,
    last_error  text NOT NULL DEFAULT '',
    created     timestamptz NOT NULL,
    delivered   timestamptz,
    UNIQUE (watch_id, event_id)
);
CREATE INDEX deliveries_due ON deliveries (next_at) WHERE status = 'pending';
