-- The plan's exchange: documents stored with the household, messages between the resident and the
-- professionals on a plan, who has read which message, and notifications to the people involved.

CREATE TABLE plan_document (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL,
  plan_id uuid NOT NULL,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type text NOT NULL CHECK (media_type IN (
    'application/pdf', 'image/png', 'image/jpeg', 'text/plain',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.oasis.opendocument.text')),
  size_bytes integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  uploaded_by uuid NOT NULL,
  uploaded_as text NOT NULL CHECK (uploaded_as IN ('professional', 'inwoner')),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, household_id) REFERENCES household (municipality_code, id),
  FOREIGN KEY (municipality_code, plan_id) REFERENCES household_plan (municipality_code, id),
  FOREIGN KEY (municipality_code, uploaded_by) REFERENCES app_user (municipality_code, id),
  CHECK (octet_length(content) = size_bytes)
);
COMMENT ON TABLE plan_document IS 'A document shared on a household''s plan (a letter, a report, a photo), stored with the household.';
COMMENT ON COLUMN plan_document.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN plan_document.id IS 'Identifier (uuid), unique within the municipality.';
COMMENT ON COLUMN plan_document.household_id IS 'The household the document belongs to.';
COMMENT ON COLUMN plan_document.plan_id IS 'The plan on which it was shared.';
COMMENT ON COLUMN plan_document.file_name IS 'File name as sent, cleaned of paths and control characters.';
COMMENT ON COLUMN plan_document.media_type IS 'Media type: PDF, PNG, JPEG, plain text, DOCX or ODT (the content''s first bytes were checked against it).';
COMMENT ON COLUMN plan_document.size_bytes IS 'Size in bytes (at most 10 MB).';
COMMENT ON COLUMN plan_document.sha256 IS 'SHA-256 of the content, in hexadecimal.';
COMMENT ON COLUMN plan_document.content IS 'The file itself.';
COMMENT ON COLUMN plan_document.uploaded_at IS 'When it was uploaded.';
COMMENT ON COLUMN plan_document.uploaded_by IS 'The account that uploaded it (a professional or the resident).';
COMMENT ON COLUMN plan_document.uploaded_as IS 'professional, or inwoner when the resident uploaded it in the portal.';
CREATE INDEX plan_document_plan ON plan_document (municipality_code, plan_id, uploaded_at);
CREATE INDEX plan_document_household ON plan_document (municipality_code, household_id);
SELECT grip_tenant_isolation('plan_document');

CREATE TABLE plan_message (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  author_user_id uuid NOT NULL,
  author_kind text NOT NULL CHECK (author_kind IN ('professional', 'inwoner')),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  document_id uuid,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, plan_id) REFERENCES household_plan (municipality_code, id),
  FOREIGN KEY (municipality_code, author_user_id) REFERENCES app_user (municipality_code, id),
  FOREIGN KEY (municipality_code, document_id) REFERENCES plan_document (municipality_code, id)
);
COMMENT ON TABLE plan_message IS 'A message on a household''s plan, between the resident and the professionals involved.';
COMMENT ON COLUMN plan_message.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN plan_message.id IS 'Identifier (uuid), unique within the municipality.';
COMMENT ON COLUMN plan_message.plan_id IS 'The plan the message is about.';
COMMENT ON COLUMN plan_message.author_user_id IS 'The account that wrote it.';
COMMENT ON COLUMN plan_message.author_kind IS 'professional, or inwoner when the resident wrote it in the portal.';
COMMENT ON COLUMN plan_message.body IS 'The text (1 to 4000 characters).';
COMMENT ON COLUMN plan_message.document_id IS 'A document of the same plan the message refers to, if any.';
COMMENT ON COLUMN plan_message.sent_at IS 'When it was sent.';
CREATE INDEX plan_message_plan ON plan_message (municipality_code, plan_id, sent_at);
SELECT grip_tenant_isolation('plan_message');

CREATE TABLE plan_message_read (
  municipality_code text NOT NULL,
  message_id uuid NOT NULL,
  user_id uuid NOT NULL,
  read_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, message_id, user_id),
  FOREIGN KEY (municipality_code, message_id) REFERENCES plan_message (municipality_code, id),
  FOREIGN KEY (municipality_code, user_id) REFERENCES app_user (municipality_code, id)
);
COMMENT ON TABLE plan_message_read IS 'Who has read which message of a plan, and when (a message counts as unread for everyone else).';
COMMENT ON COLUMN plan_message_read.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN plan_message_read.message_id IS 'The message.';
COMMENT ON COLUMN plan_message_read.user_id IS 'The reader''s account.';
COMMENT ON COLUMN plan_message_read.read_at IS 'When they first listed it.';
CREATE INDEX plan_message_read_user ON plan_message_read (municipality_code, user_id);
SELECT grip_tenant_isolation('plan_message_read');

CREATE TABLE notification (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  recipient_user_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('bericht', 'document', 'akkoord', 'evaluatie')),
  plan_id uuid,
  subject_id uuid,
  text_nl text NOT NULL CHECK (length(text_nl) BETWEEN 1 AND 500),
  text_en text NOT NULL CHECK (length(text_en) BETWEEN 1 AND 500),
  link text NOT NULL CHECK (link ~ '^/[^/]'),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, recipient_user_id) REFERENCES app_user (municipality_code, id),
  FOREIGN KEY (municipality_code, plan_id) REFERENCES household_plan (municipality_code, id),
  CHECK (read_at IS NULL OR read_at >= created_at)
);
COMMENT ON TABLE notification IS 'A notice to one account: a new message, document or agreement on a plan, or an evaluation due. Its text names no resident.';
COMMENT ON COLUMN notification.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN notification.id IS 'Identifier (uuid), unique within the municipality.';
COMMENT ON COLUMN notification.recipient_user_id IS 'The account it is for.';
COMMENT ON COLUMN notification.kind IS 'bericht (new message), document (new document), akkoord (the resident answered a plan version) or evaluatie (an evaluation is due).';
COMMENT ON COLUMN notification.plan_id IS 'The plan it is about, if any.';
COMMENT ON COLUMN notification.subject_id IS 'What it is about within the plan: the message, document, version or evaluation (an evaluation due is told once).';
COMMENT ON COLUMN notification.text_nl IS 'The notice in Dutch.';
COMMENT ON COLUMN notification.text_en IS 'The notice in English.';
COMMENT ON COLUMN notification.link IS 'Path in the web application where the recipient finds what it is about.';
COMMENT ON COLUMN notification.created_at IS 'When it was made.';
COMMENT ON COLUMN notification.read_at IS 'When the recipient marked it read; empty while unread.';
CREATE INDEX notification_recipient ON notification (municipality_code, recipient_user_id, created_at);
CREATE UNIQUE INDEX notification_evaluation_once ON notification (municipality_code, recipient_user_id, subject_id)
  WHERE kind = 'evaluatie';
SELECT grip_tenant_isolation('notification');
