-- Dashboard alerts (issue 8 point 12) notify their owner with a kind of their own, signalering, instead of
-- borrowing bericht (a new message on a plan): the bell labels them as alerts and links to the alerts page.

ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
ALTER TABLE notification ADD CONSTRAINT notification_kind_check
  CHECK (kind IN ('bericht', 'document', 'akkoord', 'evaluatie', 'signalering'));

-- Alerts already told as bericht become signalering, with the link of the alerts page.
UPDATE notification SET kind = 'signalering', link = '/dashboard/signalen'
WHERE (municipality_code, id) IN (SELECT municipality_code, notification_id FROM dash_alert
                                  WHERE notification_id IS NOT NULL);

COMMENT ON TABLE notification IS 'A notice to one account: a new message, document or agreement on a plan, an evaluation due, or a dashboard alert that fired. Its text names no resident.';
COMMENT ON COLUMN notification.kind IS 'bericht (new message), document (new document), akkoord (the resident answered a plan version), evaluatie (an evaluation is due) or signalering (a dashboard alert rule of which the account is the owner fired).';
COMMENT ON COLUMN notification.subject_id IS 'What it is about: within the plan the message, document, version or evaluation (an evaluation due is told once); for a signalering the alert (dash_alert).';
