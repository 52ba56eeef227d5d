-- The minimum interval between mails about one fingerprint (C20) must not hold back what the recipient has not been
-- told yet: a rise to CRITICAL, or a change that happened long after the last mail in business time (a replay runs
-- years of business time in minutes of wall time). So the last mail remembers the severity it told and the business
-- time of the event it told about.
ALTER TABLE notify_last_sent ADD COLUMN severity TEXT;
ALTER TABLE notify_last_sent ADD COLUMN event_at TIMESTAMPTZ;
