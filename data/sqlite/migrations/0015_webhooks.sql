-- A watch's optional webhook, and the deliveries of its events
-- (geo.Delivery): one row per watch and event, whoever queued it first.
ALTER TABLE watches ADD COLUMN webhook TEXT NOT NULL DEFAULT '';
ALTER TABLE watches ADD COLUMN secret TEXT NOT NULL DEFAULT '';

CREATE TABLE deliveries (
    id          INTEGER PRIMARY KEY,
    watch_id    INTEGER NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    event_id    TEXT NOT NULL,
    payload     TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending',
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     INTEGER NOT NULL, -- Unix seconds
    lease_until INTEGER NOT NULL DEFAULT 0,
    last_code   INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT '',
    created     INTEGER NOT NULL,
    delivered   INTEGER,
    UNIQUE (watch_id, event_id)
);
CREATE INDEX deliveries_due ON deliveries (next_at) WHERE status = 'pending';
