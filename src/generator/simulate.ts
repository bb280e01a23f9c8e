/**
 * Simulates one address over the whole period: the households that live there one after another, their
 * ageing and deaths, and every question, melding, decision and allocation that follows from their needs.
 * Pure and deterministic: the same context and slot number give the same history.
 */
import type { CatalogueService } from '../services/catalogue.ts';
import { addMonths, ageOn, birthday, monthOf, type Day } from './calendar.ts';
import {
  DEBT_HAZARD,
  DURATION,
  INCOME_HAZARD,
  MEAN_TENURE_YEARS,
  SEASON,
  SEASON_MAX,
  SIGNAL_HAZARD,
  VOLUME,
  WMO_PRODUCTS_BY_AGE,
  YOUTH_PRODUCTS,
  YOUTH_REFERRERS,
  informationContactRate,
  mortality,
  wmoHazard,
  youthHazard,
} from './model.ts';
import { newHousehold, type SimHousehold, type SimPerson } from './people.ts';
import { createRandom, type Random } from './random.ts';
import type {
  Allocation,
  Episode,
  Law,
  Occupancy,
  PlanRecord,
  ProductGrant,
  QuestionRecord,
  SignalRecord,
} from './records.ts';

export interface SimContext {
  seed: string;
  simStart: Day;
  windowStart: Day;
  windowEnd: Day;
  buurten: { code: string; wijk: number; cumulativeWeight: number }[];
  wijken: { code: string; deprivation: number; elderlyTilt: number }[];
  services: Map<string, CatalogueService>;
  /** Provider indices per service: the core providers and the regional long tail. */
  providers: Map<string, { core: number[]; tail: number[] }>;
  longTailShare: number;
  algemeneVoorzieningen: Record<Law, string[]>;
}

const DAYS_PER_YEAR = 365.25;
const monthsToDays = (months: number) => Math.max(1, Math.round(months * 30.44));

function pickBuurt(ctx: SimContext, random: Random): number {
  const total = ctx.buurten[ctx.buurten.length - 1]!.cumulativeWeight;
  const r = random.next() * total;
  let lo = 0;
  let hi = ctx.buurten.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.buurten[mid]!.cumulativeWeight > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Event days of a Poisson process with a per-year hazard that depends on age, thinned by season. */
function eventDays(random: Random, from: Day, to: Day, hazardAt: (day: Day) => number): Day[] {
  const days: Day[] = [];
  for (let start = from; start < to; start += 365) {
    const end = Math.min(to, start + 365);
    const rate = hazardAt(start + ((end - start) >> 1)) * SEASON_MAX * ((end - start) / DAYS_PER_YEAR);
    const n = random.poisson(rate);
    for (let i = 0; i < n; i++) {
      const day = start + Math.floor(random.next() * (end - start));
      if (random.next() * SEASON_MAX < SEASON[monthOf(day)]!) days.push(day);
    }
  }
  return days.sort((a, b) => a - b);
}

const workday = (day: Day) => {
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday (4)
  return weekday === 6 ? day + 2 : weekday === 0 ? day + 1 : day;
};

class SlotSimulation {
  private readonly active = new Map<SimPerson, Map<string, Allocation>>();
  /** Referrals to algemene voorzieningen made alongside maatwerk (the "voorliggend veld"). */
  readonly referrals: QuestionRecord[] = [];

  private readonly ctx: SimContext;
  private readonly random: Random;
  private readonly household: SimHousehold;
  private readonly until: Day;

  constructor(ctx: SimContext, random: Random, household: SimHousehold, until: Day) {
    this.ctx = ctx;
    this.random = random;
    this.household = household;
    this.until = until;
  }

  private endOf(person: SimPerson): Day {
    return Math.min(this.until, person.death ?? Infinity);
  }

  private provider(service: string): number {
    const set = this.ctx.providers.get(service)!;
    if (set.tail.length > 0 && this.random.chance(this.ctx.longTailShare)) return this.random.pick(set.tail);
    return this.random.weighted(set.core.map((p, i) => [p, 1 / (i + 1)] as const));
  }

  private question(
    day: Day,
    person: SimPerson | null,
    vindplaats: string,
    channel: QuestionRecord['channel'],
    mainLaw: Law | null,
    types: string[],
    triage: QuestionRecord['triage'],
    referrerKind: string | null = null,
  ): QuestionRecord {
    return {
      day,
      minute: this.random.int(8 * 60 + 30, 16 * 60 + 45),
      vindplaats,
      channel,
      referrerKind,
      types,
      mainLaw,
      person,
      triage,
      referredService: null,
      urgentReason: null,
      homeVisit: null,
      closedDay: triage === 'melding' ? null : day,
    };
  }

  /** Allocates a granted product, ending it at death, moving, the 18th birthday where due, or as planned. */
  private allocate(
    person: SimPerson,
    service: string,
    law: Law,
    start: Day,
    referrerTypeCode: string | null,
  ): Allocation | null {
    const personActive = this.active.get(person) ?? new Map<string, Allocation>();
    this.active.set(person, personActive);
    const current = personActive.get(service);
    if (current && current.end >= start) return null;
    const catalogue = this.ctx.services.get(service)!;
    const duration = DURATION[service]!;
    let end = start + monthsToDays(this.random.logNormal(duration.medianMonths, duration.sigma));
    let endReason = law === 'jeugdwet' ? '31' : '19';
    let extended = end - start > 400 && this.random.chance(0.6);
    if (catalogue.maxAge !== null && catalogue.maxAge < 18) {
      const eighteen = birthday(person.birth, 18);
      if (end >= eighteen) {
        end = eighteen - 1;
        endReason = '39';
        extended = false;
      }
    } else if (law === 'jeugdwet') {
      const eighteen = birthday(person.birth, 18);
      if (end >= eighteen && start < eighteen && !this.random.chance(0.2)) {
        end = eighteen - 1;
        endReason = '39';
      }
    }
    if (person.death !== null && person.death <= end) {
      end = person.death;
      endReason = '02';
    } else if (this.household.moveOut !== null && this.household.moveOut <= end) {
      end = this.household.moveOut;
      endReason = law === 'jeugdwet' ? '35' : '31';
    } else if (this.random.chance(0.06)) {
      endReason = law === 'jeugdwet' ? '32' : '21';
    }
    const running = end > this.ctx.windowEnd;
    if (end < start) end = start;
    const [min, max] = VOLUME[service] ?? [1, 1];
    const allocation: Allocation = {
      service,
      law,
      start,
      end,
      running,
      endReason: running ? null : endReason,
      volume: this.random.int(min, max),
      provider: this.provider(service),
      referrerTypeCode,
      extended,
      person,
    };
    personActive.set(service, allocation);
    return allocation;
  }

  private intakeScores(law: Law, person: SimPerson): number[] {
    // 13 life domains in life_domain.position order; the problem domains of each law score low.
    const low: Record<Law, number[]> = {
      wmo: [8, 9, 6, 10],
      jeugdwet: [4, 5, 2],
      participatiewet: [0, 1, 2],
      schuldhulp: [0, 3, 4],
    };
    const scores: number[] = [];
    const vulnerable = this.household.vulnerability > 1.4;
    for (let d = 0; d < 13; d++) {
      const base = low[law].includes(d) ? this.random.int(1, 3) : this.random.int(vulnerable ? 2 : 3, 5);
      scores.push(d === 12 && ageOn(person.birth, this.ctx.windowStart) < 12 ? 5 : base);
    }
    return scores;
  }

  /** The melding, intake and decision clock of one episode. */
  private episodeFrame(law: Law, person: SimPerson, question: QuestionRecord | null, day: Day): Episode {
    const r = this.random;
    const inWindow = question !== null;
    const intakeDay = workday(day + r.int(5, law === 'wmo' ? 25 : 15));
    let aanvraag: Day | null = null;
    let decisionDay: Day;
    if (law === 'wmo') {
      aanvraag = workday(intakeDay + r.int(3, r.chance(0.12) ? 45 : 20));
      decisionDay = workday(aanvraag + r.int(3, r.chance(0.1) ? 30 : 13));
    } else {
      decisionDay = workday(day + r.int(10, r.chance(0.08) ? 75 : 52));
    }
    const melding: Episode['melding'] = inWindow
      ? {
          day,
          investigationDue: law === 'wmo' ? day + 42 : law === 'schuldhulp' ? day + 28 : null,
          aanvraag,
          decisionDue:
            law === 'wmo'
              ? aanvraag === null
                ? null
                : aanvraag + 14
              : law === 'schuldhulp'
                ? null
                : day + 56,
          status: 'besloten',
          closed: decisionDay,
        }
      : null;
    return {
      law,
      person,
      question,
      melding,
      intake: inWindow
        ? {
            start: intakeDay,
            mode:
              law === 'wmo'
                ? r.weighted([
                    ['huisbezoek', 0.7],
                    ['telefoon', 0.2],
                    ['balie', 0.1],
                  ] as const)
                : r.weighted([
                    ['balie', 0.5],
                    ['spreekuur', 0.3],
                    ['telefoon', 0.2],
                  ] as const),
            scores: this.intakeScores(law, person),
          }
        : null,
      decision: { day: decisionDay, outcome: 'toegekend', products: [] },
      referralAllocations: [],
    };
  }

  /** Closes an episode whose products are decided; null when nothing was asked that could be decided. */
  private decided(episode: Episode, question: QuestionRecord | null): Episode | null {
    if (episode.decision!.products.length === 0) return null;
    this.finishDecision(episode);
    if (question) question.closedDay = episode.decision!.day;
    return episode;
  }

  private finishDecision(episode: Episode): void {
    const products = episode.decision!.products;
    const granted = products.filter((p) => p.outcome === 'toegekend').length;
    episode.decision!.outcome =
      granted === 0 ? 'afgewezen' : granted < products.length ? 'gedeeltelijk-toegekend' : 'toegekend';
  }

  private grant(episode: Episode, service: string, refuse: boolean): void {
    const decisionDay = episode.decision!.day;
    const start = decisionDay + this.random.int(3, 21);
    if (refuse || start > this.endOf(episode.person)) {
      episode.decision!.products.push({
        service,
        outcome: 'afgewezen',
        start: null,
        end: null,
        volume: null,
        allocation: null,
        benefit: false,
      });
      return;
    }
    const benefit = service === 'PW-LO';
    const allocation = benefit
      ? null
      : this.allocate(episode.person, service, episode.law, start, episode.law === 'jeugdwet' ? '01' : null);
    if (!benefit && allocation === null) return; // already receiving this product
    let end =
      allocation?.end ??
      start + monthsToDays(this.random.logNormal(DURATION[service]!.medianMonths, DURATION[service]!.sigma));
    if (benefit) {
      const limit = Math.min(
        this.endOf(episode.person),
        this.household.moveOut ?? Infinity,
        birthday(episode.person.birth, 67),
      );
      end = Math.min(end, limit);
      if (end < start) {
        episode.decision!.products.push({
          service,
          outcome: 'afgewezen',
          start: null,
          end: null,
          volume: null,
          allocation: null,
          benefit: false,
        });
        return;
      }
    }
    episode.decision!.products.push({
      service,
      outcome: 'toegekend',
      start,
      end,
      volume: allocation?.volume ?? null,
      allocation,
      benefit,
    });
  }

  wmoEpisode(person: SimPerson, day: Day, fromYouth = false): Episode | null {
    const r = this.random;
    const inWindow = day >= this.ctx.windowStart;
    const age = ageOn(person.birth, day);
    const group = age >= 75 ? 'elderly' : age >= 65 ? 'senior' : 'adult';
    const wanted = new Set<string>();
    for (const [service, p] of fromYouth
      ? ([
          ['WMO-BGI', 0.8],
          ['WMO-BW', 0.15],
          ['WMO-DB', 0.2],
        ] as const)
      : WMO_PRODUCTS_BY_AGE[group]) {
      if (r.chance(p)) wanted.add(service);
    }
    if (wanted.size === 0) wanted.add(r.weighted(WMO_PRODUCTS_BY_AGE[group]));
    const types = new Set<string>();
    for (const s of wanted) types.add(WMO_TYPES[s] ?? 'zelfzorg');
    const question = inWindow
      ? this.question(
          day,
          person,
          r.chance(0.85) ? 'zorgloket' : 'wijkteam',
          zorgloketChannel(r),
          'wmo',
          [...types],
          'melding',
          r.chance(0.8) ? 'zelf' : 'netwerk',
        )
      : null;
    if (question) question.homeVisit = { planned: day + r.int(5, 20), held: null };
    const episode = this.episodeFrame('wmo', person, question, day);
    if (question && question.homeVisit) question.homeVisit.held = episode.intake!.start;
    const withdraw = () => {
      episode.melding!.status = 'ingetrokken';
      episode.melding!.aanvraag = null;
      episode.melding!.decisionDue = null;
      episode.decision = null;
      question!.closedDay = episode.melding!.closed;
      return episode;
    };
    if (inWindow && r.chance(0.2)) return withdraw();
    const refuseAll = r.chance(0.12);
    for (const service of wanted) this.grant(episode, service, refuseAll || r.chance(0.06));
    // Asked for what the resident already has: the request is withdrawn after the conversation.
    if (episode.decision!.products.length === 0) return inWindow ? withdraw() : null;
    this.finishDecision(episode);
    if (inWindow && r.chance(0.3)) this.refer(person, episode.intake!.start + r.int(1, 10), 'wmo');
    if (question) question.closedDay = episode.decision!.day;
    return episode;
  }

  youthEpisode(person: SimPerson, day: Day): Episode | null {
    const r = this.random;
    const inWindow = day >= this.ctx.windowStart;
    const referrer = r.weighted(YOUTH_REFERRERS.map((x) => [x, x.share] as const));
    const service = r.weighted(YOUTH_PRODUCTS[referrer.kind]);
    const vindplaats = {
      huisarts: 'huisartsenpraktijk',
      gemeente: 'wijkteam',
      jeugdarts: 'consultatiebureau',
      'medisch-specialist': 'ziekenhuis',
      'gecertificeerde-instelling': 'wijkteam',
    }[referrer.kind];
    const question = inWindow
      ? this.question(
          day,
          person,
          vindplaats,
          referrer.kind === 'gemeente' ? zorgloketChannel(r) : r.chance(0.7) ? 'email' : 'brief',
          'jeugdwet',
          service === 'JW-GGZ' ? ['psychisch'] : ['opvoeding'],
          'melding',
          referrer.kind,
        )
      : null;
    const episode = this.episodeFrame('jeugdwet', person, question, day);
    if (inWindow && r.chance(0.15)) this.refer(person, day + r.int(5, 20), 'jeugdwet');
    if (referrer.kind === 'gemeente') {
      this.grant(episode, service, r.chance(0.05));
      if (episode.decision!.products.length === 0) return null;
      this.finishDecision(episode);
    } else {
      episode.decision = null;
      if (episode.melding) {
        episode.melding.decisionDue = null;
      }
      const allocation = this.allocate(person, service, 'jeugdwet', day + r.int(7, 35), referrer.typeCode);
      if (allocation === null) return null;
      episode.referralAllocations.push(allocation);
      if (episode.melding) episode.melding.closed = allocation.start;
    }
    if (question) question.closedDay = episode.melding!.closed;
    return episode;
  }

  incomeEpisode(person: SimPerson, day: Day): Episode | null {
    const r = this.random;
    const inWindow = day >= this.ctx.windowStart;
    const question = inWindow
      ? this.question(
          day,
          person,
          'werkplein',
          r.weighted([
            ['online', 0.45],
            ['balie', 0.35],
            ['telefoon', 0.2],
          ] as const),
          'participatiewet',
          r.chance(0.4) ? ['inkomen', 'werk'] : ['inkomen'],
          'melding',
          'zelf',
        )
      : null;
    const episode = this.episodeFrame('participatiewet', person, question, day);
    const refused = r.chance(0.28);
    this.grant(episode, 'PW-LO', refused);
    if (!refused && r.chance(0.3)) this.grant(episode, 'PW-RE', false);
    if (!refused && r.chance(0.08)) this.grant(episode, 'PW-JC', false);
    return this.decided(episode, question);
  }

  debtEpisode(person: SimPerson, day: Day): Episode | null {
    const r = this.random;
    const inWindow = day >= this.ctx.windowStart;
    const question = inWindow
      ? this.question(
          day,
          person,
          'schuldhulploket',
          r.weighted([
            ['telefoon', 0.5],
            ['spreekuur', 0.3],
            ['online', 0.2],
          ] as const),
          'schuldhulp',
          ['schulden', 'inkomen'],
          'melding',
          r.chance(0.7) ? 'zelf' : 'andere-hulpverlener',
        )
      : null;
    const episode = this.episodeFrame('schuldhulp', person, question, day);
    const route = r.weighted([
      ['SH-MSV', 0.55],
      ['SH-BB', 0.27],
      ['refuse', 0.18],
    ] as const);
    this.grant(episode, route === 'refuse' ? 'SH-MSV' : route, route === 'refuse');
    if (route === 'SH-MSV' && r.chance(0.35)) this.grant(episode, 'SH-BB', false);
    return this.decided(episode, question);
  }

  private refer(person: SimPerson, day: Day, law: Law): void {
    const r = this.random;
    const q = this.question(
      day,
      person,
      'wijkteam',
      r.chance(0.6) ? 'huisbezoek' : 'telefoon',
      law,
      [law === 'jeugdwet' ? 'opvoeding' : r.pick(['eenzaamheid', 'mantelzorg', 'dagbesteding'])],
      'verwijzing-algemene-voorziening',
    );
    q.referredService = r.pick(this.ctx.algemeneVoorzieningen[law]);
    this.referrals.push(q);
  }

  informationContact(day: Day, person: SimPerson | null): QuestionRecord {
    const r = this.random;
    const type = r.weighted([
      ['huishouden', 3],
      ['mobiliteit', 3],
      ['mantelzorg', 2],
      ['eenzaamheid', 2],
      ['wonen', 2],
      ['inkomen', 1.2],
      ['opvoeding', 0.5],
      ['schulden', 0.4],
      ['zelfzorg', 2],
    ] as const);
    const mainLaw: Law =
      type === 'opvoeding'
        ? 'jeugdwet'
        : type === 'schulden'
          ? 'schuldhulp'
          : type === 'inkomen' && !r.chance(0.3)
            ? 'participatiewet'
            : 'wmo';
    const outcome = r.weighted([
      ['informatie-advies', 0.9],
      ['verwijzing-algemene-voorziening', 0.092],
      ['urgent', 0.008],
    ] as const);
    const q = this.question(day, person, 'zorgloket', zorgloketChannel(r), mainLaw, [type], outcome, null);
    if (outcome === 'verwijzing-algemene-voorziening') {
      q.referredService = r.pick(
        this.ctx.algemeneVoorzieningen[mainLaw === 'participatiewet' ? 'schuldhulp' : mainLaw],
      );
    }
    if (outcome === 'urgent')
      q.urgentReason = r.weighted([
        ['veilig-thuis', 0.4],
        ['onveilige-situatie', 0.3],
        ['acute-crisis', 0.2],
        ['dakloosheid', 0.1],
      ] as const);
    return q;
  }
}

const WMO_TYPES: Record<string, string> = {
  'WMO-HO': 'huishouden',
  'WMO-BGI': 'zelfzorg',
  'WMO-DB': 'dagbesteding',
  'WMO-KV': 'mantelzorg',
  'WMO-VV': 'mobiliteit',
  'WMO-RS': 'mobiliteit',
  'WMO-SC': 'mobiliteit',
  'WMO-WV': 'wonen',
  'WMO-BW': 'psychisch',
  'WMO-MO': 'wonen',
};

function zorgloketChannel(random: Random): QuestionRecord['channel'] {
  return random.weighted([
    ['telefoon', 0.8],
    ['balie', 0.1],
    ['email', 0.04],
    ['online', 0.06],
  ] as const);
}

function simulateDeaths(random: Random, household: SimHousehold, until: Day): void {
  for (const person of household.members) {
    for (let year = household.moveIn; year < until; year += 365) {
      const q = mortality(ageOn(person.birth, year));
      if (q > 0 && random.chance((q * (Math.min(until, year + 365) - year)) / 365)) {
        person.death = year + random.int(0, Math.min(364, until - year - 1));
        break;
      }
    }
  }
}

function simulatePlan(
  ctx: SimContext,
  random: Random,
  household: SimHousehold,
  episodes: Episode[],
  until: Day,
): PlanRecord | null {
  const inWindow = episodes.filter((e) => e.melding !== null);
  const laws = new Set(episodes.map((e) => e.law));
  const complex = laws.size >= 2 || (laws.has('jeugdwet') && household.vulnerability > 1.5);
  if (inWindow.length === 0 || !complex || !random.chance(0.7)) return null;
  const first = inWindow.find((e) => laws.size < 2 || e.law !== inWindow[0]!.law) ?? inWindow[0]!;
  const opened = Math.max(ctx.windowStart, first.melding!.day + random.int(14, 40));
  if (opened > until) return null;
  const lastEnd = Math.max(
    ...episodes.flatMap((e) => [
      ...(e.decision?.products.map((p) => p.end ?? 0) ?? []),
      ...e.referralAllocations.map((a) => a.end),
    ]),
  );
  const closeAt = lastEnd + random.int(30, 90);
  const closed = closeAt <= until && closeAt > opened ? closeAt : null;
  const contact = household.members.find((m) => m.role !== 'kind') ?? household.members[0]!;
  const goals: PlanRecord['goals'] = [];
  const nGoals = random.int(2, 4);
  const services = episodes.flatMap((e) => [
    ...(e.decision?.products.filter((p) => p.outcome === 'toegekend').map((p) => p.service) ?? []),
    ...e.referralAllocations.map((a) => a.service),
  ]);
  for (let g = 0; g < nGoals; g++) {
    goals.push({
      domain: random.int(0, 12),
      ownerKind: random.weighted([
        ['inwoner', 0.45],
        ['netwerk', 0.2],
        ['professional', 0.35],
      ] as const),
      target: opened + random.int(90, 365),
      status:
        closed === null
          ? 'open'
          : random.weighted([
              ['behaald', 0.55],
              ['deels-behaald', 0.3],
              ['niet-behaald', 0.15],
            ] as const),
      services: services.length > 0 && g < services.length ? [services[g]!] : [],
    });
  }
  const evaluations: PlanRecord['evaluations'] = [];
  const versions: PlanRecord['versions'] = [
    {
      day: opened,
      reason: 'Plan opgesteld met het huishouden',
      agreement: random.chance(0.93) ? 'akkoord' : 'niet-akkoord',
    },
  ];
  const scores = (first.intake?.scores ?? []).slice();
  for (
    let planned = addMonths(opened, 6);
    planned <= (closed ?? until + 120);
    planned = addMonths(planned, 6)
  ) {
    const held = planned + random.int(-7, 21);
    if (held > until || (closed !== null && held > closed)) {
      if (planned > until)
        evaluations.push({ planned, held: null, outcome: null, satisfaction: null, scores: null });
      break;
    }
    for (let d = 0; d < scores.length; d++)
      if (scores[d]! < 5 && random.chance(0.35)) scores[d] = scores[d]! + 1;
    const outcome = random.weighted([
      ['doelen-deels-behaald', 0.5],
      ['bijstellen', 0.3],
      ['doelen-behaald', 0.2],
    ] as const);
    evaluations.push({
      planned,
      held,
      outcome,
      satisfaction: Math.min(10, Math.max(3, Math.round(random.normal(7.4, 1.1)))),
      scores: scores.length ? scores.slice() : null,
    });
    if (outcome === 'bijstellen')
      versions.push({
        day: held,
        reason: 'Doelen bijgesteld na evaluatie',
        agreement: random.chance(0.9) ? 'akkoord' : 'open',
      });
  }
  return { opened, closed, contact, goals, evaluations, versions };
}

/** Simulates address `slot` from the start of the burn-in to the end of the period. */
export function simulateSlot(ctx: SimContext, slot: number): Occupancy[] {
  const random = createRandom(`${ctx.seed}/slot/${slot}`);
  const buurt = pickBuurt(ctx, random);
  const wijk = ctx.wijken[ctx.buurten[buurt]!.wijk]!;
  const occupancies: Occupancy[] = [];
  let day = ctx.simStart;
  let first = true;
  while (day <= ctx.windowEnd) {
    const vulnerability = Math.min(6, wijk.deprivation * random.logNormal(1, 0.75));
    const household = newHousehold(random, day, wijk.elderlyTilt, vulnerability);
    const tenureDays = Math.round(random.exponential(MEAN_TENURE_YEARS) * DAYS_PER_YEAR);
    let moveOut: Day | null = day + Math.max(60, tenureDays);
    simulateDeaths(random, household, Math.min(moveOut, ctx.windowEnd + 1));
    const lastAlive = Math.max(...household.members.map((m) => m.death ?? Infinity));
    if (lastAlive < moveOut) moveOut = lastAlive;
    household.moveOut = moveOut > ctx.windowEnd ? null : moveOut;
    const until = Math.min(moveOut, ctx.windowEnd);
    const occupancy = simulateHousehold(ctx, random, household, buurt, until, first);
    occupancies.push(occupancy);
    first = false;
    day = moveOut + random.int(14, 90);
  }
  return occupancies;
}

function simulateHousehold(
  ctx: SimContext,
  random: Random,
  household: SimHousehold,
  buurt: number,
  until: Day,
  _first: boolean,
): Occupancy {
  const sim = new SlotSimulation(ctx, random, household, until);
  const episodes: Episode[] = [];
  const v = household.vulnerability;
  const from = household.moveIn;
  const keep = (e: Episode | null) => {
    if (e) episodes.push(e);
  };
  type Pending = { day: Day; run: () => void };
  const pending: Pending[] = [];
  for (const person of household.members) {
    const end = Math.min(until, person.death ?? Infinity);
    for (const d of eventDays(random, from, end, (day) => wmoHazard(ageOn(person.birth, day)) * Math.sqrt(v)))
      pending.push({ day: d, run: () => keep(sim.wmoEpisode(person, d)) });
    for (const d of eventDays(
      random,
      from,
      Math.min(end, birthday(person.birth, 18)),
      (day) => youthHazard(ageOn(person.birth, day)) * v,
    ))
      pending.push({
        day: d,
        run: () => {
          const e = sim.youthEpisode(person, d);
          keep(e);
          const alloc = e?.decision?.products[0]?.allocation ?? e?.referralAllocations[0];
          if (alloc && alloc.endReason === '39') {
            const at = alloc.end + 1;
            if (at < until && random.chance(0.45))
              pending.push({ day: at, run: () => keep(sim.wmoEpisode(person, at, true)) });
            else if (at < until && random.chance(0.3))
              pending.push({ day: at + 30, run: () => keep(sim.incomeEpisode(person, at + 30)) });
          }
        },
      });
  }
  const head = household.members[0]!;
  const headEnd = Math.min(until, head.death ?? Infinity);
  const workingAge = (day: Day) => {
    const age = ageOn(head.birth, day);
    return age >= 18 && age < 67;
  };
  for (const d of eventDays(random, from, headEnd, (day) => (workingAge(day) ? INCOME_HAZARD * v ** 1.5 : 0)))
    pending.push({ day: d, run: () => keep(sim.incomeEpisode(head, d)) });
  for (const d of eventDays(random, from, headEnd, (day) =>
    ageOn(head.birth, day) >= 18 ? DEBT_HAZARD * v ** 1.5 : 0,
  ))
    pending.push({ day: d, run: () => keep(sim.debtEpisode(head, d)) });
  // Process in time order; a transition at 18 adds an event later in time while we go.
  while (pending.length > 0) {
    let next = 0;
    for (let j = 1; j < pending.length; j++) if (pending[j]!.day < pending[next]!.day) next = j;
    pending.splice(next, 1)[0]!.run();
  }
  const emitted = episodes.length > 0;
  const contacts: QuestionRecord[] = [...sim.referrals];
  const oldest = household.members.reduce((a, b) => (a.birth < b.birth ? a : b));
  const contactFrom = Math.max(from, ctx.windowStart);
  for (const d of eventDays(random, contactFrom, until, (day) =>
    informationContactRate(ageOn(oldest.birth, day)),
  ))
    contacts.push(sim.informationContact(d, emitted && random.chance(0.6) ? oldest : null));
  const signals: SignalRecord[] = [];
  if (emitted) {
    for (const d of eventDays(random, contactFrom, until, () => SIGNAL_HAZARD * v * v)) {
      const kind = random.weighted([
        ['huurachterstand', 0.35],
        ['energieachterstand', 0.2],
        ['zorgverzekeringsachterstand', 0.2],
        ['waterachterstand', 0.1],
        ['schoolverzuim', 0.08],
        ['veilig-thuis', 0.07],
      ] as const);
      const done = d + random.int(7, 60) <= until;
      signals.push({
        day: d,
        kind,
        source: SIGNAL_SOURCES[kind]!,
        status: done
          ? random.weighted([
              ['afgesloten', 0.8],
              ['geen-contact', 0.2],
            ] as const)
          : 'toegewezen',
        outcome: done
          ? random.weighted([
              ['hulp-aanvaard', 0.35],
              ['al-in-beeld', 0.3],
              ['hulp-geweigerd', 0.15],
              ['niet-bereikt', 0.2],
            ] as const)
          : null,
        followedUp: done ? d + random.int(7, 60) : null,
      });
    }
  }
  const plan = emitted ? simulatePlan(ctx, random, household, episodes, until) : null;
  return { household, buurt, episodes, contacts, signals, plan };
}

const SIGNAL_SOURCES: Record<string, string> = {
  huurachterstand: 'Woningcorporatie',
  energieachterstand: 'Energieleverancier',
  zorgverzekeringsachterstand: 'Zorgverzekeraar',
  waterachterstand: 'Waterbedrijf',
  schoolverzuim: 'Leerplicht',
  'veilig-thuis': 'Veilig Thuis',
};

export type { ProductGrant };
