import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonGroup, ButtonLink } from '../components/Button.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { ChoiceField, Fieldset, SelectField, TextAreaField, TextField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import { MatchCandidates } from '../components/MatchCandidates.tsx';
import {
  emptyPerson,
  normalPostcode,
  PERSON_FIELDS,
  personErrors,
  personFieldIds,
  PersonFields,
  toNewPerson,
  type PersonValues,
} from '../components/PersonFields.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { setFlash } from '../flash.ts';
import { dateError, parseDateInput } from '../format.ts';
import { errorText, formErrorsFrom, summaryItems, usePageTitle, type FieldErrors } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  CHANNELS,
  intakeApi,
  LAW_CODES,
  QUESTION_TYPES,
  REFERRER_KINDS,
  type Buurt,
  type MatchCandidate,
  type MatchInput,
  type Vindplaats,
} from '../intake-api.ts';
import { navigate } from '../router.tsx';

type ResidentMode = 'search' | 'new' | 'anonymous';

const QUESTION_FIELDS = [
  'vindplaatsId',
  'channel',
  'referrerKind',
  'referrerName',
  'questionTypes',
  'mainLawCode',
  'freeText',
];
const API_FIELDS: Record<string, string> = {
  ...Object.fromEntries(QUESTION_FIELDS.map((f) => [f, f])),
  ...personFieldIds('person', 'person'),
  'person.personId': 'resident',
  person: 'resident',
};
const MAX_FREE_TEXT = 4000;

/** The search by BSN or by name, birth date and address; both go by POST, so nothing ends up in an address. */
function ResidentSearch({ onFound }: { onFound(candidates: MatchCandidate[], input: MatchInput): void }) {
  const { t, lang } = useI18n();
  const h = t.helpQuestionNew;
  const [bsn, setBsn] = useState('');
  const [name, setName] = useState({ familyName: '', birthDate: '', postcode: '', houseNumber: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState<'bsn' | 'name' | null>(null);

  const run = async (kind: 'bsn' | 'name', input: MatchInput, found: FieldErrors) => {
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(kind);
    try {
      const { data } = await intakeApi.match(input);
      onFound(data.items, input);
    } catch (error) {
      const shown = formErrorsFrom(error, t, lang, {
        bsn: 'match-bsn',
        familyName: 'match-familyName',
        birthDate: 'match-birthDate',
        postcode: 'match-postcode',
        houseNumber: 'match-houseNumber',
      });
      setErrors(shown.fields);
      setGeneral(shown.general);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(null);
    }
  };

  const searchBsn = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const value = bsn.replace(/[\s.]/g, '');
    const found: FieldErrors = {};
    if (!value) found['match-bsn'] = t.persons.bsnRequired;
    else if (!/^\d{8,9}$/.test(value)) found['match-bsn'] = t.personFields.bsnInvalid;
    void run('bsn', { bsn: value }, found);
  };

  const searchName = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors = {};
    if (!name.familyName.trim()) found['match-familyName'] = t.personFields.familyNameRequired;
    const badDate = dateError(name.birthDate, {
      required: t.personFields.birthDateRequired,
      invalid: t.common.dateInvalid,
      future: t.common.dateInFuture,
    });
    if (badDate) found['match-birthDate'] = badDate;
    if (!/^[1-9][0-9]{3} ?[A-Za-z]{2}$/.test(name.postcode.trim()))
      found['match-postcode'] = name.postcode.trim()
        ? t.personFields.postcodeInvalid
        : t.personFields.postcodeRequired;
    if (!/^\d{1,5}$/.test(name.houseNumber.trim()))
      found['match-houseNumber'] = name.houseNumber.trim()
        ? t.personFields.houseNumberInvalid
        : t.personFields.houseNumberRequired;
    void run(
      'name',
      {
        familyName: name.familyName.trim(),
        birthDate: parseDateInput(name.birthDate) ?? undefined,
        postcode: normalPostcode(name.postcode),
        houseNumber: Number(name.houseNumber.trim()),
      },
      found,
    );
  };

  const setSearchField = (field: keyof typeof name) => (event: { target: { value: string } }) =>
    setName((current) => ({ ...current, [field]: event.target.value }));

  return (
    <>
      <ErrorSummary
        items={summaryItems(
          ['match-bsn', 'match-familyName', 'match-birthDate', 'match-postcode', 'match-houseNumber'],
          errors,
          general,
        )}
        focusKey={attempt}
      />
      <div className="grip-columns">
        <section className="grip-panel" aria-labelledby="match-bsn-heading">
          <Heading level={3} id="match-bsn-heading" className="grip-panel__title">
            {h.searchBsnHeading}
          </Heading>
          <form className="grip-form grip-form--inline" noValidate onSubmit={searchBsn}>
            <TextField
              id="match-bsn"
              label={t.persons.bsn}
              description={t.persons.bsnHint}
              inputMode="numeric"
              autoComplete="off"
              maxLength={11}
              className="grip-input--bsn"
              value={bsn}
              onChange={(e) => setBsn(e.target.value)}
              error={errors['match-bsn']}
            />
            <div className="grip-form__actions">
              <Button type="submit" appearance="secondary-action" busy={busy === 'bsn'}>
                {h.searchBsn}
              </Button>
            </div>
          </form>
        </section>
        <section className="grip-panel" aria-labelledby="match-name-heading">
          <Heading level={3} id="match-name-heading" className="grip-panel__title">
            {h.searchNameHeading}
          </Heading>
          <form className="grip-form grip-form--inline" noValidate onSubmit={searchName}>
            <TextField
              id="match-familyName"
              label={t.persons.familyName}
              description={h.familyNameHint}
              autoComplete="off"
              value={name.familyName}
              onChange={setSearchField('familyName')}
              error={errors['match-familyName']}
            />
            <TextField
              id="match-birthDate"
              label={t.persons.birthDate}
              description={t.common.dateHint}
              autoComplete="off"
              className="grip-input--date"
              value={name.birthDate}
              onChange={setSearchField('birthDate')}
              error={errors['match-birthDate']}
            />
            <div className="grip-field-row">
              <TextField
                id="match-postcode"
                label={t.personFields.postcode}
                autoComplete="off"
                className="grip-input--postcode"
                value={name.postcode}
                onChange={setSearchField('postcode')}
                error={errors['match-postcode']}
              />
              <TextField
                id="match-houseNumber"
                label={t.personFields.houseNumber}
                inputMode="numeric"
                autoComplete="off"
                className="grip-input--short"
                value={name.houseNumber}
                onChange={setSearchField('houseNumber')}
                error={errors['match-houseNumber']}
              />
            </div>
            <div className="grip-form__actions">
              <Button type="submit" appearance="secondary-action" busy={busy === 'name'}>
                {h.searchName}
              </Button>
            </div>
          </form>
        </section>
      </div>
    </>
  );
}

export function HelpQuestionNewPage() {
  const { t, lang } = useI18n();
  const h = t.helpQuestionNew;
  usePageTitle(h.title);

  const [vindplaatsen, setVindplaatsen] = useState<Vindplaats[]>([]);
  const [buurten, setBuurten] = useState<Buurt[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  const [mode, setMode] = useState<ResidentMode>('search');
  const [candidates, setCandidates] = useState<MatchCandidate[] | null>(null);
  const [searched, setSearched] = useState<MatchInput | null>(null);
  const [chosen, setChosen] = useState<MatchCandidate | null>(null);
  const [person, setPerson] = useState<PersonValues>(emptyPerson);
  /** New-person details that were already checked against known residents, so the warning shows once. */
  const [checkedNew, setCheckedNew] = useState<string | null>(null);
  const [newMatches, setNewMatches] = useState<MatchCandidate[]>([]);

  const [values, setValues] = useState({
    vindplaatsId: '',
    channel: '',
    referrerKind: '',
    referrerName: '',
    mainLawCode: '',
    freeText: '',
  });
  const [types, setTypes] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const chosenRef = useRef<HTMLDivElement>(null);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([intakeApi.vindplaatsen(controller.signal), intakeApi.buurten(controller.signal)])
      .then(([places, areas]) => {
        setVindplaatsen(places.data.items.filter((v) => v.active && v.kind !== 'online'));
        setBuurten(areas.data.items);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadError(errorText(error, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    if (chosen) chosenRef.current?.focus();
  }, [chosen]);

  const set = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  const found = (items: MatchCandidate[], input: MatchInput) => {
    setCandidates(items);
    setSearched(input);
  };

  /** Whatever the user does about the resident answers the "choose a resident" error. */
  const clearResidentError = () =>
    setErrors((current) => {
      const { resident: _resident, ...rest } = current;
      return rest;
    });

  const choose = (candidate: MatchCandidate) => {
    setChosen(candidate);
    setMode('search');
    clearResidentError();
  };

  const startNew = () => {
    // What was searched on is filled in already.
    setPerson((current) => ({
      ...current,
      bsn: current.bsn || searched?.bsn || '',
      familyName: current.familyName || searched?.familyName || '',
      birthDate:
        current.birthDate || (searched?.birthDate ? searched.birthDate.split('-').reverse().join('-') : ''),
      postcode: current.postcode || searched?.postcode || '',
      houseNumber: current.houseNumber || (searched?.houseNumber ? String(searched.houseNumber) : ''),
    }));
    setChosen(null);
    setMode('new');
    clearResidentError();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const problems: FieldErrors = {};
    if (!values.vindplaatsId) problems.vindplaatsId = h.vindplaatsRequired;
    if (!values.channel) problems.channel = h.channelRequired;
    if (types.length === 0) problems.questionTypes = h.typesRequired;
    if ([...values.freeText.trim()].length > MAX_FREE_TEXT)
      problems.freeText = t.questionnaire.tooLong(MAX_FREE_TEXT, [...values.freeText.trim()].length);
    if (mode === 'search' && !chosen) problems.resident = h.residentRequired;
    if (mode === 'new') Object.assign(problems, personErrors(person, t, 'person', { bsnRequired: true }));
    setErrors(problems);
    setGeneral([]);
    if (Object.keys(problems).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      if (mode === 'new') {
        // A new resident who looks like a known one: show the match first, register only when confirmed.
        const input = toNewPerson(person);
        const key = JSON.stringify([
          input.familyName,
          input.birthDate,
          input.address.postcode,
          input.address.houseNumber,
          input.bsn,
        ]);
        if (checkedNew !== key) {
          const { data } = await intakeApi.match(
            input.bsn
              ? { bsn: input.bsn }
              : {
                  familyName: input.familyName,
                  birthDate: input.birthDate,
                  postcode: input.address.postcode,
                  houseNumber: input.address.houseNumber,
                },
          );
          setCheckedNew(key);
          if (data.items.length > 0) {
            setNewMatches(data.items);
            setBusy(false);
            window.requestAnimationFrame(() => document.getElementById('new-matches')?.focus());
            return;
          }
        }
      }
      const { data } = await intakeApi.createHelpQuestion({
        channel: values.channel as (typeof CHANNELS)[number],
        vindplaatsId: values.vindplaatsId,
        referrerKind: (values.referrerKind || null) as (typeof REFERRER_KINDS)[number] | null,
        referrerName: values.referrerName.trim() || null,
        questionTypes: types as (typeof QUESTION_TYPES)[number][],
        mainLawCode: (values.mainLawCode || null) as (typeof LAW_CODES)[number] | null,
        freeText: values.freeText.trim() || null,
        person:
          mode === 'anonymous' ? null : mode === 'new' ? toNewPerson(person) : { personId: chosen!.personId },
      });
      const notes = [h.created(data.reference)];
      if (data.relatedQuestionId) notes.push(h.createdLinked);
      if (data.householdPlanId) notes.push(h.createdPlan);
      setFlash(`/hulpvragen/${data.id}`, notes.join(' '));
      navigate(`/hulpvragen/${data.id}`);
    } catch (error) {
      const shown = formErrorsFrom(error, t, lang, API_FIELDS);
      setErrors(shown.fields);
      setGeneral(shown.general);
      setAttempt((n) => n + 1);
      setBusy(false);
    }
  };

  const order = ['resident', ...PERSON_FIELDS.map((f) => `person-${f}`), ...QUESTION_FIELDS];

  return (
    <div className="grip-stack">
      <Paragraph>
        <Link to="/werklijst" className="grip-back-link">
          {h.back}
        </Link>
      </Paragraph>
      <div>
        <PageTitle>{h.title}</PageTitle>
        <Paragraph lead>{h.intro}</Paragraph>
      </div>
      {loadError ? (
        <Alert type="error">
          <Paragraph>{loadError}</Paragraph>
        </Alert>
      ) : null}
      <ErrorSummary items={summaryItems(order, errors, general)} focusKey={attempt} />

      <section className="grip-section" aria-labelledby="resident-heading">
        <Heading level={2} id="resident-heading">
          {h.residentHeading}
        </Heading>
        <div id="resident" tabIndex={-1} className="grip-focus-target">
          {errors.resident ? (
            <Alert type="error">
              <Paragraph>{errors.resident}</Paragraph>
            </Alert>
          ) : null}
        </div>
        {chosen ? (
          <div
            ref={chosenRef}
            tabIndex={-1}
            className="grip-panel grip-panel--chosen"
            aria-labelledby="chosen-heading"
          >
            <Heading level={3} id="chosen-heading" className="grip-panel__title">
              {h.chosenHeading}
            </Heading>
            <MatchCandidates candidates={[chosen]} chosen />
            <ButtonGroup>
              <Button onClick={() => setChosen(null)}>{h.chooseOther}</Button>
            </ButtonGroup>
          </div>
        ) : (
          <>
            <Fieldset id="resident-mode" legend={h.residentModeLegend}>
              <div className="grip-inline-choices">
                {(['search', 'new', 'anonymous'] as const).map((option) => (
                  <ChoiceField
                    key={option}
                    id={`resident-mode-${option}`}
                    type="radio"
                    name="resident-mode"
                    label={h.residentModes[option]}
                    checked={mode === option}
                    onChange={() => {
                      if (option === 'new') startNew();
                      else setMode(option);
                      if (option === 'anonymous') clearResidentError();
                    }}
                  />
                ))}
              </div>
            </Fieldset>
            {mode === 'search' ? (
              <>
                <ResidentSearch onFound={found} />
                <div role="status" className="grip-live-region">
                  {candidates ? (
                    candidates.length === 0 ? (
                      <Alert type="info">
                        <Paragraph>{h.noneFound}</Paragraph>
                      </Alert>
                    ) : (
                      <Paragraph>{h.found(candidates.length)}</Paragraph>
                    )
                  ) : null}
                </div>
                {candidates && candidates.length > 0 ? (
                  <MatchCandidates candidates={candidates} onChoose={choose} />
                ) : null}
                {candidates ? (
                  <ButtonGroup>
                    <Button onClick={startNew}>{h.registerNew}</Button>
                  </ButtonGroup>
                ) : null}
              </>
            ) : null}
            {mode === 'anonymous' ? (
              <Alert type="info">
                <Paragraph>{h.anonymousText}</Paragraph>
              </Alert>
            ) : null}
          </>
        )}
      </section>

      <form className="grip-form grip-narrow" noValidate onSubmit={submit}>
        {mode === 'new' && !chosen ? (
          <section className="grip-section" aria-labelledby="new-person-heading">
            <Heading level={2} id="new-person-heading">
              {h.newPersonHeading}
            </Heading>
            <PersonFields
              prefix="person"
              values={person}
              errors={errors}
              onChange={(next) => {
                setPerson(next);
                setNewMatches([]);
              }}
              audience="staff"
              buurten={buurten}
              bsnRequired
            />
            {newMatches.length > 0 ? (
              <div id="new-matches" tabIndex={-1} className="grip-stack grip-focus-target">
                <MatchCandidates candidates={newMatches} onChoose={choose} warnAlways />
                <Paragraph>{h.newAnyway}</Paragraph>
              </div>
            ) : null}
          </section>
        ) : null}

        <section className="grip-section" aria-labelledby="question-heading">
          <Heading level={2} id="question-heading">
            {h.questionHeading}
          </Heading>
          <SelectField
            id="vindplaatsId"
            label={h.vindplaats}
            description={h.vindplaatsHint}
            value={values.vindplaatsId}
            onChange={set('vindplaatsId')}
            error={errors.vindplaatsId}
            options={[
              { value: '', label: h.choose },
              ...vindplaatsen.map((v) => ({ value: v.id, label: v.name })),
            ]}
          />
          <SelectField
            id="channel"
            label={h.channel}
            value={values.channel}
            onChange={set('channel')}
            error={errors.channel}
            options={[
              { value: '', label: h.choose },
              ...CHANNELS.filter((c) => c !== 'online').map((c) => ({
                value: c,
                label: t.labels.channels[c] ?? c,
              })),
            ]}
          />
          <SelectField
            id="referrerKind"
            label={h.referrer}
            description={h.referrerHint}
            optional
            value={values.referrerKind}
            onChange={set('referrerKind')}
            error={errors.referrerKind}
            options={[
              { value: '', label: h.noReferrer },
              ...REFERRER_KINDS.map((r) => ({ value: r, label: t.labels.referrers[r] ?? r })),
            ]}
          />
          {values.referrerKind && values.referrerKind !== 'zelf' && values.referrerKind !== 'netwerk' ? (
            <TextField
              id="referrerName"
              label={h.referrerName}
              description={h.referrerNameHint}
              optional
              autoComplete="off"
              value={values.referrerName}
              onChange={set('referrerName')}
              error={errors.referrerName}
            />
          ) : null}
          <Fieldset
            id="questionTypes"
            legend={h.types}
            description={h.typesHint}
            error={errors.questionTypes}
          >
            <div className="grip-check-columns">
              {QUESTION_TYPES.map((type) => (
                <ChoiceField
                  key={type}
                  id={`questionTypes-${type}`}
                  name="questionTypes"
                  label={t.labels.questionTypes[type] ?? type}
                  checked={types.includes(type)}
                  onChange={(e) =>
                    setTypes((current) =>
                      e.target.checked
                        ? QUESTION_TYPES.filter((q) => q === type || current.includes(q))
                        : current.filter((q) => q !== type),
                    )
                  }
                />
              ))}
            </div>
          </Fieldset>
          <SelectField
            id="mainLawCode"
            label={h.mainLaw}
            description={h.mainLawHint}
            optional
            value={values.mainLawCode}
            onChange={set('mainLawCode')}
            error={errors.mainLawCode}
            options={[
              { value: '', label: h.noLaw },
              ...LAW_CODES.map((l) => ({ value: l, label: t.labels.laws[l] ?? l })),
            ]}
          />
          <TextAreaField
            id="freeText"
            label={h.freeText}
            description={h.freeTextHint}
            optional
            rows={5}
            value={values.freeText}
            onChange={set('freeText')}
            error={errors.freeText}
          />
        </section>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action" busy={busy}>
            {busy ? t.common.saving : newMatches.length > 0 ? h.submitAnyway : h.submit}
          </Button>
          <ButtonLink to="/werklijst" appearance="subtle">
            {t.common.cancel}
          </ButtonLink>
        </ButtonGroup>
      </form>
    </div>
  );
}
