/** What the simulation produces for one household, before it is written as rows. */
import type { Day } from './calendar.ts';
import type { SimHousehold, SimPerson } from './people.ts';

export type Law = 'wmo' | 'jeugdwet' | 'participatiewet' | 'schuldhulp';
export type TriageOutcome = 'informatie-advies' | 'verwijzing-algemene-voorziening' | 'melding' | 'urgent';

export interface QuestionRecord {
  day: Day;
  minute: number;
  vindplaats: string;
  channel: 'telefoon' | 'balie' | 'online' | 'email' | 'huisbezoek' | 'spreekuur' | 'brief';
  referrerKind: string | null;
  types: string[];
  mainLaw: Law | null;
  person: SimPerson | null;
  triage: TriageOutcome;
  referredService: string | null;
  urgentReason: string | null;
  homeVisit: { planned: Day; held: Day | null } | null;
  closedDay: Day | null;
}

export interface Allocation {
  service: string;
  law: Law;
  start: Day;
  /** Actual last day, or the planned last day while the allocation is still running at the end of the period. */
  end: Day;
  running: boolean;
  endReason: string | null;
  volume: number;
  provider: number;
  referrerTypeCode: string | null;
  /** Extended by re-assessment (RedenWijziging 04) at least once. */
  extended: boolean;
  person: SimPerson;
}

export interface ProductGrant {
  service: string;
  outcome: 'toegekend' | 'afgewezen';
  start: Day | null;
  end: Day | null;
  volume: number | null;
  allocation: Allocation | null;
  /** Benefits paid by the municipality itself (bijstand): active days for the budget. */
  benefit: boolean;
}

export interface Episode {
  law: Law;
  person: SimPerson;
  /** Help question and melding; null for support that started before the generated period. */
  question: QuestionRecord | null;
  melding: {
    day: Day;
    investigationDue: Day | null;
    aanvraag: Day | null;
    decisionDue: Day | null;
    status: 'onderzoek' | 'aanvraag' | 'besloten' | 'ingetrokken';
    closed: Day | null;
  } | null;
  intake: {
    start: Day;
    mode: 'balie' | 'telefoon' | 'huisbezoek' | 'online' | 'spreekuur';
    scores: number[];
  } | null;
  decision: {
    day: Day;
    outcome: 'toegekend' | 'gedeeltelijk-toegekend' | 'afgewezen';
    products: ProductGrant[];
  } | null;
  /** Allocations without a beschikking (youth care on referral by a GP and the like). */
  referralAllocations: Allocation[];
}

export interface SignalRecord {
  day: Day;
  kind: string;
  source: string;
  status: 'nieuw' | 'toegewezen' | 'contact-gelegd' | 'geen-contact' | 'afgesloten';
  outcome: string | null;
  followedUp: Day | null;
}

export interface PlanRecord {
  opened: Day;
  closed: Day | null;
  contact: SimPerson;
  goals: {
    domain: number;
    ownerKind: 'inwoner' | 'netwerk' | 'professional';
    target: Day;
    status: string;
    services: string[];
  }[];
  evaluations: {
    planned: Day;
    held: Day | null;
    outcome: string | null;
    satisfaction: number | null;
    scores: number[] | null;
  }[];
  versions: { day: Day; reason: string; agreement: 'open' | 'akkoord' | 'niet-akkoord' }[];
}

export interface Occupancy {
  household: SimHousehold;
  buurt: number;
  episodes: Episode[];
  contacts: QuestionRecord[];
  signals: SignalRecord[];
  plan: PlanRecord | null;
}
