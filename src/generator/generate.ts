/**
 * Generates a synthetic municipality: residents, households, questions, intakes, meldingen, decisions,
 * allocations, start/stop, monthly declarations, plans, signals, providers, contracts, population counts
 * and budgets, over a period of whole months. Streams household by household through the bulk writer, so
 * memory stays flat as the size grows; the same options give the same data.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { municipalityGeo } from '../areas/geo-reference.ts';
import { openBulkWriter } from '../platform/db/bulk-writer.ts';
import { verifyForeignKeys } from '../platform/db/verify-foreign-keys.ts';
import { analyzeSummaries, fullRefresh } from '../dashboard/refresh.ts';
import type { Database } from '../platform/db/database.ts';
import { writeBudgets } from './budgets.ts';
import {
  addMonths,
  ageOn,
  dayOf,
  firstDayOfMonthIndex,
  firstDayOfYear,
  isoDate,
  monthIndex,
  monthKey,
  yearOf,
  type Day,
} from './calendar.ts';
import { Emitter, LIFE_DOMAINS, SINKS, type DeclarationTotals, type SinkName } from './emit.ts';
import { IdSource, syntheticBsnFromCounter } from './ids.ts';
import { BURN_IN_YEARS, GENERATOR_VERSION, LONG_TAIL_SHARE, LOT_OF_SERVICE } from './model.ts';
import { createRandom } from './random.ts';
import type { Law } from './records.ts';
import { setUpReference } from './reference-setup.ts';
import { simulateSlot, type SimContext } from './simulate.ts';
import { Truth } from './truth.ts';

export interface GenerateOptions {
  municipality: string;
  inhabitants: number;
  years: number;
  seed: number;
  /** Last month of the period (YYYY-MM); default: the month before the current one. */
  until?: string;
  truthFile?: string;
  /** Called now and then with progress. */
  onProgress?: (progress: { inhabitants: number; rows: number }) => void;
}

export interface GenerateResult {
  rows: number;
  rowsByTable: Record<string, number>;
  seconds: number;
  /** Seconds spent streaming rows, checking foreign keys, and finishing (totals, ANALYZE). */
  phases: { streamSeconds: number; verifySeconds: number; finishSeconds: number };
  firstDay: string;
  lastDay: string;
  households: number;
  truth: Record<string, unknown>;
}

export class GeneratorInputError extends Error {}

/** The largest tables, written through a second connection. */
const PARALLEL_TABLES = new Set([
  'declaration_line',
  'life_domain_score',
  'population_count',
  'triage',
  'household_member',
]);

const POSTCODE_BASE: Record<string, number> = { GM0164: 7550, GM0153: 7511 };

export function periodOf(
  years: number,
  until: string | undefined,
  today = new Date(),
): { first: Day; last: Day } {
  let lastMonth: number;
  if (until) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(until))
      throw new GeneratorInputError(`--until must be YYYY-MM, not "${until}"`);
    lastMonth = Number(until.slice(0, 4)) * 12 + Number(until.slice(5, 7)) - 1;
  } else {
    lastMonth = today.getUTCFullYear() * 12 + today.getUTCMonth() - 1;
  }
  const firstMonth = lastMonth - 12 * years + 1;
  return { first: firstDayOfMonthIndex(firstMonth), last: firstDayOfMonthIndex(lastMonth + 1) - 1 };
}

export function validateOptions(o: GenerateOptions): void {
  if (!/^GM\d{4}$/.test(o.municipality))
    throw new GeneratorInputError(`--municipality must be a CBS code like GM0164, not "${o.municipality}"`);
  if (!municipalityGeo(o.municipality))
    throw new GeneratorInputError(
      `No wijk and buurt boundaries are available for ${o.municipality}; Grip ships them for GM0164 (Hengelo) and GM0153 (Enschede).`,
    );
  if (!Number.isInteger(o.inhabitants) || o.inhabitants < 1_000 || o.inhabitants > 5_000_000)
    throw new GeneratorInputError('--inhabitants must be a whole number from 1,000 to 5,000,000');
  if (!Number.isInteger(o.years) || o.years < 1 || o.years > 20)
    throw new GeneratorInputError('--years must be a whole number from 1 to 20');
  if (!Number.isSafeInteger(o.seed) || o.seed < 0)
    throw new GeneratorInputError('--seed must be a non-negative whole number');
}

export async function generateMunicipality(
  database: Database,
  options: GenerateOptions,
): Promise<GenerateResult> {
  validateOptions(options);
  const started = performance.now();
  const m = options.municipality;
  const geo = municipalityGeo(m)!;
  const { first: windowStart, last: windowEnd } = periodOf(options.years, options.until);
  const simStart = firstDayOfYear(yearOf(windowStart) - BURN_IN_YEARS);
  const seed = `${options.seed}/${m}/${options.inhabitants}/${GENERATOR_VERSION}`;
  const { db } = database;

  await sql`INSERT INTO municipality (code, name) VALUES (${m}, ${geo.name}) ON CONFLICT (code) DO NOTHING`.execute(
    db,
  );
  const busy = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM help_question WHERE municipality_code = ${m}`.execute(db);
  if ((busy.rows[0]?.n ?? 0) > 0)
    throw new GeneratorInputError(
      `${m} already holds help questions; the generator only fills an empty municipality.`,
    );
  const dataset = await sql<{ id: string }>`
    INSERT INTO synthetic_dataset (municipality_code, seed, inhabitants, first_day, last_day, generator_version)
    VALUES (${m}, ${options.seed}, ${options.inhabitants}, ${isoDate(windowStart)}, ${isoDate(windowEnd)}, ${GENERATOR_VERSION})
    RETURNING id`.execute(db);

  const ids = new IdSource(seed);
  const random = createRandom(`${seed}/reference`);
  // Two writers on two connections, so PostgreSQL loads the largest tables in parallel with the rest;
  // foreign keys are checked set-based after the load, so the order between them does not matter.
  const writer = openBulkWriter(database, { deferForeignKeyChecks: true });
  const bulkWriter = openBulkWriter(database, { deferForeignKeyChecks: true });
  const sinkFor = (name: string, columns: readonly string[]) =>
    (PARALLEL_TABLES.has(name) ? bulkWriter : writer).table(name, columns);
  const slug = geo.name.toLowerCase().replace(/[^a-z]+/g, '-');
  try {
    const ref = await setUpReference(database, writer, ids, random, {
      municipality: m,
      inhabitants: options.inhabitants,
      simStart,
      windowStart,
      windowEnd,
      slug,
    });

    // Declarations: one per provider, law and month that has lines, written once their totals are known.
    const firstMonth = monthIndex(windowStart);
    const lastMonth = monthIndex(windowEnd);
    const lawIndex: Record<Law, number> = { wmo: 1, jeugdwet: 2, participatiewet: 3, schuldhulp: 4 };
    const declarationTotals: DeclarationTotals = new Map();
    const declId = (provider: number, law: Law, month: number) =>
      `${ids.prefix}-dec${lawIndex[law]}-4000-8000-${(provider * 10_000 + (month - firstMonth)).toString(16).padStart(12, '0')}`;
    const paymentSink = writer.table('contract_payment', [
      'municipality_code',
      'id',
      'contract_id',
      'period_start',
      'period_end',
      'amount_cents',
    ]);
    const truth = new Truth(windowStart, windowEnd);
    for (const t of ref.lotsTaakgericht) {
      for (let mi = firstMonth; mi <= lastMonth; mi++) {
        const start = firstDayOfMonthIndex(mi);
        const amount = Math.round(t.monthlyCents / 1.03 ** (2026 - yearOf(start)));
        paymentSink.add([
          m,
          ids.uuid('0c10'),
          t.contractId,
          isoDate(start),
          isoDate(addMonths(start, 1) - 1),
          amount,
        ]);
        truth.lumpSumsCents.add(`${t.lot}|${monthKey(mi)}`, amount);
      }
    }

    const sinks = Object.fromEntries(
      Object.entries(SINKS).map(([name, columns]) => [name, sinkFor(name, columns)]),
    ) as unknown as Record<SinkName, ReturnType<typeof writer.table>>;
    const buurten = geo.buurten.map((b) => ({
      code: b.code,
      wijkCode: b.wijkCode,
      wijk: geo.wijken.findIndex((w) => w.code === b.wijkCode),
    }));
    const wijkRandom = createRandom(`${options.seed}/${m}/wijken`);
    const wijken = geo.wijken.map((w) => ({
      code: w.code,
      deprivation: Math.min(1.9, Math.max(0.6, wijkRandom.logNormal(1, 0.3))),
      elderlyTilt: Math.min(1.4, Math.max(0.7, wijkRandom.logNormal(1, 0.18))),
    }));
    let cumulative = 0;
    const simBuurten = geo.buurten.map((b, i) => {
      const sparse = /verspreide huizen|buitengebied|bedrijven|industrie/i.test(b.name) ? 0.08 : 1;
      cumulative += sparse * wijkRandom.logNormal(1, 0.5);
      return { code: b.code, wijk: buurten[i]!.wijk, cumulativeWeight: cumulative };
    });
    const algemene: Record<Law, string[]> = { wmo: [], jeugdwet: [], participatiewet: [], schuldhulp: [] };
    for (const s of ref.services.values()) if (s.kind === 'algemeen') algemene[s.law].push(s.code);
    const simContext: SimContext = {
      seed,
      simStart,
      windowStart,
      windowEnd,
      buurten: simBuurten,
      wijken,
      services: ref.services,
      providers: ref.providersByService,
      longTailShare: LONG_TAIL_SHARE,
      algemeneVoorzieningen: algemene,
    };
    const emitter = new Emitter({
      municipality: m,
      city: geo.name,
      seed,
      ids,
      bsn: syntheticBsnFromCounter(0),
      windowStart,
      windowEnd,
      buurten,
      postcodeBase: POSTCODE_BASE[m] ?? 1000,
      vindplaatsen: ref.vindplaatsen,
      wijkteamVindplaats: ref.wijkteamVindplaats,
      services: ref.services,
      serviceIds: ref.serviceIds,
      providers: ref.providers,
      lotOfService: LOT_OF_SERVICE,
      staff: ref.staff,
      teamOfWijk: ref.teamOfWijk,
      teamOfVindplaats: ref.teamOfVindplaats,
      questionnaireVersionAt: (day) => {
        const versions = ref.questionnaireVersions;
        return versions.findLast((v) => v.from <= day) ?? versions[0]!;
      },
      lifeDomainCodes: LIFE_DOMAINS,
      declarationId: declId,
      declarationTotals,
      sinks,
      truth,
    });

    // Stream the addresses: simulate, write, count the population on 1 January of each year.
    const population = new Map<string, number>();
    const populationYears: number[] = [];
    for (let y = yearOf(windowStart); y <= yearOf(windowEnd); y++) populationYears.push(y);
    let inhabitants = 0;
    let slot = 0;
    let households = 0;
    while (inhabitants < options.inhabitants) {
      const occupancies = simulateSlot(simContext, slot);
      for (const o of occupancies) {
        for (const y of populationYears) {
          const jan1 = firstDayOfYear(y);
          if (o.household.moveIn > jan1 || (o.household.moveOut !== null && o.household.moveOut <= jan1))
            continue;
          for (const p of o.household.members) {
            if (p.birth > jan1 || (p.death !== null && p.death <= jan1)) continue;
            const age = Math.min(105, ageOn(p.birth, jan1));
            const key = `${y}|${buurten[o.buurt]!.code}|${age}|${p.sex}`;
            population.set(key, (population.get(key) ?? 0) + 1);
            if (age < 18) truth.population.add(`under18|${y}`);
            truth.population.add(`total|${y}`);
          }
        }
        emitter.emit(o);
        households++;
      }
      // Count the slot's inhabitants on the first day of the period: that is the size asked for.
      for (const o of occupancies) {
        const h = o.household;
        if (h.moveIn > windowStart || (h.moveOut !== null && h.moveOut <= windowStart)) continue;
        inhabitants += h.members.filter(
          (p) => p.birth <= windowStart && (p.death === null || p.death > windowStart),
        ).length;
      }
      slot++;
      if (slot % 256 === 0) {
        await Promise.all([writer.maybeFlush(), bulkWriter.maybeFlush()]);
        if (slot % 8192 === 0)
          options.onProgress?.({ inhabitants, rows: writer.totalRows + bulkWriter.totalRows });
      }
    }
    const populationSink = sinkFor('population_count', [
      'municipality_code',
      'year',
      'buurt_code',
      'age',
      'sex',
      'inhabitants',
    ]);
    for (const key of [...population.keys()].sort()) {
      const [year, buurt, age, sex] = key.split('|');
      populationSink.add([m, Number(year), buurt, Number(age), sex, population.get(key)]);
    }
    const declarationSink = writer.table('declaration', [
      'municipality_code',
      'id',
      'provider_id',
      'declaration_number',
      'law_code',
      'period_start',
      'period_end',
      'submitted_at',
      'total_cents',
      'status',
    ]);
    for (const [id, d] of [...declarationTotals.entries()].sort(([x], [y]) => (x < y ? -1 : 1))) {
      const periodStart = firstDayOfMonthIndex(d.month);
      const periodEnd = addMonths(periodStart, 1) - 1;
      declarationSink.add([
        m,
        id,
        ref.providers[d.provider]!.id,
        `${monthKey(d.month).replace('-', '')}${lawIndex[d.law]}`,
        d.law,
        isoDate(periodStart),
        isoDate(periodEnd),
        `${isoDate(periodEnd + 10)}T10:00:00Z`,
        d.cents,
        'verwerkt',
      ]);
    }
    await writeBudgets(writer, ids, { municipality: m, truth, windowStart, windowEnd });
    await Promise.all([writer.close(), bulkWriter.close()]);
    const rowCounts = new Map([...writer.rowCounts(), ...bulkWriter.rowCounts()]);
    const streamed = performance.now();
    await verifyForeignKeys(db, [...rowCounts.keys()], m, database.kind === 'postgres' ? 3 : 1);
    const verified = performance.now();
    truth.rows.values.clear();
    for (const [table, count] of rowCounts) truth.rows.add(table, count);

    const rows = [...truth.rows.values.values()].reduce((a, b) => a + b, 0);
    await sql`UPDATE synthetic_dataset SET finished_at = now(), row_count = ${rows}
      WHERE municipality_code = ${m} AND id = ${dataset.rows[0]!.id}`.execute(db);
    await sql`ANALYZE`.execute(db);
    // The load bypassed the dashboard's change tracking (COPY as replica): rebuild its summaries once.
    await fullRefresh(database, m);
    await analyzeSummaries(database);

    const seconds = (performance.now() - started) / 1000;
    const phases = {
      streamSeconds: (streamed - started) / 1000,
      verifySeconds: (verified - streamed) / 1000,
      finishSeconds: (performance.now() - verified) / 1000,
    };
    const truthJson = truth.toJSON({
      generator: {
        version: GENERATOR_VERSION,
        seed: options.seed,
        municipality: m,
        inhabitantsRequested: options.inhabitants,
        inhabitantsSimulated: inhabitants,
        households,
        firstDay: isoDate(windowStart),
        lastDay: isoDate(windowEnd),
      },
    });
    if (options.truthFile) fs.writeFileSync(options.truthFile, `${JSON.stringify(truthJson, null, 1)}\n`);
    return {
      rows,
      rowsByTable: Object.fromEntries(truth.rows.values),
      seconds,
      phases,
      firstDay: isoDate(windowStart),
      lastDay: isoDate(windowEnd),
      households,
      truth: truthJson,
    };
  } catch (error) {
    await Promise.all([writer.close().catch(() => undefined), bulkWriter.close().catch(() => undefined)]);
    throw error;
  }
}

export { dayOf };
