import { useId, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { CatalogueService } from '../plan-api.ts';
import { Button } from './Button.tsx';
import { TextField } from './FormField.tsx';
import { Paragraph } from './Typography.tsx';

/** Search the catalogue (algemene voorzieningen and maatwerk of all laws) and link a service to a goal. */
export function PlanServicesPicker({
  idPrefix,
  catalogue,
  catalogueError,
  linked,
  onLink,
}: {
  idPrefix: string;
  catalogue: CatalogueService[] | null;
  catalogueError: string | null;
  linked: string[];
  onLink(service: CatalogueService): void;
}) {
  const { t } = useI18n();
  const p = t.plan;
  const [text, setText] = useState('');
  const resultsId = useId();
  const results = useMemo(() => {
    const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (!catalogue || words.length === 0) return [];
    return catalogue
      .filter((service) => {
        const haystack = [
          service.name,
          service.code,
          t.labels.laws[service.lawCode] ?? service.lawCode,
          p.serviceKinds[service.kind] ?? service.kind,
        ]
          .join(' ')
          .toLowerCase();
        return words.every((word) => haystack.includes(word));
      })
      .slice(0, 12);
  }, [catalogue, text, t, p]);

  return (
    <div className="grip-plan-picker">
      <TextField
        id={`${idPrefix}-search`}
        label={p.serviceSearch}
        description={p.serviceSearchHint}
        optional
        type="search"
        value={text}
        autoComplete="off"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // Inside the plan's form: Enter searches, it does not save the plan.
          if (e.key === 'Enter') e.preventDefault();
        }}
        aria-controls={resultsId}
      />
      {catalogueError ? <Paragraph>{p.serviceCatalogueError}</Paragraph> : null}
      <div id={resultsId}>
        <div role="status" className="grip-visually-hidden">
          {text.trim() && catalogue ? p.serviceResults(results.length) : ''}
        </div>
        {text.trim() && catalogue && results.length === 0 ? (
          <Paragraph>{p.serviceNoResults}</Paragraph>
        ) : null}
        {results.length > 0 ? (
          <ul className="grip-plain-list grip-plan-results">
            {results.map((service) => (
              <li key={service.id}>
                <span>
                  {service.name}{' '}
                  <span className="grip-muted">
                    (
                    {[
                      t.labels.laws[service.lawCode] ?? service.lawCode,
                      p.serviceKinds[service.kind] ?? service.kind,
                    ].join(', ')}
                    )
                  </span>
                </span>{' '}
                {linked.includes(service.id) ? (
                  <span className="grip-muted">{p.serviceLinked}</span>
                ) : (
                  <Button appearance="subtle" onClick={() => onLink(service)}>
                    {p.serviceLink(service.name)}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
