-- Signals: early signals of trouble (arrears, school absence, E33 reports, Veilig Thuis) routed to outreach.

CREATE TABLE signal (
  municipality_code text NOT NULL REFERENCES municipality (code),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN (
    'huurachterstand', 'energieachterstand', 'zorgverzekeringsachterstand', 'waterachterstand', 'schoolverzuim',
    'e33-melding', 'veilig-thuis', 'woningcorporatie-overlast')),
  source text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
  received_on date NOT NULL,
  person_id uuid,
  household_id uuid,
  routed_to_team_id uuid,
  status text NOT NULL CHECK (status IN ('nieuw', 'toegewezen', 'contact-gelegd', 'geen-contact', 'afgesloten')),
  followed_up_on date,
  outcome text CHECK (outcome IN ('hulp-aanvaard', 'hulp-geweigerd', 'al-in-beeld', 'geen-hulp-nodig', 'niet-bereikt')),
  help_question_id uuid,
  PRIMARY KEY (municipality_code, id),
  FOREIGN KEY (municipality_code, person_id) REFERENCES person (municipality_code, id),
  FOREIGN KEY (municipality_code, household_id) REFERENCES household (municipality_code, id),
  FOREIGN KEY (municipality_code, routed_to_team_id) REFERENCES team (municipality_code, id),
  FOREIGN KEY (municipality_code, help_question_id) REFERENCES help_question (municipality_code, id),
  CHECK (person_id IS NOT NULL OR household_id IS NOT NULL),
  CHECK (followed_up_on IS NULL OR followed_up_on >= received_on)
);
COMMENT ON TABLE signal IS 'Vroegsignaal: an early signal about a household (rent, energy, insurance or water arrears, school absence, E33 report, Veilig Thuis), routed to a team for outreach.';
COMMENT ON COLUMN signal.source IS 'Who sent the signal (woningcorporatie, energieleverancier, zorgverzekeraar, leerplicht, politie, Veilig Thuis).';
COMMENT ON COLUMN signal.outcome IS 'Result of the outreach.';
COMMENT ON COLUMN signal.help_question_id IS 'Help question that followed from the signal, if any.';
CREATE INDEX signal_received ON signal (municipality_code, received_on);
SELECT grip_tenant_isolation('signal');
