-- iWmo/iJw 3.2 messages (issue 6, point 7): every message Grip sent (301 toewijzing) or booked (305 start,
-- 307 stop, 323 declaratie), so that a message is never booked twice and each outgoing message has its
-- own identification.

CREATE TABLE istandaard_message (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  number bigint GENERATED ALWAYS AS IDENTITY,
  direction text NOT NULL CHECK (direction IN ('uitgaand', 'inkomend')),
  message_code text NOT NULL CHECK (message_code ~ '^(WMO|JW)3[0-9]{2}$'),
  law_code text NOT NULL REFERENCES law (code),
  provider_id uuid NOT NULL,
  sender text NOT NULL CHECK (sender ~ '^[0-9]{4}$|^[0-9]{8}$'),
  receiver text NOT NULL CHECK (receiver ~ '^[0-9]{4}$|^[0-9]{8}$'),
  identification text NOT NULL CHECK (length(identification) BETWEEN 1 AND 12),
  dated_on date NOT NULL,
  person_id uuid,
  declaration_id uuid,
  line_count integer NOT NULL CHECK (line_count >= 0),
  accepted_count integer NOT NULL CHECK (accepted_count >= 0),
  rejected_count integer NOT NULL CHECK (rejected_count >= 0),
  processed_by uuid,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, direction, sender, message_code, identification),
  FOREIGN KEY (municipality_code, provider_id) REFERENCES provider (municipality_code, id),
  FOREIGN KEY (municipality_code, person_id) REFERENCES person (municipality_code, id),
  FOREIGN KEY (municipality_code, declaration_id) REFERENCES declaration (municipality_code, id),
  FOREIGN KEY (municipality_code, processed_by) REFERENCES app_user (municipality_code, id),
  CHECK (accepted_count + rejected_count = line_count),
  CHECK (direction = 'inkomend' OR message_code ~ '301$')
);
COMMENT ON TABLE istandaard_message IS 'An iWmo/iJw 3.2 message Grip sent (301) or booked (305, 307, 323): its header, the client or declaration it was about and how many of its lines were accepted.';
COMMENT ON COLUMN istandaard_message.municipality_code IS 'Municipality the row belongs to (CBS code, e.g. GM0164); first column of every key, the distribution column.';
COMMENT ON COLUMN istandaard_message.id IS 'Identifier (uuid), unique within the municipality.';
COMMENT ON COLUMN istandaard_message.number IS 'Running number; an outgoing message uses it as its BerichtIdentificatie.';
COMMENT ON COLUMN istandaard_message.direction IS 'uitgaand (sent by the municipality) or inkomend (received from a provider).';
COMMENT ON COLUMN istandaard_message.message_code IS 'Message type: WMO301, WMO305, WMO307, WMO323, JW301, JW305, JW307, JW323.';
COMMENT ON COLUMN istandaard_message.law_code IS 'wmo for iWmo messages, jeugdwet for iJw messages.';
COMMENT ON COLUMN istandaard_message.provider_id IS 'The provider that sent or received the message.';
COMMENT ON COLUMN istandaard_message.sender IS 'Afzender in the header: the municipality (4 digits of the CBS code) or the provider (AGB code, 8 digits).';
COMMENT ON COLUMN istandaard_message.receiver IS 'Ontvanger in the header: the provider''s AGB code or the municipality''s 4-digit code.';
COMMENT ON COLUMN istandaard_message.identification IS 'BerichtIdentificatie/Identificatie: unique per sender and message type; a second message with the same one is refused (retourcode 9056).';
COMMENT ON COLUMN istandaard_message.dated_on IS 'BerichtIdentificatie/Dagtekening.';
COMMENT ON COLUMN istandaard_message.person_id IS 'The client of a 301, 305 or 307 message (they are about one client); NULL for a declaration.';
COMMENT ON COLUMN istandaard_message.declaration_id IS 'The declaration a 323 message was booked as.';
COMMENT ON COLUMN istandaard_message.line_count IS 'Lines in the message: toegewezen producten, start or stop products, or prestaties.';
COMMENT ON COLUMN istandaard_message.accepted_count IS 'Lines accepted (booked).';
COMMENT ON COLUMN istandaard_message.rejected_count IS 'Lines rejected with a retourcode.';
COMMENT ON COLUMN istandaard_message.processed_by IS 'The user who exported or uploaded the message.';
COMMENT ON COLUMN istandaard_message.processed_at IS 'When the message was sent or booked.';
CREATE INDEX istandaard_message_provider ON istandaard_message (municipality_code, provider_id, processed_at);
SELECT grip_tenant_isolation('istandaard_message');
