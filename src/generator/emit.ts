/**
 * Turns a simulated household history into rows (through the bulk writer) and counts what it wrote in
 * the truth file. Everything written here is synthetic and marked so where the schema has a flag.
 */
import { randomPointInBuurt } from '../areas/geo-reference.ts';
import type { CatalogueService } from '../services/catalogue.ts';
import { tariffInYear } from '../services/catalogue.ts';
import type { TableSink } from '../platform/db/bulk-writer.ts';
import {
  addMonths,
  ageOn,
  firstDayOfMonthIndex,
  firstDayOfYear,
  isoDate,
  isoTimestamp,
  monthIndex,
  monthKey,
  yearOf,
  type Day,
} from './calendar.ts';
import type { IdSource } from './ids.ts';
import type { SimPerson } from './people.ts';
import { createRandom, type Random } from './random.ts';
import type { Allocation, Episode, Law, Occupancy, QuestionRecord } from './records.ts';
import type { Truth } from './truth.ts';
import { answerQuestionnaire } from './intake-answers.ts';
import { LIFE_DOMAIN_CODES, type QuestionnaireDefinition } from '../intake/questionnaire-definition.ts';

export type DeclarationTotals = Map<string, { provider: number; law: Law; month: number; cents: number }>;

/** Synthetic employees by team: who registers, investigates and decides. */
export interface Staff {
  toegang: string[];
  wijkteam: Map<string, string[]>;
  jeugd: string[];
  werk: string[];
  schuld: string[];
}

export interface GeneratedProvider {
  id: string;
  contractByLot: Map<string, string>;
  tariffFactor: number;
}

export interface EmitContext {
  municipality: string;
  city: string;
  seed: string;
  ids: IdSource;
  bsn: { next(): string };
  windowStart: Day;
  windowEnd: Day;
  buurten: { code: string; wijkCode: string; wijk: number }[];
  postcodeBase: number;
  vindplaatsen: Map<string, string[]>;
  wijkteamVindplaats: Map<string, string>;
  services: Map<string, CatalogueService>;
  serviceIds: Map<string, string>;
  providers: GeneratedProvider[];
  lotOfService: Record<string, string>;
  staff: Staff;
  teamOfWijk: Map<string, string>;
  teamOfVindplaats: Map<string, string>;
  questionnaireVersionAt(day: Day): { id: string; definition: QuestionnaireDefinition };
  lifeDomainCodes: readonly string[];
  declarationId(provider: number, law: Law, month: number): string;
  /** Claimed totals per declaration, filled while lines are written; the headers are written last. */
  declarationTotals: DeclarationTotals;
  sinks: Record<SinkName, TableSink>;
  truth: Truth;
}

export const SINKS = {
  address: [
    'municipality_code',
    'id',
    'street',
    'house_number',
    'house_letter',
    'postcode',
    'city',
    'buurt_code',
    'longitude',
    'latitude',
  ],
  household: ['municipality_code', 'id', 'address_id', 'formed_on', 'dissolved_on', 'is_synthetic'],
  person: [
    'municipality_code',
    'id',
    'bsn',
    'given_names',
    'family_name_prefix',
    'family_name',
    'birth_date',
    'is_synthetic',
    'sex',
    'death_date',
  ],
  household_member: [
    'municipality_code',
    'household_id',
    'person_id',
    'member_role',
    'valid_from',
    'valid_until',
  ],
  person_relation: ['municipality_code', 'id', 'person_id', 'related_person_id', 'kind', 'valid_from'],
  help_question: [
    'municipality_code',
    'id',
    'reference',
    'received_at',
    'channel',
    'vindplaats_id',
    'referrer_kind',
    'question_types',
    'main_law_code',
    'household_id',
    'person_id',
    'status',
    'closed_at',
    'registered_by',
    'team_id',
  ],
  triage: [
    'municipality_code',
    'help_question_id',
    'outcome',
    'decided_at',
    'decided_by',
    'referred_service_id',
    'urgent_reason',
    'home_visit_planned_on',
    'home_visit_held_on',
  ],
  melding: [
    'municipality_code',
    'id',
    'help_question_id',
    'person_id',
    'law_code',
    'melded_on',
    'investigation_due_on',
    'aanvraag_on',
    'decision_due_on',
    'status',
    'closed_on',
  ],
  intake: [
    'municipality_code',
    'id',
    'help_question_id',
    'questionnaire_version_id',
    'mode',
    'status',
    'started_at',
    'completed_at',
    'conducted_by',
    'answers',
  ],
  beschikking: [
    'municipality_code',
    'id',
    'reference',
    'melding_id',
    'person_id',
    'law_code',
    'decided_on',
    'outcome',
    'legal_grounds',
    'objection_deadline',
    'decided_by',
  ],
  beschikking_product: [
    'municipality_code',
    'id',
    'beschikking_id',
    'service_id',
    'outcome',
    'grounds',
    'start_date',
    'end_date',
    'volume',
    'unit_code',
    'frequency_code',
  ],
  toewijzing: [
    'municipality_code',
    'id',
    'toewijzing_number',
    'beschikking_product_id',
    'referrer_type_code',
    'person_id',
    'provider_id',
    'contract_id',
    'service_id',
    'law_code',
    'product_category_code',
    'product_code',
    'start_date',
    'end_date',
    'volume',
    'unit_code',
    'frequency_code',
    'budget_cents',
    'commitment_cents',
    'status',
    'change_reason_code',
    'end_reason_code',
    'created_at',
  ],
  care_delivery: [
    'municipality_code',
    'toewijzing_id',
    'start_date',
    'stop_date',
    'stop_reason_code',
    'start_reported_at',
    'stop_reported_at',
  ],
  declaration_line: [
    'municipality_code',
    'declaration_id',
    'toewijzing_id',
    'period_start',
    'period_end',
    'volume',
    'unit_code',
    'tariff_cents',
    'amount_cents',
    'status',
    'rejection_code',
    'rejection_reason',
  ],
  household_plan: [
    'municipality_code',
    'id',
    'household_id',
    'status',
    'regisseur_user_id',
    'contact_person_id',
    'opened_on',
    'closed_on',
    'version',
  ],
  plan_participant: ['municipality_code', 'plan_id', 'person_id', 'role'],
  plan_professional: [
    'municipality_code',
    'id',
    'plan_id',
    'user_id',
    'name',
    'organisation',
    'expertise',
    'involved_from',
    'involved_until',
  ],
  plan_goal: [
    'municipality_code',
    'id',
    'plan_id',
    'description',
    'life_domain_code',
    'owner_kind',
    'owner_person_id',
    'owner_professional_id',
    'target_date',
    'status',
  ],
  plan_goal_service: ['municipality_code', 'goal_id', 'service_id', 'toewijzing_id'],
  plan_evaluation: [
    'municipality_code',
    'id',
    'plan_id',
    'planned_on',
    'held_on',
    'outcome',
    'satisfaction',
    'conducted_by',
  ],
  plan_version: [
    'municipality_code',
    'plan_id',
    'version',
    'created_at',
    'created_by',
    'reason',
    'snapshot',
    'agreement',
    'agreement_recorded_at',
  ],
  life_domain_score: [
    'municipality_code',
    'person_id',
    'assessed_on',
    'life_domain_code',
    'score',
    'intake_id',
    'plan_evaluation_id',
  ],
  signal: [
    'municipality_code',
    'id',
    'kind',
    'source',
    'received_on',
    'person_id',
    'household_id',
    'routed_to_team_id',
    'status',
    'followed_up_on',
    'outcome',
  ],
} as const;
export type SinkName = keyof typeof SINKS;

/** The 13 life domains in catalogue order: simulated scores are indexed by this order. */
export const LIFE_DOMAINS = LIFE_DOMAIN_CODES;

const STREETS = [
  'Lindelaan',
  'Beukenstraat',
  'Esdoornweg',
  'Kastanjehof',
  'Wilgenlaan',
  'Berkenstraat',
  'Eikenlaan',
  'Populierstraat',
  'Iepenweg',
  'Vlierhof',
  'Meidoornstraat',
  'Hazelaarlaan',
  'Essenweg',
  'Lijsterbeshof',
  'Elzenstraat',
  'Acaciastraat',
  'Seringenlaan',
  'Jasmijnstraat',
  'Hulststraat',
  'Taxusweg',
];

const LEGAL_GROUNDS: Record<Law, string> = {
  wmo: 'Wet maatschappelijke ondersteuning 2015, artikelen 2.3.2 tot en met 2.3.5; Verordening maatschappelijke ondersteuning',
  jeugdwet: 'Jeugdwet, artikelen 2.3 en 2.9; Verordening jeugdhulp',
  participatiewet: 'Participatiewet, artikelen 11, 21 en 43',
  schuldhulp: 'Wet gemeentelijke schuldhulpverlening, artikelen 3 en 4',
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export class Emitter {
  private readonly random: Random;
  private readonly ctx: EmitContext;
  /** Members of the household being written. */
  private members: readonly SimPerson[] = [];

  constructor(ctx: EmitContext) {
    this.ctx = ctx;
    this.random = createRandom(`${ctx.seed}/emit`);
  }

  private staffFor(law: Law, wijkCode: string): string {
    const { staff } = this.ctx;
    const pool =
      law === 'jeugdwet'
        ? staff.jeugd
        : law === 'participatiewet'
          ? staff.werk
          : law === 'schuldhulp'
            ? staff.schuld
            : this.random.chance(0.6)
              ? staff.toegang
              : (staff.wijkteam.get(wijkCode) ?? staff.toegang);
    return this.random.pick(pool);
  }

  private vindplaats(kind: string, wijkCode: string): string {
    if (kind === 'wijkteam')
      return (
        this.ctx.wijkteamVindplaats.get(wijkCode) ?? this.random.pick(this.ctx.vindplaatsen.get('zorgloket')!)
      );
    const list = this.ctx.vindplaatsen.get(kind) ?? this.ctx.vindplaatsen.get('zorgloket')!;
    return this.random.pick(list);
  }

  /** Whether an occupancy leaves any trace in the period; if not, nothing is written. */
  private keptEpisodes(o: Occupancy): Episode[] {
    const start = this.ctx.windowStart;
    return o.episodes.filter((e) => {
      if (e.melding) return true;
      const ends = [
        ...(e.decision?.products.map((p) => p.end ?? -Infinity) ?? []),
        ...e.referralAllocations.map((a) => a.end),
      ];
      return ends.some((end) => end >= start);
    });
  }

  emit(o: Occupancy): void {
    const { ctx } = this;
    const { sinks, truth, municipality: m } = ctx;
    const episodes = this.keptEpisodes(o);
    const linkedContacts = o.contacts.filter((c) => c.person !== null);
    const buurt = ctx.buurten[o.buurt]!;
    if (episodes.length === 0) {
      for (const c of o.contacts) this.question({ ...c, person: null }, null, buurt.wijkCode);
      return;
    }
    const hh = o.household;
    this.members = hh.members;
    // Address, household and members.
    const addressId = ctx.ids.uuid('0ad0');
    const n = ctx.ids.next('address');
    const [lon, lat] = randomPointInBuurt(buurt.code, () => this.random.next());
    const letters = String.fromCharCode(65 + (Math.floor(n / 150) % 26), 65 + (Math.floor(n / 3900) % 26));
    const postcode = `${ctx.postcodeBase + (Math.floor(n / 101_400) % 10)}${letters}`;
    sinks.address.add([
      m,
      addressId,
      this.random.pick(STREETS),
      (n % 150) + 1,
      null,
      postcode,
      ctx.city,
      buurt.code,
      lon,
      lat,
    ]);
    hh.id = ctx.ids.uuid('0a0b');
    sinks.household.add([
      m,
      hh.id,
      addressId,
      isoDate(hh.moveIn),
      hh.moveOut === null ? null : isoDate(hh.moveOut),
      true,
    ]);
    for (const p of hh.members) {
      p.id = ctx.ids.uuid('0e00');
      p.bsn = ctx.bsn.next();
      const died = p.death !== null && p.death <= ctx.windowEnd ? isoDate(p.death) : null;
      sinks.person.add([
        m,
        p.id,
        p.bsn,
        p.givenNames,
        p.prefix,
        p.familyName,
        isoDate(p.birth),
        true,
        p.sex,
        died,
      ]);
      const from = Math.max(p.birth, hh.moveIn);
      const until = p.death !== null && p.death <= ctx.windowEnd ? p.death : hh.moveOut;
      sinks.household_member.add([
        m,
        hh.id,
        p.id,
        p.role,
        isoDate(from),
        until === null ? null : isoDate(until),
      ]);
    }
    const head = hh.members[0]!;
    for (const p of hh.members.slice(1)) {
      const kind = p.role === 'partner' ? 'partner' : p.role === 'kind' ? 'kind' : null;
      if (kind)
        sinks.person_relation.add([
          m,
          ctx.ids.uuid('0e01'),
          head.id,
          p.id,
          kind,
          isoDate(Math.max(p.birth, hh.moveIn)),
        ]);
    }
    this.truthPopulationLinks(o, episodes);
    const allocationIds = new Map<Allocation, string>();
    for (const e of episodes) this.episode(e, hh.id, buurt.wijkCode, allocationIds);
    for (const c of o.contacts) this.question(c, c.person ? hh.id : null, buurt.wijkCode);
    void linkedContacts;
    for (const s of o.signals) {
      if (s.day < ctx.windowStart) continue;
      sinks.signal.add([
        m,
        ctx.ids.uuid('0519'),
        s.kind,
        s.source,
        isoDate(s.day),
        null,
        hh.id,
        ctx.teamOfWijk.get(buurt.wijkCode) ?? null,
        s.status,
        s.followedUp === null ? null : isoDate(s.followedUp),
        s.outcome,
      ]);
      truth.rows.add('signal');
    }
    if (o.plan) this.plan(o, buurt.wijkCode, allocationIds);
    this.countRows(o, episodes);
  }

  private countRows(o: Occupancy, episodes: Episode[]): void {
    const { truth } = this.ctx;
    truth.rows.add('household');
    truth.rows.add('address');
    truth.rows.add('person', o.household.members.length);
    void episodes;
  }

  private question(q: QuestionRecord, householdId: string | null, wijkCode: string): string | null {
    const { ctx } = this;
    const { sinks, truth, municipality: m } = ctx;
    if (q.day < ctx.windowStart || q.day > ctx.windowEnd) return null;
    const id = ctx.ids.uuid('0f00');
    const year = yearOf(q.day);
    const reference = `HV-${year}-${pad(ctx.ids.next(`hv-${year}`), 7)}`;
    const vindplaatsId = this.vindplaats(q.vindplaats, wijkCode);
    const staffLaw: Law = q.mainLaw ?? 'wmo';
    const registeredBy = q.channel === 'online' ? null : this.staffFor(staffLaw, wijkCode);
    const closed = q.closedDay !== null && q.closedDay <= ctx.windowEnd ? q.closedDay : null;
    sinks.help_question.add([
      m,
      id,
      reference,
      isoTimestamp(q.day, q.minute),
      q.channel,
      vindplaatsId,
      q.referrerKind,
      q.types,
      q.mainLaw,
      householdId,
      q.person?.id ?? null,
      closed === null ? 'open' : 'afgesloten',
      closed === null ? null : isoTimestamp(closed, Math.max(q.minute + 5, 17 * 60)),
      registeredBy,
      ctx.teamOfVindplaats.get(vindplaatsId) ?? null,
    ]);
    sinks.triage.add([
      m,
      id,
      q.triage,
      isoTimestamp(q.day, q.minute + 4),
      registeredBy,
      q.referredService === null ? null : ctx.serviceIds.get(q.referredService)!,
      q.urgentReason,
      q.homeVisit ? isoDate(q.homeVisit.planned) : null,
      q.homeVisit?.held != null && q.homeVisit.held <= ctx.windowEnd ? isoDate(q.homeVisit.held) : null,
    ]);
    truth.rows.add('help_question');
    if (q.vindplaats === 'zorgloket') {
      const month = monthKey(monthIndex(q.day));
      truth.zorgloket.add(`contacts|${month}`);
      truth.zorgloket.add(`channel|${q.channel}|${year}`);
      truth.zorgloket.add(`triage|${q.triage}|${year}`);
      truth.zorgloket.add(`total|${year}`);
      if (q.mainLaw === 'wmo') truth.zorgloket.add(`wmo|${year}`);
    }
    return id;
  }

  private episode(
    e: Episode,
    householdId: string,
    wijkCode: string,
    allocationIds: Map<Allocation, string>,
  ): void {
    const { ctx } = this;
    const { sinks, truth, municipality: m } = ctx;
    const personId = e.person.id!;
    let meldingId: string | null = null;
    if (e.question && e.melding && e.melding.day <= ctx.windowEnd) {
      const questionId = this.question(e.question, householdId, wijkCode)!;
      meldingId = ctx.ids.uuid('0f01');
      const mel = e.melding;
      const within = (d: Day | null) => (d !== null && d <= ctx.windowEnd ? d : null);
      const closed = within(mel.closed);
      const status =
        closed === null ? (within(mel.aanvraag) !== null ? 'aanvraag' : 'onderzoek') : mel.status;
      sinks.melding.add([
        m,
        meldingId,
        questionId,
        personId,
        e.law,
        isoDate(mel.day),
        mel.investigationDue === null ? null : isoDate(mel.investigationDue),
        within(mel.aanvraag) === null ? null : isoDate(mel.aanvraag!),
        mel.decisionDue === null || (within(mel.aanvraag) === null && e.law === 'wmo')
          ? null
          : isoDate(mel.decisionDue),
        status,
        closed === null ? null : isoDate(closed),
      ]);
      truth.meldingen.add(`${e.law}|${monthKey(monthIndex(mel.day))}`);
      truth.rows.add('melding');
      if (e.intake && e.intake.start <= ctx.windowEnd) {
        const intakeId = ctx.ids.uuid('0f02');
        const staff = this.staffFor(e.law, wijkCode);
        const version = ctx.questionnaireVersionAt(e.intake.start);
        const answers = answerQuestionnaire(
          version.definition,
          {
            questionTypes: e.question.types,
            scores: e.intake.scores,
            lifeDomainCodes: ctx.lifeDomainCodes,
            householdSize: this.members.length,
            children: this.members.filter((p) => p.role === 'kind').length,
            day: e.intake.start,
          },
          this.random,
        );
        sinks.intake.add([
          m,
          intakeId,
          questionId,
          version.id,
          e.intake.mode,
          'afgerond',
          isoTimestamp(e.intake.start, 600),
          isoTimestamp(e.intake.start, 660),
          staff,
          answers,
        ]);
        e.intake.scores.forEach((score, d) =>
          sinks.life_domain_score.add([
            m,
            personId,
            isoDate(e.intake!.start),
            LIFE_DOMAINS[d],
            score,
            intakeId,
            null,
          ]),
        );
        truth.rows.add('intake');
        truth.rows.add('life_domain_score', 13);
      }
    }
    if (e.decision && e.decision.day <= ctx.windowEnd) {
      const d = e.decision;
      const beschikkingId = ctx.ids.uuid('0b00');
      const year = yearOf(d.day);
      sinks.beschikking.add([
        m,
        beschikkingId,
        `BS-${year}-${pad(ctx.ids.next(`bs-${year}`), 7)}`,
        meldingId,
        personId,
        e.law,
        isoDate(d.day),
        d.outcome,
        LEGAL_GROUNDS[e.law],
        isoDate(d.day + 42),
        this.staffFor(e.law, wijkCode),
      ]);
      truth.rows.add('beschikking');
      if (d.day >= ctx.windowStart) truth.decisions.add(`${e.law}|${d.outcome}|${year}`);
      for (const p of d.products) {
        const productId = ctx.ids.uuid('0b01');
        const service = ctx.services.get(p.service)!;
        const granted = p.outcome === 'toegekend';
        sinks.beschikking_product.add([
          m,
          productId,
          beschikkingId,
          ctx.serviceIds.get(p.service)!,
          p.outcome,
          granted
            ? 'Voldoet aan de voorwaarden'
            : 'Het resultaat kan met eigen kracht of een algemene voorziening worden bereikt',
          p.start === null ? null : isoDate(p.start),
          p.end === null ? null : isoDate(p.end),
          p.volume,
          p.volume === null ? null : service.unit,
          p.volume === null ? null : service.frequency,
        ]);
        truth.rows.add('beschikking_product');
        if (p.allocation) this.allocation(p.allocation, productId, wijkCode, allocationIds);
        if (p.benefit && p.start !== null && p.end !== null)
          this.benefitTruth(e.person, p.service, p.start, p.end, wijkCode);
      }
    }
    for (const a of e.referralAllocations) this.allocation(a, null, wijkCode, allocationIds);
  }

  private benefitTruth(person: SimPerson, service: string, start: Day, end: Day, wijkCode: string): void {
    this.activeTruth(person, 'participatiewet', service, start, end, wijkCode);
  }

  private activeTruth(
    person: SimPerson,
    law: Law,
    service: string,
    start: Day,
    end: Day,
    wijkCode: string,
  ): void {
    const { truth } = this.ctx;
    const from = Math.max(start, this.ctx.windowStart);
    const to = Math.min(end, this.ctx.windowEnd);
    if (from > to) return;
    // A person with two overlapping periods of one service (bijstand granted twice) is one client a month.
    const counted = personMonths.get(person) ?? new Map<string, Set<number>>();
    personMonths.set(person, counted);
    const slice = `${law}|${service}|${wijkCode}`;
    const months = counted.get(slice) ?? new Set<number>();
    counted.set(slice, months);
    for (let mi = monthIndex(from); mi <= monthIndex(to); mi++) {
      if (months.has(mi)) continue;
      months.add(mi);
      truth.activeClientsByMonth.add(`${slice}|${monthKey(mi)}`);
    }
    const seen = personYears.get(person) ?? new Set<string>();
    personYears.set(person, seen);
    for (let y = yearOf(from); y <= yearOf(to); y++) {
      for (const key of [`${law}|${y}`, `${law}|${service}|${y}`, `${law}|wijk:${wijkCode}|${y}`]) {
        if (!seen.has(key)) {
          seen.add(key);
          truth.uniqueClients.add(key);
        }
      }
    }
  }

  private allocation(
    a: Allocation,
    productId: string | null,
    wijkCode: string,
    allocationIds: Map<Allocation, string>,
  ): void {
    const { ctx } = this;
    const { sinks, truth, municipality: m } = ctx;
    if (a.start > ctx.windowEnd) return;
    const service = ctx.services.get(a.service)!;
    const provider = ctx.providers[a.provider]!;
    const lot = ctx.lotOfService[a.service]!;
    const id = ctx.ids.uuid('0c00');
    allocationIds.set(a, id);
    const tariff = (year: number) =>
      Math.round(tariffInYear(service.tariff2026Cents ?? 0, year) * provider.tariffFactor);
    const months = Math.max(1, (a.end - a.start + 1) / 30.44);
    const perMonth =
      service.frequency === '2'
        ? a.volume * 4.33
        : service.frequency === '4'
          ? service.unit === '14'
            ? 30.4
            : a.volume
          : 1;
    const variant = service.fundingVariant;
    const commitment =
      variant === 'outputgericht'
        ? tariff(yearOf(a.start)) * (service.frequency === '4' ? Math.round(months) : 1)
        : variant === 'inspanningsgericht'
          ? Math.round(perMonth * months * tariff(yearOf(a.start)))
          : 0;
    const status = a.running ? (a.extended ? 'gewijzigd' : 'actief') : 'beeindigd';
    const volume = service.unit === null ? null : a.volume;
    sinks.toewijzing.add([
      m,
      id,
      ctx.ids.next('toewijzing'),
      productId,
      a.referrerTypeCode,
      a.person.id!,
      provider.id,
      provider.contractByLot.get(lot)!,
      ctx.serviceIds.get(a.service)!,
      a.law,
      service.productCategory,
      service.productCode,
      isoDate(a.start),
      isoDate(a.end),
      volume,
      volume === null ? null : service.unit,
      volume === null ? null : service.frequency,
      variant === 'outputgericht' ? tariff(yearOf(a.start)) : null,
      commitment,
      status,
      a.extended ? '04' : null,
      a.running ? null : a.endReason,
      isoTimestamp(Math.max(a.start - 3, 0), 540),
    ]);
    truth.rows.add('toewijzing');
    truth.commitmentsCents.add(`${a.law}|${a.service}|${yearOf(a.start)}`, commitment);
    truth.duration(a.service, a.start, a.end, a.running);
    this.activeTruth(a.person, a.law, a.service, a.start, a.end, wijkCode);
    for (
      let y = Math.max(yearOf(a.start), yearOf(ctx.windowStart));
      y <= Math.min(yearOf(a.end), yearOf(ctx.windowEnd));
      y++
    )
      truth.providerActive(y, a.provider);
    if (a.law === 'jeugdwet' && a.start >= ctx.windowStart)
      truth.youthReferrals.add(`${a.referrerTypeCode}|${yearOf(a.start)}`);
    // Start and stop of care (305/307).
    const started = a.start + this.random.int(0, 4);
    if (started <= ctx.windowEnd) {
      const stopped = !a.running && a.end <= ctx.windowEnd;
      sinks.care_delivery.add([
        m,
        id,
        isoDate(a.start),
        stopped ? isoDate(a.end) : null,
        stopped ? a.endReason : null,
        isoTimestamp(started, 620),
        stopped ? isoTimestamp(Math.min(ctx.windowEnd, a.end + this.random.int(0, 5)), 630) : null,
      ]);
      truth.rows.add('care_delivery');
    }
    if (variant !== 'taakgericht') this.declarations(a, id, service, tariff, wijkCode);
  }

  private declarations(
    a: Allocation,
    id: string,
    service: CatalogueService,
    tariff: (year: number) => number,
    wijkCode: string,
  ): void {
    const { ctx } = this;
    const { sinks, truth, municipality: m } = ctx;
    const oneOff = service.frequency === '6';
    const first = Math.max(monthIndex(a.start), monthIndex(ctx.windowStart));
    const last = Math.min(monthIndex(a.end), monthIndex(ctx.windowEnd));
    for (let mi = first; mi <= last; mi++) {
      const monthStart = firstDayOfMonthIndex(mi);
      const monthEnd = addMonths(monthStart, 1) - 1;
      const from = Math.max(a.start, monthStart);
      const to = Math.min(a.end, monthEnd);
      if (oneOff && from !== a.start) break;
      const days = to - from + 1;
      const year = yearOf(from);
      let volume: number;
      if (oneOff) volume = 1;
      else if (service.frequency === '2')
        volume = Math.max(1, Math.round((a.volume * days * (0.82 + this.random.next() * 0.18)) / 7));
      else if (service.unit === '14') volume = days;
      else if (service.unit === '82' || service.unit === '84') volume = 1;
      else volume = Math.max(1, Math.round((a.volume * days) / (monthEnd - monthStart + 1)));
      const price = tariff(year);
      const amount = volume * price;
      const declarationId = ctx.declarationId(a.provider, a.law, mi);
      const line = (tariffCents: number, status: string, code: string | null, reason: string | null) => {
        sinks.declaration_line.add([
          m,
          declarationId,
          id,
          isoDate(from),
          isoDate(to),
          volume,
          service.unit,
          tariffCents,
          volume * tariffCents,
          status,
          code,
          reason,
        ]);
        truth.rows.add('declaration_line');
        const total = ctx.declarationTotals.get(declarationId);
        if (total) total.cents += volume * tariffCents;
        else
          ctx.declarationTotals.set(declarationId, {
            provider: a.provider,
            law: a.law,
            month: mi,
            cents: volume * tariffCents,
          });
      };
      if (this.random.chance(0.018)) {
        const [code, reason] = this.random.pick(REJECTIONS);
        line(code === '0611' ? price + 150 : price, 'afgewezen', code, reason);
        if (code === '9307' || code === '8021') continue; // not resubmitted
      }
      line(price, 'geaccepteerd', null, null);
      truth.costsCents.add(`${a.law}|${a.service}|${wijkCode}|${monthKey(mi)}`, amount);
    }
  }

  private truthPopulationLinks(o: Occupancy, episodes: Episode[]): void {
    const { truth, windowStart, windowEnd } = this.ctx;
    // Youth in care under 18 on 1 January; households with services and their overlap, per year.
    const services = new Map<number, Set<string>>();
    const laws = new Map<number, Set<Law>>();
    const note = (y: number, service: string, law: Law) => {
      if (!services.has(y)) services.set(y, new Set());
      if (!laws.has(y)) laws.set(y, new Set());
      services.get(y)!.add(service);
      laws.get(y)!.add(law);
    };
    const youthCounted = new Set<string>();
    const span = (start: Day, end: Day, service: string, law: Law, person: SimPerson) => {
      const from = Math.max(start, windowStart);
      const to = Math.min(end, windowEnd);
      for (let y = yearOf(from); y <= yearOf(to) && from <= to; y++) {
        note(y, service, law);
        if (
          law === 'jeugdwet' &&
          ageOn(person.birth, firstDayOfYear(y)) < 18 &&
          person.birth <= firstDayOfYear(y)
        ) {
          const key = `${person.index}|${y}`;
          if (!youthCounted.has(key)) {
            youthCounted.add(key);
            truth.youthUnder18InCare.add(String(y));
          }
        }
      }
    };
    for (const e of episodes) {
      for (const p of e.decision && e.decision.day <= windowEnd ? e.decision.products : []) {
        if (p.outcome !== 'toegekend' || p.start === null || p.end === null) continue;
        if (p.allocation && p.allocation.start > windowEnd) continue;
        span(p.start, p.allocation?.end ?? p.end, p.service, e.law, e.person);
      }
      for (const a of e.referralAllocations)
        if (a.start <= windowEnd) span(a.start, a.end, a.service, e.law, e.person);
    }
    for (const c of o.contacts) {
      if (c.referredService && c.person && c.day >= windowStart && c.day <= windowEnd)
        note(yearOf(c.day), c.referredService, 'wmo');
    }
    for (const [y, set] of services) {
      truth.householdServices.add(`any|${y}`);
      if (set.size >= 2) truth.householdServices.add(`multi|${y}`);
      truth.lawOverlap.add(`${[...laws.get(y)!].sort().join('+')}|${y}`);
    }
  }

  private plan(o: Occupancy, wijkCode: string, allocationIds: Map<Allocation, string>): void {
    const { ctx } = this;
    const { sinks, truth, municipality: m } = ctx;
    const plan = o.plan!;
    const hh = o.household;
    const id = ctx.ids.uuid('0d00');
    const regisseur = this.random.pick(ctx.staff.wijkteam.get(wijkCode) ?? ctx.staff.toegang);
    sinks.household_plan.add([
      m,
      id,
      hh.id!,
      plan.closed === null ? 'actief' : 'afgesloten',
      regisseur,
      plan.contact.id!,
      isoDate(plan.opened),
      plan.closed === null ? null : isoDate(plan.closed),
      plan.versions.length,
    ]);
    for (const p of hh.members) sinks.plan_participant.add([m, id, p.id!, p.role]);
    const regisseurRow = ctx.ids.uuid('0d01');
    sinks.plan_professional.add([
      m,
      regisseurRow,
      id,
      regisseur,
      'Regisseur wijkteam',
      `Wijkteam ${ctx.city}`,
      'Regie en casemanagement',
      isoDate(plan.opened),
      plan.closed === null ? null : isoDate(plan.closed),
    ]);
    const external = ctx.ids.uuid('0d01');
    sinks.plan_professional.add([
      m,
      external,
      id,
      null,
      'Begeleider (fictief)',
      'Zorgaanbieder (fictief)',
      this.random.pick(['Ambulante begeleiding', 'Jeugdhulp', 'Schuldhulpverlening', 'Werk en inkomen']),
      isoDate(plan.opened),
      plan.closed === null ? null : isoDate(plan.closed),
    ]);
    const allocationByService = new Map<string, string>();
    for (const [a, aid] of allocationIds) allocationByService.set(a.service, aid);
    plan.goals.forEach((g, i) => {
      const goalId = ctx.ids.uuid('0d02');
      const domain = LIFE_DOMAINS[g.domain]!;
      sinks.plan_goal.add([
        m,
        goalId,
        id,
        GOAL_TEXT[domain] ?? 'Het gaat beter thuis',
        domain,
        g.ownerKind,
        g.ownerKind === 'professional' ? null : plan.contact.id!,
        g.ownerKind === 'professional' ? (i % 2 === 0 ? regisseurRow : external) : null,
        isoDate(g.target),
        g.status,
      ]);
      for (const s of g.services)
        sinks.plan_goal_service.add([m, goalId, ctx.serviceIds.get(s)!, allocationByService.get(s) ?? null]);
    });
    for (const ev of plan.evaluations) {
      const evId = ctx.ids.uuid('0d03');
      sinks.plan_evaluation.add([
        m,
        evId,
        id,
        isoDate(ev.planned),
        ev.held === null ? null : isoDate(ev.held),
        ev.outcome,
        ev.satisfaction,
        ev.held === null ? null : regisseur,
      ]);
      if (ev.scores && ev.held !== null) {
        ev.scores.forEach((score, d) =>
          sinks.life_domain_score.add([
            m,
            plan.contact.id!,
            isoDate(ev.held!),
            LIFE_DOMAINS[d],
            score,
            null,
            evId,
          ]),
        );
        truth.rows.add('life_domain_score', 13);
      }
    }
    plan.versions.forEach((v, i) => {
      sinks.plan_version.add([
        m,
        id,
        i + 1,
        isoTimestamp(v.day, 700),
        regisseur,
        v.reason,
        { goals: plan.goals.length, reden: v.reason },
        v.agreement,
        v.agreement === 'open' ? null : isoTimestamp(v.day + 7, 720),
      ]);
    });
    truth.rows.add('household_plan');
  }
}

const personYears = new WeakMap<SimPerson, Set<string>>();
/** Months already counted per person and law|service|wijk, so overlapping periods count once. */
const personMonths = new WeakMap<SimPerson, Map<string, Set<number>>>();

const REJECTIONS: readonly (readonly [string, string])[] = [
  ['0611', 'Het ingediende tarief komt niet overeen met het contractuele tarief'],
  ['9307', 'Begindatum prestatie ligt niet tussen de ingangsdatum en einddatum toewijzing'],
  ['9321', 'Het ingediende volume overschrijdt het toegewezen volume'],
  ['8021', 'Referentienummer prestatie is reeds aangeleverd'],
];

const GOAL_TEXT: Record<string, string> = {
  financien: 'Ik wil mijn rekeningen op tijd betalen en geen nieuwe schulden maken',
  'werk-opleiding': 'Ik wil weer aan het werk, eerst een paar dagen per week',
  tijdsbesteding: 'Ik wil mijn dagen zinvol invullen',
  huisvesting: 'Ik wil in mijn eigen huis kunnen blijven wonen',
  'huiselijke-relaties': 'We willen thuis minder ruzie en meer rust',
  'geestelijke-gezondheid': 'Ik wil me minder somber voelen en beter slapen',
  'lichamelijke-gezondheid': 'Ik wil fitter worden en beter voor mijn gezondheid zorgen',
  middelengebruik: 'Ik wil minder drinken',
  'basale-adl': 'Ik wil mezelf weer kunnen wassen en aankleden',
  'instrumentele-adl': 'Ik wil dat het huishouden weer loopt',
  'sociaal-netwerk': 'Ik wil meer mensen om me heen hebben op wie ik kan rekenen',
  'maatschappelijke-participatie': 'Ik wil meedoen in de buurt, bijvoorbeeld als vrijwilliger',
  justitie: 'Ik wil mijn afspraken met de reclassering nakomen',
};
