-- A sign-in token names the user's role and a stamp of the password; a deactivation or a change of role must end the
-- tokens issued before it for good, also when the user is reactivated or given the old role back. The epoch counts
-- such changes and goes into the stamp.
ALTER TABLE app_user ADD COLUMN session_epoch INT NOT NULL DEFAULT 0;
