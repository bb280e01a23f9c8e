-- Intake: help questions from every vindplaats, the versioned broad-intake questionnaire, the answers and
-- life-domain scores, the triage outcome, and the meldingen with their legal deadlines.

CREATE TABLE questionnaire (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, name)
);
COMMENT ON TABLE questionnaire IS 'Vragenlijst: the broad intake questionnaire a functioneel beheerder maintains.';
SELECT grip_tenant_isolation('questionnaire');

CREATE TABLE questionnaire_version (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  questionnaire_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL CHECK (status IN ('concept', 'gepubliceerd', 'vervallen')),
  definition jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
  published_at timestamptz,
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, questionnaire_id, version),
  FOREIGN KEY (municipality_code, questionnaire_id) REFERENCES questionnaire (municipality_code, id),
  CHECK ((status = 'concept') = (published_at IS NULL))
);
COMMENT ON TABLE questionnaire_version IS 'A version of the questionnaire. Published versions never change; answers keep the version they were given under.';
COMMENT ON COLUMN questionnaire_version.definition IS 'Questions, answer types and conditions (JSON, validated by the intake context).';
SELECT grip_tenant_isolation('questionnaire_version');

CREATE TABLE help_question (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  reference text NOT NULL CHECK (reference ~ '^HV-[0-9]{4}-[0-9]{6,8}$'),
  received_at timestamptz NOT NULL,
  channel text NOT NULL CHECK (channel IN ('telefoon', 'balie', 'online', 'email', 'huisbezoek', 'spreekuur', 'brief')),
  vindplaats_id uuid NOT NULL,
  referrer_kind text CHECK (referrer_kind IN (
    'zelf', 'netwerk', 'gemeente', 'huisarts', 'jeugdarts', 'medisch-specialist', 'gecertificeerde-instelling',
    'rechter', 'school', 'politie', 'veilig-thuis', 'woningcorporatie', 'andere-hulpverlener')),
  referrer_name text CHECK (length(referrer_name) BETWEEN 1 AND 200),
  question_types text[] NOT NULL CHECK (cardinality(question_types) >= 1 AND question_types <@ ARRAY[
    'inkomen', 'werk', 'schulden', 'huishouden', 'mobiliteit', 'opvoeding', 'psychisch', 'wonen', 'eenzaamheid',
    'mantelzorg', 'veiligheid', 'gezondheid', 'verslaving', 'dagbesteding', 'zelfzorg', 'onderwijs']::text[]),
  main_law_code text REFERENCES law (code),
  household_id uuid,
  person_id uuid,
  free_text text CHECK (length(free_text) <= 4000),
  status text NOT NULL CHECK (status IN ('open', 'afgesloten')),
  closed_at timestamptz,
  registered_by uuid,
  related_question_id uuid,
  PRIMARY KEY (municipality_code, id),
  UNIQUE (municipality_code, reference),
  FOREIGN KEY (municipality_code, vindplaats_id) REFERENCES vindplaats (municipality_code, id),
  FOREIGN KEY (municipality_code, household_id) REFERENCES household (municipality_code, id),
  FOREIGN KEY (municipality_code, person_id) REFERENCES person (municipality_code, id),
  FOREIGN KEY (municipality_code, registered_by) REFERENCES app_user (municipality_code, id),
  FOREIGN KEY (municipality_code, related_question_id) REFERENCES help_question (municipality_code, id),
  CHECK ((status = 'afgesloten') = (closed_at IS NOT NULL)),
  CHECK (closed_at IS NULL OR closed_at >= received_at)
);
COMMENT ON TABLE help_question IS 'Hulpvraag: a question for help or a contact, registered wherever it is asked, by type and vindplaats.';
COMMENT ON COLUMN help_question.reference IS 'Reference number shown to the resident (HV-year-number).';
COMMENT ON COLUMN help_question.channel IS 'How the question came in: telefoon, balie, online, email, huisbezoek, spreekuur, brief.';
COMMENT ON COLUMN help_question.referrer_kind IS 'Verwijzer: who sent the resident (for youth care the legal referrers: gemeente, huisarts, jeugdarts, medisch specialist, gecertificeerde instelling).';
COMMENT ON COLUMN help_question.referrer_name IS 'Name of the referring organisation or practice (never a private person).';
COMMENT ON COLUMN help_question.question_types IS 'Types of question (inkomen, schulden, opvoeding, ...), one or more.';
COMMENT ON COLUMN help_question.main_law_code IS 'The law the question is mainly about, when it concerns one.';
COMMENT ON COLUMN help_question.household_id IS 'Household the question is about; NULL for anonymous information questions.';
COMMENT ON COLUMN help_question.person_id IS 'Resident the question is about; NULL for anonymous information questions.';
COMMENT ON COLUMN help_question.free_text IS 'The question in the resident''s words.';
COMMENT ON COLUMN help_question.registered_by IS 'Employee who registered it; NULL when the resident registered it online.';
COMMENT ON COLUMN help_question.related_question_id IS 'Earlier open question of the same household this one was linked to.';
CREATE INDEX help_question_received ON help_question (municipality_code, received_at);
CREATE INDEX help_question_household ON help_question (municipality_code, household_id);
SELECT grip_tenant_isolation('help_question');

CREATE TABLE intake (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  help_question_id uuid NOT NULL,
  questionnaire_version_id uuid NOT NULL,
  mode text NOT NULL CHECK (mode IN ('balie', 'telefoon', 'huisbezoek', 'online', 'spreekuur')),
  status text NOT NULL CHECK (status IN ('concept', 'afgerond')),
  started_at timestamptz NOT NULL,
  completed_at timestamptz,
  conducted_by uuid,
  answers jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object'),
  own_strength text CHECK (length(own_strength) <= 4000),
  network_strength text CHECK (length(network_strength) <= 4000),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, help_question_id) REFERENCES help_question (municipality_code, id),
  FOREIGN KEY (municipality_code, questionnaire_version_id) REFERENCES questionnaire_version (municipality_code, id),
  FOREIGN KEY (municipality_code, conducted_by) REFERENCES app_user (municipality_code, id),
  CHECK ((status = 'afgerond') = (completed_at IS NOT NULL)),
  CHECK (completed_at IS NULL OR completed_at >= started_at)
);
COMMENT ON TABLE intake IS 'Brede intake (keukentafelgesprek): the answers to one questionnaire version about one help question.';
COMMENT ON COLUMN intake.mode IS 'Where the intake was held: balie, telefoon, huisbezoek, online or spreekuur.';
COMMENT ON COLUMN intake.answers IS 'Answers keyed by question id of the questionnaire version.';
COMMENT ON COLUMN intake.own_strength IS 'What the resident can do themselves.';
COMMENT ON COLUMN intake.network_strength IS 'What the resident''s network can do.';
CREATE INDEX intake_question ON intake (municipality_code, help_question_id);
SELECT grip_tenant_isolation('intake');

CREATE TABLE life_domain_score (
  municipality_code text NOT NULL,
  id bigint GENERATED BY DEFAULT AS IDENTITY,
  person_id uuid NOT NULL,
  assessed_on date NOT NULL,
  life_domain_code text NOT NULL REFERENCES life_domain (code),
  score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  intake_id uuid,
  plan_evaluation_id uuid,
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, person_id) REFERENCES person (municipality_code, id),
  FOREIGN KEY (municipality_code, intake_id) REFERENCES intake (municipality_code, id),
  CHECK ((intake_id IS NULL) <> (plan_evaluation_id IS NULL))
);
COMMENT ON TABLE life_domain_score IS 'Self-sufficiency score 1 (acute problems) to 5 (fully self-sufficient) on one life domain, at an intake or a plan evaluation.';
COMMENT ON COLUMN life_domain_score.intake_id IS 'The intake the score was given at (start measurement).';
COMMENT ON COLUMN life_domain_score.plan_evaluation_id IS 'The plan evaluation the score was given at (follow-up measurement).';
CREATE INDEX life_domain_score_person ON life_domain_score (municipality_code, person_id, assessed_on);
SELECT grip_tenant_isolation('life_domain_score');

CREATE TABLE triage (
  municipality_code text NOT NULL,
  help_question_id uuid NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('informatie-advies', 'verwijzing-algemene-voorziening', 'melding', 'urgent')),
  decided_at timestamptz NOT NULL,
  decided_by uuid,
  referred_service_id uuid,
  urgent_reason text CHECK (urgent_reason IN ('onveilige-situatie', 'veilig-thuis', 'dakloosheid', 'acute-crisis')),
  home_visit_planned_on date,
  home_visit_held_on date,
  PRIMARY KEY (municipality_code, help_question_id),
  FOREIGN KEY (municipality_code, help_question_id) REFERENCES help_question (municipality_code, id),
  FOREIGN KEY (municipality_code, decided_by) REFERENCES app_user (municipality_code, id),
  FOREIGN KEY (municipality_code, referred_service_id) REFERENCES service (municipality_code, id),
  CHECK ((outcome = 'verwijzing-algemene-voorziening') = (referred_service_id IS NOT NULL)),
  CHECK ((outcome = 'urgent') = (urgent_reason IS NOT NULL))
);
COMMENT ON TABLE triage IS 'Outcome of a help question: information and advice, referral to an algemene voorziening, a formal melding, or urgent.';
COMMENT ON COLUMN triage.referred_service_id IS 'The algemene voorziening the resident was referred to.';
COMMENT ON COLUMN triage.urgent_reason IS 'Why the question is urgent (shown as a flag).';
COMMENT ON COLUMN triage.home_visit_planned_on IS 'Date of the planned home visit for a first intake for support.';
SELECT grip_tenant_isolation('triage');

CREATE TABLE melding (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  help_question_id uuid NOT NULL,
  person_id uuid NOT NULL,
  law_code text NOT NULL REFERENCES law (code),
  melded_on date NOT NULL,
  investigation_due_on date,
  aanvraag_on date,
  decision_due_on date,
  suspended_days integer NOT NULL DEFAULT 0 CHECK (suspended_days >= 0),
  status text NOT NULL CHECK (status IN ('onderzoek', 'aanvraag', 'besloten', 'ingetrokken')),
  closed_on date,
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, help_question_id) REFERENCES help_question (municipality_code, id),
  FOREIGN KEY (municipality_code, person_id) REFERENCES person (municipality_code, id),
  CHECK (aanvraag_on IS NULL OR aanvraag_on >= melded_on),
  CHECK (investigation_due_on IS NULL OR investigation_due_on >= melded_on),
  CHECK (decision_due_on IS NULL OR decision_due_on >= melded_on),
  CHECK (closed_on IS NULL OR closed_on >= melded_on)
);
COMMENT ON TABLE melding IS 'Melding: the formal start of an investigation under one law, with its legal clocks.';
COMMENT ON COLUMN melding.investigation_due_on IS 'Wmo: the investigation is due 6 weeks after the melding (plus suspension).';
COMMENT ON COLUMN melding.aanvraag_on IS 'Date of the aanvraag (application) that follows the investigation.';
COMMENT ON COLUMN melding.decision_due_on IS 'Legal term for the decision: Wmo 2 weeks after the aanvraag; Jeugdwet and Participatiewet 8 weeks.';
COMMENT ON COLUMN melding.suspended_days IS 'Days the clock was suspended where the law allows (e.g. waiting for information from the resident).';
CREATE INDEX melding_person ON melding (municipality_code, person_id);
CREATE INDEX melding_melded ON melding (municipality_code, melded_on);
SELECT grip_tenant_isolation('melding');

CREATE TABLE legal_clock_suspension (
  municipality_code text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  melding_id uuid NOT NULL,
  suspended_from date NOT NULL,
  suspended_until date,
  reason text NOT NULL CHECK (reason IN ('wacht-op-gegevens-inwoner', 'wacht-op-advies', 'verzoek-inwoner')),
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, melding_id) REFERENCES melding (municipality_code, id),
  CHECK (suspended_until IS NULL OR suspended_until >= suspended_from)
);
COMMENT ON TABLE legal_clock_suspension IS 'A period in which a legal clock of a melding stood still, with its reason.';
SELECT grip_tenant_isolation('legal_clock_suspension');
