import { useEffect, useState, type FormEvent } from 'react';
import { catalogueApi, LAWS, type NearQuery, type NearResult, type WijkFeatures } from '../catalogue-api.ts';
import { Alert } from '../components/Alert.tsx';
import { Button, ButtonGroup } from '../components/Button.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../components/FormField.tsx';
import { MapView, type MapPoint } from '../components/MapView.tsx';
import { codeOptions, problemErrors, useFormErrors } from '../components/ServiceShared.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { Heading, PageTitle, Paragraph } from '../components/Typography.tsx';
import { usePageTitle } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate, useLocation, withQuery } from '../router.tsx';
import { useSession } from '../session.tsx';

const FIELD_IDS = {
  'query.postcode': 'near-postcode',
  'query.houseNumber': 'near-house-number',
  'query.wijkCode': 'near-wijk',
  'query.lawCode': 'near-law',
  'query.municipality': 'near-postcode',
};
const POSTCODE = /^[1-9][0-9]{3}\s?[A-Za-z]{2}$/;

/**
 * Algemene voorzieningen near a postcode or wijk, for residents (no log-in: `municipality` names the
 * municipality) and professionals: a numbered list and a map with the same numbers. The query is in the
 * address, so a result can be shared or bookmarked.
 */
export function VoorzieningenMapPage({ municipality }: { municipality: string | null }) {
  const { t, lang } = useI18n();
  const c = t.catMap;
  usePageTitle(c.title);
  const { state, hasRole } = useSession();
  const loggedIn = state.status === 'authenticated';
  const caseworker = loggedIn && hasRole('toegang-medewerker', 'wijkteam-medewerker', 'regisseur');
  const { pathname, query } = useLocation();
  const asked = {
    postcode: query.get('postcode') ?? '',
    houseNumber: query.get('huisnummer') ?? '',
    wijkCode: query.get('wijk') ?? '',
    lawCode: query.get('wet') ?? '',
  };
  const [draft, setDraft] = useState(asked);
  const [result, setResult] = useState<NearResult | null>(null);
  const [wijken, setWijken] = useState<WijkFeatures | null>(null);
  const [loading, setLoading] = useState(true);
  const errors = useFormErrors(['near-postcode', 'near-house-number', 'near-wijk', 'near-law']);

  useEffect(() => {
    if (!loggedIn) return;
    const controller = new AbortController();
    catalogueApi
      .wijkGeometry(controller.signal)
      .then(({ data }) => setWijken(data))
      .catch(() => setWijken(null));
    return () => controller.abort();
  }, [loggedIn]);

  useEffect(() => {
    if (!loggedIn && !municipality) return;
    const controller = new AbortController();
    const params: NearQuery = {
      municipality: loggedIn ? undefined : (municipality ?? undefined),
      postcode: asked.postcode.replace(/\s+/g, '').toUpperCase() || undefined,
      houseNumber: caseworker && asked.postcode ? asked.houseNumber || undefined : undefined,
      wijkCode: asked.postcode ? undefined : asked.wijkCode || undefined,
      lawCode: asked.lawCode || undefined,
    };
    setLoading(true);
    setDraft(asked);
    catalogueApi
      .nearby(params, controller.signal)
      .then(({ data }) => {
        setResult(data);
        errors.clear();
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setResult(null);
        errors.show(problemErrors(e, t, lang, FIELD_IDS));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [loggedIn, municipality, asked.postcode, asked.houseNumber, asked.wijkCode, asked.lawCode]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (draft.postcode.trim() && !POSTCODE.test(draft.postcode.trim()))
      found['near-postcode'] = c.postcodeInvalid;
    if (draft.houseNumber.trim() && !/^\d{1,5}$/.test(draft.houseNumber.trim()))
      found['near-house-number'] = t.catForm.numberInvalid;
    if (Object.keys(found).length > 0) return errors.show({ fields: found, general: [] });
    navigate(
      withQuery(pathname, {
        gemeente: loggedIn ? undefined : (query.get('gemeente') ?? undefined),
        postcode: draft.postcode.trim().toUpperCase(),
        huisnummer: caseworker ? draft.houseNumber.trim() : undefined,
        wijk: draft.wijkCode,
        wet: draft.lawCode,
      }),
    );
  };

  // One number per location, in the order of the list; the map uses the same numbers.
  let counter = 0;
  const numbered = (result?.items ?? []).map((service) => ({
    service,
    locations: service.locations.map((location) => ({ location, n: ++counter })),
  }));
  const points: MapPoint[] = numbered.flatMap(({ locations }) =>
    locations
      .filter(({ location }) => location.longitude !== null && location.latitude !== null)
      .map(({ location, n }) => ({
        n,
        longitude: location.longitude!,
        latitude: location.latitude!,
        name: location.name,
      })),
  );
  const origin = result?.origin ?? null;
  const originText = !origin
    ? asked.postcode
      ? c.noOrigin
      : null
    : origin.resolvedFrom === 'address'
      ? c.originAddress(origin.wijkName)
      : origin.resolvedFrom === 'wijk' || origin.resolvedFrom === 'buurt'
        ? c.originWijk(origin.wijkName)
        : c.originPostcode(origin.wijkName);
  const wijkOptions = (wijken?.features ?? [])
    .map((f) => ({ value: f.properties.code, label: f.properties.name }))
    .sort((a, b) => a.label.localeCompare(b.label, 'nl'));
  const distance = (km: number | null) =>
    km === null
      ? null
      : c.distance(
          new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 }).format(km),
        );

  return (
    <div className="grip-stack">
      <div>
        <PageTitle>{c.title}</PageTitle>
        <Paragraph lead>{c.intro}</Paragraph>
      </div>
      {!loggedIn && !municipality ? (
        <Alert type="warning">
          <Paragraph>{c.unknownMunicipality}</Paragraph>
        </Alert>
      ) : null}
      <ErrorSummary items={errors.items} focusKey={errors.attempt} />
      <form className="grip-form grip-form--grid" role="search" noValidate onSubmit={submit}>
        <TextField
          id="near-postcode"
          label={c.postcode}
          description={c.postcodeHint}
          optional
          autoComplete="postal-code"
          value={draft.postcode}
          onChange={(e) => setDraft({ ...draft, postcode: e.target.value })}
          error={errors.fields['near-postcode']}
        />
        {caseworker ? (
          <TextField
            id="near-house-number"
            label={c.houseNumber}
            description={c.houseNumberHint}
            optional
            inputMode="numeric"
            autoComplete="off"
            value={draft.houseNumber}
            onChange={(e) => setDraft({ ...draft, houseNumber: e.target.value })}
            error={errors.fields['near-house-number']}
          />
        ) : null}
        {wijkOptions.length > 0 ? (
          <SelectField
            id="near-wijk"
            label={c.wijk}
            optional
            value={draft.wijkCode}
            onChange={(e) => setDraft({ ...draft, wijkCode: e.target.value })}
            options={[{ value: '', label: c.anyWijk }, ...wijkOptions]}
            error={errors.fields['near-wijk']}
          />
        ) : null}
        <SelectField
          id="near-law"
          label={c.law}
          optional
          value={draft.lawCode}
          onChange={(e) => setDraft({ ...draft, lawCode: e.target.value })}
          options={[{ value: '', label: t.catCodes.any }, ...codeOptions(LAWS, t.catCodes.laws)]}
          error={errors.fields['near-law']}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action">
            {c.search}
          </Button>
        </ButtonGroup>
      </form>
      <div role="status" className="grip-live-region">
        {loading && (loggedIn || municipality) ? (
          <Paragraph>{t.common.loading}</Paragraph>
        ) : result ? (
          <Paragraph>
            {result.items.length === 0 ? c.none : c.count(result.items.length)} {originText}
          </Paragraph>
        ) : null}
      </div>
      {result && !loading && result.items.length > 0 ? (
        <div className="grip-map-layout">
          <section className="grip-section" aria-labelledby="near-list-heading">
            <Heading level={2} id="near-list-heading">
              {c.listHeading}
            </Heading>
            <ul className="grip-plain-list grip-stack" id="near-list">
              {numbered.map(({ service, locations }) => (
                <li key={service.id} className="grip-panel grip-panel--subtle">
                  <Heading level={3} appearance={4}>
                    {service.name}
                  </Heading>
                  {service.inOriginWijk ? (
                    <Paragraph>
                      <StatusBadge status="success">{c.inYourWijk}</StatusBadge>
                    </Paragraph>
                  ) : null}
                  {service.description ? <Paragraph>{service.description}</Paragraph> : null}
                  {service.targetGroup || service.minAge !== null || service.maxAge !== null ? (
                    <Paragraph small>
                      {c.forWhom}:{' '}
                      {[service.targetGroup, c.ages(service.minAge, service.maxAge)]
                        .filter(Boolean)
                        .join(', ')}
                    </Paragraph>
                  ) : null}
                  <ol className="grip-plain-list grip-near-locations">
                    {locations.map(({ location, n }) => (
                      <li key={location.id}>
                        <span className="grip-near-number" aria-hidden="true">
                          {n}
                        </span>
                        <span className="grip-visually-hidden">{c.location(n)}: </span>
                        <strong>{location.name}</strong>
                        {location.inOriginWijk ? ` (${c.inYourWijk.toLowerCase()})` : ''}
                        <br />
                        {[location.streetAddress, location.wijkName, distance(location.distanceKm)]
                          .filter(Boolean)
                          .join(' · ')}
                        {location.openingHours ? (
                          <>
                            <br />
                            {c.hours}: {location.openingHours}
                          </>
                        ) : null}
                        {location.capacity !== null ? (
                          <>
                            <br />
                            {c.capacity}: {location.capacity}{' '}
                            {location.capacityUnit
                              ? (t.catCodes.capacityUnits[location.capacityUnit] ?? '')
                              : ''}
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                </li>
              ))}
            </ul>
          </section>
          <section className="grip-section" aria-labelledby="near-map-heading">
            <Heading level={2} id="near-map-heading">
              {c.mapHeading}
            </Heading>
            <MapView wijken={wijken} points={points} originWijkCode={origin?.wijkCode ?? null} />
          </section>
        </div>
      ) : null}
    </div>
  );
}
