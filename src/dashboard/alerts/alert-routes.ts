import { sql } from 'kysely';
import { STEERING_READERS } from '../../access/steering-actions.ts';
import type { Tx } from '../../platform/db/database.ts';
import { requiredVersion, setEtag, versionConflict } from '../../platform/http/etag.ts';
import { invalid, notFound, type InvalidParam } from '../../platform/http/problem.ts';
import type { GripApp } from '../../platform/http/types.ts';
import { evaluateAlerts } from './alert-evaluation.ts';
import {
  deleteRule,
  endOpenAlert,
  findRule,
  insertRule,
  listAlerts,
  listRules,
  updateRule,
  type AlertRuleRow,
  type RuleValues,
} from './alert-repository.ts';
import {
  AlertListSchema,
  AlertQuery,
  AlertRuleCreateSchema,
  AlertRuleListSchema,
  AlertRuleParams,
  AlertRuleSchema,
  AlertRuleUpdateSchema,
  alertBody,
  NoContent,
  ruleBody,
} from './alert-schemas.ts';

/**
 * Alert rules on dashboard figures and the alerts they fired (issue 8 point 12). A new or changed rule is
 * evaluated at once (so a rule that is already breached notifies its owner now); after that the platform's
 * refresh evaluates every rule. Changing a rule ends its open alert, so the changed rule is told afresh.
 */

const TAGS = ['Dashboard'];
const BASE = '/api/v1/dashboard';
const RULE = { nl: 'Deze signaleringsregel', en: 'This alert rule' };
const PAGE_SIZE = 50;

const param = (name: string, code: string, nl: string, en: string): InvalidParam => ({
  name,
  code,
  reason: { nl, en },
});

/** Checks a whole rule against its figure and the database; returns what is wrong. */
async function ruleProblems(tx: Tx, mc: string, v: RuleValues): Promise<InvalidParam[]> {
  const wrong: InvalidParam[] = [];
  if (v.figure === 'indicator-off-track') {
    if (v.indicatorId === null)
      wrong.push(
        param(
          'indicatorId',
          'required',
          'Kies de indicator die u wilt volgen.',
          'Choose the indicator to watch.',
        ),
      );
    else {
      const { rows } =
        await sql`SELECT 1 FROM indicator WHERE municipality_code = ${mc} AND id = ${v.indicatorId}`.execute(
          tx,
        );
      if (rows.length === 0)
        wrong.push(
          param('indicatorId', 'unknown', 'Deze indicator bestaat niet.', 'This indicator does not exist.'),
        );
    }
    if (v.thresholdPct !== null)
      wrong.push(
        param(
          'thresholdPct',
          'not-applicable',
          'Een indicator heeft geen drempelpercentage: de regel gaat af als de indicator niet op koers is.',
          'An indicator rule has no threshold: it fires when the indicator is off track.',
        ),
      );
  } else {
    if (v.thresholdPct === null)
      wrong.push(
        param(
          'thresholdPct',
          'required',
          'Geef het drempelpercentage (0 tot en met 100).',
          'Give the threshold percentage (0 to 100).',
        ),
      );
    if (v.indicatorId !== null)
      wrong.push(
        param(
          'indicatorId',
          'not-applicable',
          'Alleen een regel op een indicator heeft een indicator.',
          'Only an indicator rule has an indicator.',
        ),
      );
  }
  if (v.taakveld !== null) {
    if (v.figure !== 'spending-above-budget')
      wrong.push(
        param(
          'taakveld',
          'not-applicable',
          'Alleen een regel op uitgaven tegen de begroting heeft een taakveld.',
          'Only a spending rule has a taakveld.',
        ),
      );
    else {
      const { rows } = await sql`SELECT 1 FROM bbv_taakveld WHERE code = ${v.taakveld}`.execute(tx);
      if (rows.length === 0)
        wrong.push(
          param(
            'taakveld',
            'unknown',
            `Taakveld ${v.taakveld} staat niet in de BBV-lijst.`,
            `Taakveld ${v.taakveld} is not in the BBV list.`,
          ),
        );
    }
  }
  // The owner: an active account of this municipality that may read the dashboard the alert links to.
  const { rows: owners } = await sql<{ ok: boolean }>`
    SELECT EXISTS (SELECT 1 FROM role_assignment r WHERE r.municipality_code = u.municipality_code
                     AND r.user_id = u.id AND r.role IN (SELECT jsonb_array_elements_text(${JSON.stringify(STEERING_READERS)}::jsonb))) AS ok
    FROM app_user u WHERE u.municipality_code = ${mc} AND u.id = ${v.ownerUserId} AND u.active`.execute(tx);
  if (owners.length === 0)
    wrong.push(
      param(
        'ownerUserId',
        'unknown',
        'Deze eigenaar is geen actief account van deze gemeente.',
        'This owner is not an active account of this municipality.',
      ),
    );
  else if (!owners[0]!.ok)
    wrong.push(
      param(
        'ownerUserId',
        'no-dashboard-role',
        'Deze eigenaar heeft geen rol waarmee het dashboard te zien is.',
        'This owner has no role that may see the dashboard.',
      ),
    );
  return wrong;
}

const valuesOf = (r: AlertRuleRow): RuleValues => ({
  figure: r.figure_code,
  thresholdPct: r.threshold_pct === null ? null : Number(r.threshold_pct),
  taakveld: r.taakveld_code,
  indicatorId: r.indicator_id,
  ownerUserId: r.owner_user_id,
  active: r.active,
});

export function registerAlertRoutes(app: GripApp): void {
  app.get(
    `${BASE}/alert-rules`,
    {
      config: { action: 'dashboard-alert-rules.list' },
      schema: {
        tags: TAGS,
        summary: 'The alert rules on dashboard figures',
        response: { 200: AlertRuleListSchema },
      },
    },
    async (request) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const rows = await request.tenant((tx) => listRules(tx, mc));
      return { items: rows.map(ruleBody) };
    },
  );

  app.post(
    `${BASE}/alert-rules`,
    {
      config: { action: 'dashboard-alert-rule.create' },
      schema: {
        tags: TAGS,
        summary: 'Add an alert rule; it is evaluated at once',
        description:
          'spending-above-budget and overdue-decisions-rising need thresholdPct; indicator-off-track needs ' +
          'indicatorId and no threshold. The owner must be an active account of the municipality with a ' +
          'dashboard role.',
        body: AlertRuleCreateSchema,
        response: { 201: AlertRuleSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const b = request.body;
      const values: RuleValues = {
        figure: b.figure,
        thresholdPct: b.thresholdPct ?? null,
        taakveld: b.taakveld ?? null,
        indicatorId: b.indicatorId ?? null,
        ownerUserId: b.ownerUserId,
        active: b.active ?? true,
      };
      const rule = await request.tenant(async (tx) => {
        const wrong = await ruleProblems(tx, mc, values);
        if (wrong.length > 0) throw invalid(wrong);
        const id = await insertRule(tx, mc, values);
        await evaluateAlerts(tx, mc, { ruleIds: [id] });
        return (await findRule(tx, mc, id))!;
      });
      setEtag(reply, rule.version);
      return reply.code(201).send(ruleBody(rule));
    },
  );

  app.patch(
    `${BASE}/alert-rules/:ruleId`,
    {
      config: { action: 'dashboard-alert-rule.update' },
      schema: {
        tags: TAGS,
        summary: 'Change an alert rule (If-Match: its version); it is evaluated again at once',
        params: AlertRuleParams,
        body: AlertRuleUpdateSchema,
        response: { 200: AlertRuleSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const expected = requiredVersion(request);
      const b = request.body;
      const rule = await request.tenant(async (tx) => {
        const current = await findRule(tx, mc, request.params.ruleId, true);
        if (!current) throw notFound(RULE);
        if (current.version !== expected) throw versionConflict(current.version);
        const values: RuleValues = { ...valuesOf(current) };
        if (b.figure !== undefined) values.figure = b.figure;
        if (b.thresholdPct !== undefined) values.thresholdPct = b.thresholdPct;
        if (b.taakveld !== undefined) values.taakveld = b.taakveld;
        if (b.indicatorId !== undefined) values.indicatorId = b.indicatorId;
        if (b.ownerUserId !== undefined) values.ownerUserId = b.ownerUserId;
        if (b.active !== undefined) values.active = b.active;
        const wrong = await ruleProblems(tx, mc, values);
        if (wrong.length > 0) throw invalid(wrong);
        await updateRule(tx, mc, current.id, values);
        await endOpenAlert(tx, mc, current.id);
        await evaluateAlerts(tx, mc, { ruleIds: [current.id] });
        return (await findRule(tx, mc, current.id))!;
      });
      setEtag(reply, rule.version);
      return ruleBody(rule);
    },
  );

  app.delete(
    `${BASE}/alert-rules/:ruleId`,
    {
      config: { action: 'dashboard-alert-rule.delete' },
      schema: {
        tags: TAGS,
        summary: 'Remove an alert rule (If-Match: its version); its fired alerts stay in the history',
        params: AlertRuleParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const expected = requiredVersion(request);
      await request.tenant(async (tx) => {
        const current = await findRule(tx, mc, request.params.ruleId, true);
        if (!current) throw notFound(RULE);
        if (current.version !== expected) throw versionConflict(current.version);
        await deleteRule(tx, mc, current.id);
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    `${BASE}/alerts`,
    {
      config: { action: 'dashboard-alerts.list' },
      schema: {
        tags: TAGS,
        summary: 'Alerts that fired, newest first',
        querystring: AlertQuery,
        response: { 200: AlertListSchema },
      },
    },
    async (request) => {
      const { municipalityCode: mc } = request.grip.actor!;
      const { page, ruleId } = request.query;
      const { rows, total } = await request.tenant((tx) =>
        listAlerts(tx, mc, { ruleId, page, pageSize: PAGE_SIZE }),
      );
      return { items: rows.map(alertBody), page, pageSize: PAGE_SIZE, total };
    },
  );
}
