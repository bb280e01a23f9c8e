-- Intake workflow: which team a help question is with, idempotent online submissions, drafts of the
-- resident's own online intake, and the link from a resident's account to their person record.

ALTER TABLE vindplaats
  ADD COLUMN team_id uuid,
  ADD CONSTRAINT vindplaats_team FOREIGN KEY (municipality_code, team_id) REFERENCES team (municipality_code, id);
COMMENT ON COLUMN vindplaats.team_id IS 'Team that picks up questions registered here (e.g. the wijkteam of the wijk); NULL: the toegang team.';

ALTER TABLE help_question
  ADD COLUMN team_id uuid,
  ADD COLUMN idempotency_key text CHECK (idempotency_key ~ '^[A-Za-z0-9_-]{16,100}$'),
  ADD CONSTRAINT help_question_team FOREIGN KEY (municipality_code, team_id) REFERENCES team (municipality_code, id);
CREATE UNIQUE INDEX help_question_idempotency ON help_question (municipality_code, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX help_question_team_status ON help_question (municipality_code, team_id, status);
COMMENT ON COLUMN help_question.team_id IS 'Team whose worklist the question is on.';
COMMENT ON COLUMN help_question.idempotency_key IS 'Key sent with an online submission (Idempotency-Key header): the same submission twice gives the same question, never two.';

-- A resident can ask for help before Grip knows their BSN (a phone call, the online form without
-- DigiD); the BSN is added when it is known. The 11-proef check and uniqueness still apply to every BSN.
ALTER TABLE person ALTER COLUMN bsn DROP NOT NULL;
COMMENT ON COLUMN person.bsn IS 'Burgerservicenummer; passes the 11-proef (bsn_is_valid); NULL until it is known.';

-- Without a link to the BAG an address typed at the desk or online cannot always be placed in a buurt;
-- it stays NULL (shown as "onbekend" in figures by wijk) until it is.
ALTER TABLE address ALTER COLUMN buurt_code DROP NOT NULL;
COMMENT ON COLUMN address.buurt_code IS 'Buurt the address lies in; drives every figure by wijk and buurt. NULL while the address is not placed in a buurt (no BAG link yet).';

ALTER TABLE app_user
  ADD COLUMN person_id uuid,
  ADD CONSTRAINT app_user_person FOREIGN KEY (municipality_code, person_id) REFERENCES person (municipality_code, id);
COMMENT ON COLUMN app_user.person_id IS 'For a resident''s account (role inwoner): the person record it belongs to; the portal shows that person''s questions only.';

CREATE TABLE online_intake_draft (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  questionnaire_version_id uuid NOT NULL,
  answers jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object'),
  contact jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(contact) = 'object'),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  submitted_question_id uuid,
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, token_hash),
  FOREIGN KEY (municipality_code, questionnaire_version_id) REFERENCES questionnaire_version (municipality_code, id),
  FOREIGN KEY (municipality_code, submitted_question_id) REFERENCES help_question (municipality_code, id),
  CHECK (expires_at > created_at)
);
COMMENT ON TABLE online_intake_draft IS 'A resident''s online intake in progress, before log-in: resumable with a secret token (only its SHA-256 is stored); removed after it expires.';
COMMENT ON COLUMN online_intake_draft.municipality_code IS 'Municipality the resident applies to.';
COMMENT ON COLUMN online_intake_draft.id IS 'Identifier (uuid), unique within the municipality.';
COMMENT ON COLUMN online_intake_draft.token_hash IS 'SHA-256 (hex) of the resume token the resident''s browser holds.';
COMMENT ON COLUMN online_intake_draft.questionnaire_version_id IS 'The questionnaire version the resident is answering; it stays the same until submission.';
COMMENT ON COLUMN online_intake_draft.answers IS 'Answers so far, keyed by question id.';
COMMENT ON COLUMN online_intake_draft.contact IS 'Who the resident is and how to reach them (name, birth date, BSN, address, phone, e-mail) as typed so far.';
COMMENT ON COLUMN online_intake_draft.version IS 'Version for optimistic concurrency (two tabs saving the same draft).';
COMMENT ON COLUMN online_intake_draft.created_at IS 'When the draft was started.';
COMMENT ON COLUMN online_intake_draft.updated_at IS 'When the draft was last saved.';
COMMENT ON COLUMN online_intake_draft.expires_at IS 'After this the draft is gone (30 days after the last save).';
COMMENT ON COLUMN online_intake_draft.submitted_question_id IS 'The help question the draft became when submitted.';
CREATE INDEX online_intake_draft_expiry ON online_intake_draft (municipality_code, expires_at);
SELECT grip_tenant_isolation('online_intake_draft');
