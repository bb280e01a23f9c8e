/**
 * The checks of one declaration line (prestatie) against its allocation (toewijzing), care delivery
 * (start/stop), the contract tariffs and the lines accepted before. Pure: no database, no clock. The
 * JSON declaration route and the iWmo/iJw 323 import (src/istandaard) both call it; for a batch, use
 * `DeclarationChecker`, which remembers the lines it accepted so that a double within one file is caught.
 *
 * Rejections carry a retourcode of LDT_RetourCode in the iWmo/iJw 3.2 Basisschema.xsd where one fits:
 *   9338 no allocated product with this toewijzingnummer (unknown allocation, or not this provider's)
 *   9384 declaration on an allocation that was withdrawn (RedenWijziging 13, Verwijderd)
 *   9319 the product period does not lie within the declaration period
 *   9307 / 9308 begin / end of the product period outside the allocation (also: after a stop, before a start)
 *   9069 no current start message (care delivery was never reported as started)
 *   9339 / 9340 product category / product code differ from the allocated product
 *   9341 unit differs from the allocated unit
 *   0611 tariff not the contracted tariff (or no contracted tariff for the product and period)
 *   9346 amount is not volume x tariff (units other than 83, euro)
 *   8021 the same line reference was delivered before
 *   9361 a line for an overlapping period of the same allocation was accepted before (double declaration)
 *   9321 volume exceeds the allocated volume for the period of the line
 *   9322 the sum of the declared volumes exceeds the allocated volume (frequency 6, total)
 *   9369 the declared amounts together exceed the allocated budget
 */
import type { Bilingual } from '../platform/http/problem.ts';

export type AllocationStatus = 'actief' | 'gewijzigd' | 'beeindigd' | 'ingetrokken';

/** What the checks need of a toewijzing. Money in eurocent, dates YYYY-MM-DD. */
export interface AllocationFacts {
  id: string;
  toewijzingNumber: number;
  providerId: string;
  status: AllocationStatus;
  startDate: string;
  /** NULL for an open-ended allocation; set when it ended or was stopped. */
  endDate: string | null;
  productCategoryCode: string | null;
  productCode: string | null;
  volume: number | null;
  unitCode: string | null;
  /** 1 per dag, 2 per week, 4 per maand, 6 totaal binnen geldigheidsduur. */
  frequencyCode: string | null;
  budgetCents: number | null;
  /** RedenWijziging of the last change ('13' = Verwijderd). */
  changeReasonCode: string | null;
  /** The client of the allocation and their BSN (a 323 names the client by BSN; loaded with the facts). */
  personId?: string;
  bsn?: string | null;
  /**
   * Care delivery as reported by the provider (305/307): when given (even empty), the line must lie within
   * one delivery period. `undefined` skips the delivery check.
   */
  deliveries?: readonly DeliveryPeriod[];
}

export interface DeliveryPeriod {
  startDate: string;
  stopDate: string | null;
}

/** A contracted tariff of the allocation's contract for its product. */
export interface TariffFacts {
  validFrom: string;
  validUntil: string | null;
  tariffCents: number;
  unitCode: string;
}

/** A line accepted earlier on the same allocation. */
export interface AcceptedLine {
  periodStart: string;
  periodEnd: string;
  volume: number;
  amountCents: number;
  reference?: string | null;
}

export interface DeclarationLineInput {
  periodStart: string;
  periodEnd: string;
  volume: number;
  unitCode: string;
  tariffCents: number;
  amountCents: number;
  productCategoryCode?: string | null;
  productCode?: string | null;
  /** ReferentieNummer of the prestatie, when the message carries one. */
  reference?: string | null;
}

export interface LineContext {
  /** undefined: no allocation with this number for this provider (9338). */
  allocation: AllocationFacts | undefined;
  tariffs: readonly TariffFacts[];
  accepted: readonly AcceptedLine[];
  /** The declaration's own period; when given, the line must lie inside it (9319). */
  declarationPeriod?: { start: string; end: string };
}

export interface Rejection {
  status: 'afgewezen';
  code: string;
  /** Short English name of the check, for tests and logs. */
  check: LineCheck;
  reason: Bilingual;
}

export type LineVerdict = { status: 'geaccepteerd' } | Rejection;

export type LineCheck =
  | 'unknown-allocation'
  | 'allocation-withdrawn'
  | 'period-invalid'
  | 'outside-declaration-period'
  | 'start-outside-allocation'
  | 'end-outside-allocation'
  | 'no-delivery-start'
  | 'outside-delivery'
  | 'product-category'
  | 'product-code'
  | 'unit'
  | 'tariff'
  | 'amount'
  | 'duplicate-reference'
  | 'double-declaration'
  | 'volume'
  | 'volume-total'
  | 'budget';

const ACCEPTED: LineVerdict = { status: 'geaccepteerd' };

function reject(code: string, check: LineCheck, nl: string, en: string): Rejection {
  return { status: 'afgewezen', code, check, reason: { nl, en } };
}

const euro = (cents: number) => (cents / 100).toFixed(2);
/** Dutch money notation in Dutch reasons: € 1.234,50. */
const euroNl = (cents: number) =>
  (cents / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Days from a to b inclusive (YYYY-MM-DD, UTC). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Number of calendar months the period touches. */
export function monthsTouched(from: string, to: string): number {
  const [fy, fm] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [ty, tm] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/**
 * The most that may be declared in the period of a line under the allocation's volume and frequency:
 * per day: volume x days; per week: volume x days / 7, rounded up; per month: volume x calendar months
 * touched; total (6) or unknown frequency: the whole volume. NULL when the allocation has no volume.
 */
export function allowedVolume(allocation: AllocationFacts, from: string, to: string): number | null {
  if (allocation.volume === null) return null;
  const v = allocation.volume;
  switch (allocation.frequencyCode) {
    case '1':
      return v * daysInclusive(from, to);
    case '2':
      return Math.ceil((v * daysInclusive(from, to)) / 7);
    case '4':
      return v * monthsTouched(from, to);
    default:
      return v;
  }
}

const overlaps = (
  a: { periodStart: string; periodEnd: string },
  b: { periodStart: string; periodEnd: string },
) => a.periodStart <= b.periodEnd && b.periodStart <= a.periodEnd;

/** The contracted tariff valid on a day for a unit, if any. */
export function tariffOn(tariffs: readonly TariffFacts[], day: string): TariffFacts | undefined {
  let found: TariffFacts | undefined;
  for (const t of tariffs) {
    if (t.validFrom <= day && (t.validUntil === null || t.validUntil >= day)) {
      if (!found || t.validFrom > found.validFrom) found = t;
    }
  }
  return found;
}

/** Checks one line; the first failing check decides the retourcode. */
export function checkDeclarationLine(line: DeclarationLineInput, context: LineContext): LineVerdict {
  const a = context.allocation;
  if (!a) {
    return reject(
      '9338',
      'unknown-allocation',
      'Er is geen toewijzing met dit nummer voor deze aanbieder.',
      'There is no allocation with this number for this provider.',
    );
  }
  if (a.status === 'ingetrokken' || a.changeReasonCode === '13') {
    return reject(
      '9384',
      'allocation-withdrawn',
      'Deze toewijzing is ingetrokken; er kan niet op gedeclareerd worden.',
      'This allocation was withdrawn; nothing can be declared on it.',
    );
  }
  if (line.periodStart > line.periodEnd) {
    return reject(
      '9308',
      'period-invalid',
      'De einddatum van de prestatie ligt voor de begindatum.',
      'The end of the line period lies before its start.',
    );
  }
  const dp = context.declarationPeriod;
  if (dp && (line.periodStart < dp.start || line.periodEnd > dp.end)) {
    return reject(
      '9319',
      'outside-declaration-period',
      `De periode van de prestatie valt niet binnen de declaratieperiode (${dp.start} t/m ${dp.end}).`,
      `The line period does not lie within the declaration period (${dp.start} to ${dp.end}).`,
    );
  }
  const allocationEnd = a.endDate ?? '9999-12-31';
  if (line.periodStart < a.startDate || line.periodStart > allocationEnd) {
    return reject(
      '9307',
      'start-outside-allocation',
      `De begindatum van de prestatie ligt niet binnen de toewijzing (${a.startDate} t/m ${a.endDate ?? 'open'}).`,
      `The start of the line lies outside the allocation (${a.startDate} to ${a.endDate ?? 'open'}).`,
    );
  }
  if (line.periodEnd > allocationEnd) {
    const stopped = a.status === 'beeindigd';
    return reject(
      '9308',
      'end-outside-allocation',
      stopped
        ? `De toewijzing is beëindigd per ${a.endDate}; de prestatie loopt daarna door.`
        : `De einddatum van de prestatie ligt na het einde van de toewijzing (${a.endDate}).`,
      stopped
        ? `The allocation ended on ${a.endDate}; the line runs beyond it.`
        : `The end of the line lies after the end of the allocation (${a.endDate}).`,
    );
  }
  if (a.deliveries) {
    if (a.deliveries.length === 0) {
      return reject(
        '9069',
        'no-delivery-start',
        'De aanbieder heeft de start van de zorg voor deze toewijzing nog niet gemeld.',
        'The provider has not reported the start of care for this allocation.',
      );
    }
    const inside = a.deliveries.some(
      (d) => d.startDate <= line.periodStart && (d.stopDate === null || line.periodEnd <= d.stopDate),
    );
    if (!inside) {
      const startsBefore = a.deliveries.every((d) => line.periodStart < d.startDate);
      return startsBefore
        ? reject(
            '9307',
            'outside-delivery',
            'De prestatie begint voordat de zorg volgens de startmelding begon.',
            'The line starts before care started according to the start report.',
          )
        : reject(
            '9308',
            'outside-delivery',
            'De prestatie valt (deels) buiten de gemelde levering: de zorg was gestopt.',
            'The line lies (partly) outside the reported delivery: care had stopped.',
          );
    }
  }
  if (
    line.productCategoryCode &&
    a.productCategoryCode &&
    line.productCategoryCode !== a.productCategoryCode
  ) {
    return reject(
      '9339',
      'product-category',
      `De productcategorie ${line.productCategoryCode} is niet die van de toewijzing (${a.productCategoryCode}).`,
      `Product category ${line.productCategoryCode} is not the allocated one (${a.productCategoryCode}).`,
    );
  }
  if (line.productCode && a.productCode && line.productCode !== a.productCode) {
    return reject(
      '9340',
      'product-code',
      `De productcode ${line.productCode} is niet die van de toewijzing (${a.productCode}).`,
      `Product code ${line.productCode} is not the allocated one (${a.productCode}).`,
    );
  }
  if (a.unitCode !== null && line.unitCode !== a.unitCode) {
    return reject(
      '9341',
      'unit',
      `De eenheid ${line.unitCode} past niet bij de eenheid van de toewijzing (${a.unitCode}).`,
      `Unit ${line.unitCode} does not match the allocated unit (${a.unitCode}).`,
    );
  }
  const tariff = tariffOn(
    context.tariffs.filter((t) => t.unitCode === line.unitCode),
    line.periodStart,
  );
  if (!tariff || tariff.tariffCents !== line.tariffCents) {
    return reject(
      '0611',
      'tariff',
      tariff
        ? `Het tarief € ${euroNl(line.tariffCents)} is niet het contracttarief (€ ${euroNl(tariff.tariffCents)}).`
        : `Het contract heeft geen tarief voor dit product in eenheid ${line.unitCode} op ${line.periodStart}.`,
      tariff
        ? `Tariff € ${euro(line.tariffCents)} is not the contracted tariff (€ ${euro(tariff.tariffCents)}).`
        : `The contract has no tariff for this product in unit ${line.unitCode} on ${line.periodStart}.`,
    );
  }
  if (line.unitCode !== '83' && line.amountCents !== line.volume * line.tariffCents) {
    return reject(
      '9346',
      'amount',
      `Het bedrag € ${euroNl(line.amountCents)} is niet volume × tarief (€ ${euroNl(line.volume * line.tariffCents)}).`,
      `Amount € ${euro(line.amountCents)} is not volume × tariff (€ ${euro(line.volume * line.tariffCents)}).`,
    );
  }
  if (line.reference) {
    if (context.accepted.some((l) => l.reference === line.reference)) {
      return reject(
        '8021',
        'duplicate-reference',
        `Een prestatie met referentie ${line.reference} is al eerder aangeleverd.`,
        `A line with reference ${line.reference} was delivered before.`,
      );
    }
  }
  const double = context.accepted.find((l) => overlaps(l, line));
  if (double) {
    return reject(
      '9361',
      'double-declaration',
      `Voor deze toewijzing is al een prestatie geaccepteerd die deze periode overlapt (${double.periodStart} t/m ${double.periodEnd}).`,
      `A line overlapping this period was already accepted for this allocation (${double.periodStart} to ${double.periodEnd}).`,
    );
  }
  const allowed = allowedVolume(a, line.periodStart, line.periodEnd);
  if (allowed !== null) {
    if (line.volume > allowed) {
      return reject(
        '9321',
        'volume',
        `Het volume ${line.volume} is meer dan toegewezen voor deze periode (${allowed}).`,
        `Volume ${line.volume} exceeds what was allocated for this period (${allowed}).`,
      );
    }
    if (a.frequencyCode === '6' || a.frequencyCode === null) {
      const used = context.accepted.reduce((sum, l) => sum + l.volume, 0);
      if (used + line.volume > a.volume!) {
        return reject(
          '9322',
          'volume-total',
          `Samen met eerder gedeclareerd (${used}) is het volume meer dan toegewezen (${a.volume}).`,
          `Together with what was declared before (${used}) the volume exceeds the allocation (${a.volume}).`,
        );
      }
    }
  }
  if (a.budgetCents !== null) {
    const spent = context.accepted.reduce((sum, l) => sum + l.amountCents, 0);
    if (spent + line.amountCents > a.budgetCents) {
      return reject(
        '9369',
        'budget',
        `Samen met eerder gedeclareerd (€ ${euroNl(spent)}) gaat het bedrag over het budget (€ ${euroNl(a.budgetCents)}).`,
        `Together with what was declared before (€ ${euro(spent)}) the amount exceeds the budget (€ ${euro(a.budgetCents)}).`,
      );
    }
  }
  return ACCEPTED;
}

/** Everything a batch of lines needs, loaded once (see declaration-facts.ts for the database side). */
export interface CheckFacts {
  /** By toewijzingnummer, this provider's allocations only. */
  allocations: Map<number, AllocationFacts>;
  /** By allocation id: the contracted tariffs of its contract for its product. */
  tariffs: Map<string, TariffFacts[]>;
  /** By allocation id: lines accepted before this batch. */
  accepted: Map<string, AcceptedLine[]>;
}

export interface BatchLine extends DeclarationLineInput {
  toewijzingNumber: number;
}

/**
 * Checks many lines against facts loaded once; every accepted line is added to the accepted lines of its
 * allocation, so a line repeated within the batch is rejected as a double. Not safe to share between
 * concurrent bookings: load fresh facts under the provider's lock for each batch.
 */
export class DeclarationChecker {
  readonly facts: CheckFacts;
  readonly declarationPeriod: { start: string; end: string } | undefined;

  constructor(facts: CheckFacts, declarationPeriod?: { start: string; end: string }) {
    this.facts = facts;
    this.declarationPeriod = declarationPeriod;
  }

  check(line: BatchLine): LineVerdict & { allocation: AllocationFacts | undefined } {
    const allocation = this.facts.allocations.get(line.toewijzingNumber);
    const accepted = allocation ? (this.facts.accepted.get(allocation.id) ?? []) : [];
    const verdict = checkDeclarationLine(line, {
      allocation,
      tariffs: allocation ? (this.facts.tariffs.get(allocation.id) ?? []) : [],
      accepted,
      declarationPeriod: this.declarationPeriod,
    });
    if (verdict.status === 'geaccepteerd' && allocation) {
      const list = this.facts.accepted.get(allocation.id);
      const entry: AcceptedLine = {
        periodStart: line.periodStart,
        periodEnd: line.periodEnd,
        volume: line.volume,
        amountCents: line.amountCents,
        reference: line.reference ?? null,
      };
      if (list) list.push(entry);
      else this.facts.accepted.set(allocation.id, [entry]);
    }
    return { ...verdict, allocation };
  }
}
