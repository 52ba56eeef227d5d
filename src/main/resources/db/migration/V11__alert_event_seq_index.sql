-- The assessment reads each alert's events in order (when it first became CRITICAL, when it was acknowledged after
-- that). V8 meant to index (alert_id, seq) but reused V3's index name with IF NOT EXISTS, so nothing was built and
-- every start logged a notice. This index serves both V3's lookups by alert and the ordered reads, so it replaces V3's.
DROP INDEX IF EXISTS alert_event_alert;
CREATE INDEX alert_event_alert_seq ON alert_event (alert_id, seq);
