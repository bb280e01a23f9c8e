import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonLink } from '../components/Button.tsx';
import { SelectField } from '../components/FormField.tsx';
import { Link } from '../components/Link.tsx';
import { DueBadge, UrgentBadge } from '../components/IntakeBadges.tsx';
import { Cell, HeaderCell, Row, RowHeaderCell, Table, TableBody, TableHead } from '../components/Table.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { errorText, usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { intakeApi, type DueState, type Team, type Worklist } from '../intake-api.ts';
import { navigate, useLocation, withQuery } from '../router.tsx';

const STATES: DueState[] = ['te-laat', 'bijna', 'op-tijd'];

/** The team's open help questions and meldingen, the nearest due date first. Filters live in the address. */
export function WorklistPage() {
  const { t, lang, formatDate } = useI18n();
  const w = t.worklist;
  usePageTitle(w.title);
  const texts = useRef({ t, lang });
  texts.current = { t, lang };
  const { query } = useLocation();
  const state = query.get('termijn') ?? '';
  const kind = query.get('soort') ?? '';
  const team = query.get('team') ?? '';
  const [form, setForm] = useState({ state, kind, team });
  const [worklist, setWorklist] = useState<Worklist | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => setForm({ state, kind, team }), [state, kind, team]);

  useEffect(() => {
    const controller = new AbortController();
    intakeApi
      .teams(controller.signal)
      .then(({ data }) => setTeams(data.items.filter((t) => t.kind === 'toegang' || t.kind === 'wijkteam')))
      .catch(() => {
        // Without the list the worklist still shows the caller's own team; the picker stays empty.
      });
    return () => controller.abort();
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    setWorklist(null);
    setLoadError(null);
    intakeApi
      .worklist(/^[0-9a-f-]{36}$/i.test(team) ? team : undefined, controller.signal)
      .then(({ data }) => setWorklist(data))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadError(errorText(error, texts.current.t, texts.current.lang));
      });
    return () => controller.abort();
  }, [team]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(withQuery('/werklijst', { termijn: form.state, soort: form.kind, team: form.team }));
  };

  const items = worklist?.items ?? null;
  const shown = (items ?? []).filter(
    (item) => (!state || item.state === state) && (!kind || item.kind === kind),
  );
  const counts = STATES.map((s) => ({ state: s, n: (items ?? []).filter((i) => i.state === s).length }));

  return (
    <div className="grip-stack">
      <div className="grip-page-intro">
        <div>
          <PageTitle>{w.title}</PageTitle>
          <Paragraph lead>{worklist ? w.introTeam(worklist.teamName) : w.intro}</Paragraph>
        </div>
        <div>
          <ButtonLink to="/hulpvragen/nieuw" appearance="primary-action">
            {w.newQuestion}
          </ButtonLink>
        </div>
      </div>

      <section className="grip-panel" aria-labelledby="worklist-filters-heading">
        <Heading level={2} appearance={3} id="worklist-filters-heading" className="grip-panel__title">
          {w.filtersHeading}
        </Heading>
        <form className="grip-form grip-form--grid" noValidate onSubmit={apply}>
          <SelectField
            id="team"
            label={w.team}
            optional
            value={form.team || worklist?.teamId || ''}
            onChange={(e) => setForm({ ...form, team: e.target.value })}
            options={[
              ...(teams.length === 0 && worklist
                ? [{ value: worklist.teamId, label: worklist.teamName }]
                : []),
              ...teams.map((option) => ({ value: option.id, label: option.name })),
            ]}
          />
          <SelectField
            id="state"
            label={w.state}
            optional
            value={form.state}
            onChange={(e) => setForm({ ...form, state: e.target.value })}
            options={[
              { value: '', label: w.allStates },
              ...STATES.map((s) => ({ value: s, label: t.labels.dueStates[s] ?? s })),
            ]}
          />
          <SelectField
            id="kind"
            label={w.kind}
            optional
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.target.value })}
            options={[
              { value: '', label: w.allKinds },
              { value: 'hulpvraag', label: w.kinds.hulpvraag },
              { value: 'melding', label: w.kinds.melding },
            ]}
          />
          <div className="grip-button-group utrecht-button-group">
            <Button type="submit" appearance="primary-action">
              {w.apply}
            </Button>
          </div>
        </form>
      </section>

      <section className="grip-section" aria-labelledby="worklist-heading">
        <Heading level={2} id="worklist-heading">
          {w.listHeading}
        </Heading>
        <div role="status" className="grip-live-region">
          {loadError ? (
            <Alert type="error">
              <Paragraph>{loadError}</Paragraph>
            </Alert>
          ) : items && items.length === 0 ? (
            <Paragraph>{w.empty}</Paragraph>
          ) : items ? (
            <Paragraph>
              {w.count(shown.length, items.length)}{' '}
              {counts
                .filter((c) => c.n > 0)
                .map((c) => w.stateCount(c.n, t.labels.dueStates[c.state] ?? c.state))
                .join(', ')}
            </Paragraph>
          ) : (
            <Paragraph>{t.common.loading}</Paragraph>
          )}
        </div>
        {shown.length > 0 ? (
          <Table caption={w.tableCaption} hideCaption>
            <TableHead>
              <HeaderCell>{w.colReference}</HeaderCell>
              <HeaderCell>{w.colResident}</HeaderCell>
              <HeaderCell>{w.colKind}</HeaderCell>
              <HeaderCell>{w.colDue}</HeaderCell>
              <HeaderCell>{w.colState}</HeaderCell>
            </TableHead>
            <TableBody>
              {shown.map((item) => (
                <Row key={`${item.kind}-${item.meldingId ?? item.helpQuestionId}`}>
                  <RowHeaderCell>
                    <Link to={`/hulpvragen/${item.helpQuestionId}`}>{item.reference}</Link>
                    {item.urgentReason ? (
                      <span className="grip-cell-note">
                        <UrgentBadge reason={item.urgentReason} />
                      </span>
                    ) : null}
                  </RowHeaderCell>
                  <Cell>{item.personName ?? w.anonymous}</Cell>
                  <Cell>
                    {item.kind === 'melding'
                      ? w.meldingOf(item.lawCode ? (t.labels.laws[item.lawCode] ?? item.lawCode) : '')
                      : w.kinds.hulpvraag}
                    {item.clock ? (
                      <span className="grip-cell-note">
                        {w.clock(t.labels.clocks[item.clock] ?? item.clock)}
                      </span>
                    ) : null}
                  </Cell>
                  <Cell className="grip-nowrap">
                    {item.dueDate ? formatDate(item.dueDate) : t.common.empty}
                  </Cell>
                  <Cell>
                    {item.state ? (
                      <DueBadge state={item.state} daysLeft={item.daysLeft} />
                    ) : (
                      <span className="grip-muted">{w.noDeadline}</span>
                    )}
                    {item.suspended ? <span className="grip-cell-note">{w.suspended}</span> : null}
                  </Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
        ) : items && items.length > 0 && !loadError ? (
          <Paragraph>{w.noneWithFilter}</Paragraph>
        ) : null}
      </section>
    </div>
  );
}
