/**
 * The exact figures the generator knows about what it wrote, so dashboards and indicators can be checked
 * against them. Kept in fixed-size maps (bounded by laws x services x wijken x months, never by the number
 * of residents), so memory stays flat however large the municipality.
 */
import { monthKey, yearOf, type Day } from './calendar.ts';

const MAX_DURATION_DAYS = 7_300;

class Counter {
  readonly values = new Map<string, number>();
  add(key: string, amount = 1): void {
    this.values.set(key, (this.values.get(key) ?? 0) + amount);
  }
  get(key: string): number {
    return this.values.get(key) ?? 0;
  }
  toObject(): Record<string, number> {
    return Object.fromEntries([...this.values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

export interface DurationStats {
  ended: number;
  medianDays: number | null;
  p25Days: number | null;
  p75Days: number | null;
  stillOpenAfter: Record<'6' | '12' | '24', { cohort: number; open: number; share: number | null }>;
}

class DurationHistogram {
  readonly days = new Uint32Array(MAX_DURATION_DAYS + 1);
  ended = 0;
  readonly cohorts = { '6': [0, 0], '12': [0, 0], '24': [0, 0] } as Record<
    '6' | '12' | '24',
    [number, number]
  >;

  quantile(q: number): number | null {
    if (this.ended === 0) return null;
    const target = Math.ceil(q * this.ended);
    let seen = 0;
    for (let d = 0; d < this.days.length; d++) {
      seen += this.days[d]!;
      if (seen >= target) return d;
    }
    return MAX_DURATION_DAYS;
  }

  stats(): DurationStats {
    const open = (k: '6' | '12' | '24') => {
      const [cohort, stillOpen] = this.cohorts[k];
      return { cohort, open: stillOpen, share: cohort === 0 ? null : round4(stillOpen / cohort) };
    };
    return {
      ended: this.ended,
      medianDays: this.quantile(0.5),
      p25Days: this.quantile(0.25),
      p75Days: this.quantile(0.75),
      stillOpenAfter: { '6': open('6'), '12': open('12'), '24': open('24') },
    };
  }
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export class Truth {
  readonly rows = new Counter();
  /** Distinct clients per `law|year`, `law|service|year`, `law|wijk|year`. */
  readonly uniqueClients = new Counter();
  /** Clients with support active in a month per `law|service|wijk|YYYY-MM`. */
  readonly activeClientsByMonth = new Counter();
  /** Accepted declarations in eurocent per `law|service|wijk|YYYY-MM`. */
  readonly costsCents = new Counter();
  /** Taakgericht lump sums in eurocent per `lot|YYYY-MM`. */
  readonly lumpSumsCents = new Counter();
  /** Commitments (toewijzing.commitment_cents) per `law|service|startYear`. */
  readonly commitmentsCents = new Counter();
  readonly meldingen = new Counter();
  readonly zorgloket = new Counter();
  readonly youthReferrals = new Counter();
  readonly youthUnder18InCare = new Counter();
  readonly population = new Counter();
  readonly householdServices = new Counter();
  readonly lawOverlap = new Counter();
  readonly decisions = new Counter();
  readonly providersActive = new Map<number, Set<number>>();
  readonly durations = new Map<string, DurationHistogram>();

  readonly windowStart: Day;
  readonly windowEnd: Day;

  constructor(windowStart: Day, windowEnd: Day) {
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
  }

  /** A support period; counts each client once per law/service/wijk/month via the caller's dedup sets. */
  duration(service: string, start: Day, end: Day, running: boolean): void {
    if (start < this.windowStart) return;
    let histogram = this.durations.get(service);
    if (!histogram) {
      histogram = new DurationHistogram();
      this.durations.set(service, histogram);
    }
    const length = end - start + 1;
    if (!running) {
      histogram.days[Math.min(MAX_DURATION_DAYS, length)]!++;
      histogram.ended++;
    }
    for (const months of ['6', '12', '24'] as const) {
      const horizon = Math.round(Number(months) * 30.44);
      if (this.windowEnd - start + 1 >= horizon) {
        histogram.cohorts[months][0]++;
        if ((running ? this.windowEnd - start + 1 : length) > horizon) histogram.cohorts[months][1]++;
      }
    }
  }

  providerActive(year: number, provider: number): void {
    let set = this.providersActive.get(year);
    if (!set) {
      set = new Set();
      this.providersActive.set(year, set);
    }
    set.add(provider);
  }

  toJSON(meta: Record<string, unknown>): Record<string, unknown> {
    const years: number[] = [];
    for (let y = yearOf(this.windowStart); y <= yearOf(this.windowEnd); y++) years.push(y);
    const derived: Record<string, unknown> = {};
    for (const y of years) {
      const under18 = this.population.get(`under18|${y}`);
      const inCare = this.youthUnder18InCare.get(String(y));
      const withService = this.householdServices.get(`any|${y}`);
      derived[y] = {
        youthCareShareOfUnder18: under18 === 0 ? null : round4(inCare / under18),
        householdsWithMoreThanOneServiceShare:
          withService === 0 ? null : round4(this.householdServices.get(`multi|${y}`) / withService),
        providersActive: this.providersActive.get(y)?.size ?? 0,
      };
    }
    return {
      ...meta,
      definitions: {
        uniqueClients:
          'Distinct persons with a toewijzing of the law (or, for bijstand, a granted beschikking product) whose period overlaps the year; by service and by wijk of the address the same way.',
        activeClientsByMonth:
          'Distinct persons per law, service and wijk with support on at least one day of the month.',
        costsCents:
          'Sum of accepted declaration lines (amount_cents) by the month of their period start, by law, service and wijk of the client.',
        lumpSumsCents: 'Taakgericht contract payments by lot and month.',
        meldingen: 'Rows in melding by law and month of melded_on.',
        zorgloket:
          'Help questions registered at the Zorgloket by month, channel, triage outcome and main law.',
        youthReferrals: 'New youth-care allocations (toewijzing start in the year) by verwijzer type.',
        youthCareShareOfUnder18:
          'Persons under 18 on 1 January with a Jeugdwet toewijzing overlapping the year, divided by the under-18 population on 1 January.',
        householdsWithMoreThanOneService:
          'Households whose members together had at least two distinct services in the year (allocations, bijstand, referrals to algemene voorzieningen), divided by households with at least one.',
        durations:
          'Allocations that started in the period: days from start to end inclusive for ended ones; share still open after 6/12/24 months among those started at least that long before the end of the period.',
        providersActive: 'Providers with at least one toewijzing overlapping the year.',
      },
      rows: this.rows.toObject(),
      derived,
      uniqueClients: this.uniqueClients.toObject(),
      meldingen: this.meldingen.toObject(),
      zorgloket: this.zorgloket.toObject(),
      youthReferrals: this.youthReferrals.toObject(),
      youthUnder18InCare: this.youthUnder18InCare.toObject(),
      population: this.population.toObject(),
      householdServices: this.householdServices.toObject(),
      lawOverlap: this.lawOverlap.toObject(),
      decisions: this.decisions.toObject(),
      commitmentsCents: this.commitmentsCents.toObject(),
      costsCents: this.costsCents.toObject(),
      lumpSumsCents: this.lumpSumsCents.toObject(),
      activeClientsByMonth: this.activeClientsByMonth.toObject(),
      durations: Object.fromEntries(
        [...this.durations.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, h]) => [k, h.stats()]),
      ),
    };
  }
}

export { monthKey };
