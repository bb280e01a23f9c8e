import type { SheetValue } from '../intake/report-xlsx.ts';
import type { Tx } from '../platform/db/database.ts';
import {
  BUDGET_STAGES,
  type BudgetStage,
  type ImportError,
  type Layout,
  type ParsedBudget,
  type Side,
} from './budget-import.ts';

/**
 * Budgets of a programme in the database: writing a parsed import (in the caller's transaction, so all or
 * nothing), the overview per year and stage (lasten, baten, saldo, reserves, result) and the export rows in
 * the import layout. Amounts in euro x 1,000.
 */

export interface BudgetLineView {
  id: string;
  level: 'thema' | 'taakveld' | 'totaal';
  themeId: string | null;
  themeCode: string | null;
  themeName: string | null;
  taakveld: string | null;
  year: number;
  side: Side;
  stage: BudgetStage;
  amount: number;
  source: 'invoer' | 'import' | 'grip-kosten';
}

export interface ReserveView {
  id: string;
  reserveName: string;
  kind: 'storting' | 'onttrekking';
  year: number;
  stage: BudgetStage;
  amount: number;
}

export interface BudgetTotal {
  year: number;
  stage: BudgetStage;
  /** The published programme total where the file gave one, else the sum of the theme (or taakveld) lines. */
  lasten: number | null;
  baten: number | null;
  saldo: number | null;
  storting: number;
  onttrekking: number;
  resultaat: number | null;
  themeLasten: number | null;
  themeBaten: number | null;
  publishedLasten: number | null;
  publishedBaten: number | null;
  /** A published total and the sum of its lines differ by more than 1 (rounding). */
  mismatch: boolean;
}

export interface BudgetOverview {
  programme: { id: string; code: string; name: string; firstYear: number; lastYear: number };
  lines: BudgetLineView[];
  reserves: ReserveView[];
  totals: BudgetTotal[];
}

export interface ImportSummary {
  id: string;
  layout: Layout;
  lineCount: number;
  reserveCount: number;
  themesCreated: string[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function programmeRow(tx: Tx, municipalityCode: string, programmeId: string) {
  return tx
    .selectFrom('programme')
    .select(['id', 'code', 'name', 'first_year', 'last_year'])
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', programmeId)
    .executeTakeFirst();
}

/**
 * Checks what needs the database (taakveld catalogue, years of the programme) and writes the import:
 * themes it names that do not exist yet are created, and each line replaces a line with the same theme or
 * taakveld, year, side and stage. Returns the errors instead when there are any (nothing written).
 */
export async function writeBudgetImport(
  tx: Tx,
  input: {
    municipalityCode: string;
    userId: string;
    programmeId: string;
    fileName: string;
    format: 'csv' | 'xlsx';
    budget: ParsedBudget;
  },
): Promise<{ ok: true; summary: ImportSummary } | { ok: false; errors: ImportError[] }> {
  const { municipalityCode: mc, programmeId, budget } = input;
  const programme = (await programmeRow(tx, mc, programmeId))!;
  const errors: ImportError[] = [];
  const known = new Set((await tx.selectFrom('bbv_taakveld').select('code').execute()).map((t) => t.code));
  const reported = new Set<number>();
  for (const item of [...budget.lines, ...budget.reserves]) {
    if (item.year < programme.first_year || item.year > programme.last_year) {
      if (!reported.has(item.line))
        errors.push({
          line: item.line,
          column: String(item.year),
          code: 'year-outside-programme',
          message: {
            nl: `${item.year} ligt buiten de looptijd van het programma (${programme.first_year}–${programme.last_year}).`,
            en: `${item.year} lies outside the programme's years (${programme.first_year}–${programme.last_year}).`,
          },
        });
      reported.add(item.line);
    }
  }
  for (const l of budget.lines) {
    if (l.taakveld && !known.has(l.taakveld) && !reported.has(l.line)) {
      reported.add(l.line);
      errors.push({
        line: l.line,
        column: 'taakveld',
        code: 'unknown-taakveld',
        message: {
          nl: `Taakveld ${l.taakveld} staat niet in de BBV-lijst.`,
          en: `Taakveld ${l.taakveld} is not in the BBV list.`,
        },
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };

  const batch = await tx
    .insertInto('budget_import')
    .values({
      municipality_code: mc,
      programme_id: programmeId,
      file_name: input.fileName.slice(0, 200) || 'begroting',
      file_format: input.format,
      layout: budget.layout,
      line_count: budget.lines.length,
      reserve_count: budget.reserves.length,
      imported_by: input.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // Themes: by code when the file has one, else by name (case-insensitive); new ones are created.
  const themes = await tx
    .selectFrom('theme')
    .select(['id', 'code', 'name'])
    .where('municipality_code', '=', mc)
    .where('programme_id', '=', programmeId)
    .execute();
  const themesCreated: string[] = [];
  let nextCode =
    themes.reduce((max, t) => (/^\d+$/.test(t.code) ? Math.max(max, Number(t.code)) : max), 0) + 1;
  const themeIds = new Map<string, string>();
  for (const l of budget.lines) {
    if (!l.themeName) continue;
    const key = (l.themeCode ?? l.themeName).toLowerCase();
    if (themeIds.has(key)) continue;
    const found = l.themeCode
      ? themes.find((t) => t.code.toLowerCase() === l.themeCode!.toLowerCase())
      : themes.find((t) => t.name.toLowerCase() === l.themeName!.toLowerCase());
    if (found) {
      themeIds.set(key, found.id);
      continue;
    }
    let code = l.themeCode ?? String(nextCode++);
    while (themes.some((t) => t.code === code)) code = String(nextCode++);
    const created = await tx
      .insertInto('theme')
      .values({
        municipality_code: mc,
        programme_id: programmeId,
        code,
        name: l.themeName.slice(0, 200),
        bbv_taakveld_code: l.taakveld,
      })
      .returning(['id', 'code', 'name'])
      .executeTakeFirstOrThrow();
    themes.push(created);
    themesCreated.push(created.name);
    themeIds.set(key, created.id);
  }

  for (const l of budget.lines) {
    const themeId = l.themeName ? themeIds.get((l.themeCode ?? l.themeName).toLowerCase())! : null;
    const programmeLevel = themeId === null ? programmeId : null;
    let remove = tx
      .deleteFrom('budget_line')
      .where('municipality_code', '=', mc)
      .where('year', '=', l.year)
      .where('side', '=', l.side)
      .where('stage', '=', l.stage);
    remove =
      themeId !== null
        ? remove.where('theme_id', '=', themeId)
        : remove.where('programme_id', '=', programmeId).where('theme_id', 'is', null);
    remove = l.taakveld
      ? remove.where('bbv_taakveld_code', '=', l.taakveld)
      : remove.where('bbv_taakveld_code', 'is', null);
    await remove.execute();
    await tx
      .insertInto('budget_line')
      .values({
        municipality_code: mc,
        programme_id: programmeLevel,
        theme_id: themeId,
        bbv_taakveld_code: l.taakveld,
        year: l.year,
        side: l.side,
        stage: l.stage,
        amount_thousands: l.amount,
        source: 'import',
        budget_import_id: batch.id,
      })
      .execute();
  }
  for (const r of budget.reserves) {
    await tx
      .deleteFrom('reserve_mutation')
      .where('municipality_code', '=', mc)
      .where('programme_id', '=', programmeId)
      .where('reserve_name', '=', r.reserveName)
      .where('year', '=', r.year)
      .where('kind', '=', r.kind)
      .where('stage', '=', r.stage)
      .execute();
    await tx
      .insertInto('reserve_mutation')
      .values({
        municipality_code: mc,
        programme_id: programmeId,
        reserve_name: r.reserveName,
        year: r.year,
        kind: r.kind,
        stage: r.stage,
        amount_thousands: r.amount,
        budget_import_id: batch.id,
      })
      .execute();
  }
  return {
    ok: true,
    summary: {
      id: batch.id,
      layout: budget.layout,
      lineCount: budget.lines.length,
      reserveCount: budget.reserves.length,
      themesCreated,
    },
  };
}

export async function budgetOverview(
  tx: Tx,
  municipalityCode: string,
  programmeId: string,
): Promise<BudgetOverview | null> {
  const programme = await programmeRow(tx, municipalityCode, programmeId);
  if (!programme) return null;
  const rows = await tx
    .selectFrom('budget_line as b')
    .leftJoin('theme as t', (j) =>
      j.onRef('t.municipality_code', '=', 'b.municipality_code').onRef('t.id', '=', 'b.theme_id'),
    )
    .select([
      'b.id',
      'b.theme_id',
      't.code as theme_code',
      't.name as theme_name',
      'b.bbv_taakveld_code',
      'b.year',
      'b.side',
      'b.stage',
      'b.amount_thousands',
      'b.source',
    ])
    .where('b.municipality_code', '=', municipalityCode)
    .where((eb) => eb.or([eb('t.programme_id', '=', programmeId), eb('b.programme_id', '=', programmeId)]))
    .orderBy('b.year')
    .orderBy('t.code')
    .orderBy('b.bbv_taakveld_code')
    .execute();
  const lines: BudgetLineView[] = rows.map((r) => ({
    id: r.id,
    level: r.theme_id ? 'thema' : r.bbv_taakveld_code ? 'taakveld' : 'totaal',
    themeId: r.theme_id,
    themeCode: r.theme_code,
    themeName: r.theme_name,
    taakveld: r.bbv_taakveld_code,
    year: r.year,
    side: r.side as Side,
    stage: r.stage as BudgetStage,
    amount: Number(r.amount_thousands),
    source: r.source as BudgetLineView['source'],
  }));
  const reserves: ReserveView[] = (
    await tx
      .selectFrom('reserve_mutation')
      .select(['id', 'reserve_name', 'kind', 'year', 'stage', 'amount_thousands'])
      .where('municipality_code', '=', municipalityCode)
      .where('programme_id', '=', programmeId)
      .orderBy('year')
      .orderBy('kind', 'desc')
      .orderBy('reserve_name')
      .execute()
  ).map((r) => ({
    id: r.id,
    reserveName: r.reserve_name,
    kind: r.kind as ReserveView['kind'],
    year: r.year,
    stage: r.stage as BudgetStage,
    amount: Number(r.amount_thousands),
  }));
  return {
    programme: {
      id: programme.id,
      code: programme.code,
      name: programme.name,
      firstYear: programme.first_year,
      lastYear: programme.last_year,
    },
    lines,
    reserves,
    totals: budgetTotals(lines, reserves),
  };
}

/** Totals per year and stage; pure, so the progress report can use the same arithmetic. */
export function budgetTotals(lines: BudgetLineView[], reserves: ReserveView[]): BudgetTotal[] {
  const keys = new Map<string, { year: number; stage: BudgetStage }>();
  for (const x of [...lines, ...reserves]) keys.set(`${x.year}|${x.stage}`, { year: x.year, stage: x.stage });
  const sum = (items: { amount: number }[]) =>
    items.length === 0 ? null : round1(items.reduce((s, i) => s + i.amount, 0));
  return [...keys.values()]
    .sort((a, b) => a.year - b.year || BUDGET_STAGES.indexOf(a.stage) - BUDGET_STAGES.indexOf(b.stage))
    .map(({ year, stage }) => {
      const of = (side: Side, level: BudgetLineView['level']) =>
        sum(
          lines.filter((l) => l.year === year && l.stage === stage && l.side === side && l.level === level),
        );
      const side = (s: Side) => {
        const published = of(s, 'totaal');
        const themes = of(s, 'thema');
        const taakvelden = of(s, 'taakveld');
        const parts = themes ?? taakvelden;
        return {
          published,
          themes,
          value: published ?? parts,
          mismatch: published !== null && parts !== null && Math.abs(published - parts) > 1,
        };
      };
      const lasten = side('lasten');
      const baten = side('baten');
      const mutation = (kind: 'storting' | 'onttrekking') =>
        sum(reserves.filter((r) => r.year === year && r.stage === stage && r.kind === kind)) ?? 0;
      const storting = mutation('storting');
      const onttrekking = mutation('onttrekking');
      const saldo =
        lasten.value === null && baten.value === null
          ? null
          : round1((lasten.value ?? 0) - (baten.value ?? 0));
      return {
        year,
        stage,
        lasten: lasten.value,
        baten: baten.value,
        saldo,
        storting,
        onttrekking,
        resultaat: saldo === null ? null : round1(saldo + storting - onttrekking),
        themeLasten: lasten.themes,
        themeBaten: baten.themes,
        publishedLasten: lasten.published,
        publishedBaten: baten.published,
        mismatch: lasten.mismatch || baten.mismatch,
      };
    });
}

const STAGE_LABEL: Record<BudgetStage, string> = {
  begroting: 'Begroting',
  'begroting-na-wijziging': 'Begroting na wijziging',
  raming: 'Raming',
  realisatie: 'Realisatie',
};

/** The overview in the import layout (by theme, one column per stage and year), so an export re-imports. */
export function budgetExportRows(overview: BudgetOverview): SheetValue[][] {
  const columns = overview.totals.map((t) => ({ year: t.year, stage: t.stage }));
  const header: SheetValue[] = [
    'Thema',
    'Themacode',
    'Taakveld',
    'Soort',
    ...columns.map((c) => `${STAGE_LABEL[c.stage]} ${c.year}`),
  ];
  const rows: SheetValue[][] = [header];
  const valuesFor = (match: (l: BudgetLineView) => boolean): SheetValue[] =>
    columns.map((c) => {
      const found = overview.lines.filter((l) => l.year === c.year && l.stage === c.stage && match(l));
      return found.length === 0 ? null : round1(found.reduce((s, l) => s + l.amount, 0));
    });
  const groups = new Map<string, BudgetLineView>();
  for (const l of overview.lines) {
    if (l.level === 'totaal') continue;
    groups.set(`${l.level}|${l.themeId ?? ''}|${l.taakveld ?? ''}|${l.side}`, l);
  }
  const ordered = [...groups.values()].sort(
    (a, b) =>
      (a.level === 'thema' ? 0 : 1) - (b.level === 'thema' ? 0 : 1) ||
      (a.themeCode ?? '').localeCompare(b.themeCode ?? '', 'nl', { numeric: true }) ||
      (a.taakveld ?? '').localeCompare(b.taakveld ?? '', 'nl', { numeric: true }) ||
      (a.side === 'lasten' ? 0 : 1) - (b.side === 'lasten' ? 0 : 1),
  );
  for (const g of ordered) {
    rows.push([
      g.themeName,
      g.themeCode,
      g.taakveld,
      g.side === 'lasten' ? 'Lasten' : 'Baten',
      ...valuesFor(
        (l) =>
          l.level === g.level && l.themeId === g.themeId && l.taakveld === g.taakveld && l.side === g.side,
      ),
    ]);
  }
  for (const side of ['lasten', 'baten'] as const) {
    const published = valuesFor((l) => l.level === 'totaal' && l.side === side);
    if (published.some((v) => v !== null))
      rows.push([side === 'lasten' ? 'Lasten' : 'Baten', null, null, null, ...published]);
  }
  const totalOf = (pick: (t: BudgetTotal) => number | null) =>
    columns.map((c) => pick(overview.totals.find((t) => t.year === c.year && t.stage === c.stage)!));
  rows.push(['Saldo van baten en lasten', null, null, null, ...totalOf((t) => t.saldo)]);
  const reserveNames = new Map<string, { kind: 'storting' | 'onttrekking'; name: string }>();
  for (const r of overview.reserves)
    reserveNames.set(`${r.kind}|${r.reserveName}`, { kind: r.kind, name: r.reserveName });
  for (const kind of ['storting', 'onttrekking'] as const) {
    for (const r of [...reserveNames.values()].filter((x) => x.kind === kind)) {
      const label =
        r.name === 'Reserves'
          ? kind === 'storting'
            ? 'Storting reserves'
            : 'Onttrekking reserves'
          : `${kind === 'storting' ? 'Storting' : 'Onttrekking'} reserve ${r.name}`;
      rows.push([
        label,
        null,
        null,
        null,
        ...columns.map((c) => {
          const found = overview.reserves.filter(
            (x) => x.kind === kind && x.reserveName === r.name && x.year === c.year && x.stage === c.stage,
          );
          return found.length === 0 ? null : round1(found.reduce((s, x) => s + x.amount, 0));
        }),
      ]);
    }
  }
  rows.push(['Resultaat', null, null, null, ...totalOf((t) => t.resultaat)]);
  return rows;
}
