import type { Bilingual, InvalidParam } from '../platform/http/problem.ts';
import type { LawCode } from './legal-clocks.ts';
import { daysBetween } from './legal-clocks.ts';

/**
 * Triage rules (pure): what an outcome needs and what it does.
 *
 * - informatie-advies: nothing else; closes the question.
 * - verwijzing-algemene-voorziening: `referredServiceId` of an active algemene voorziening of the same
 *   municipality; closes the question.
 * - melding: `lawCode`, and a resident on the question; creates a melding with its legal clocks. The
 *   question stays open. A first melding of the resident (a first intake for support) plans a home visit:
 *   `homeVisitDate` is then required.
 * - urgent: `urgentReason`; the question stays open and shows a flag.
 *
 * Fields that do not belong to the outcome are refused rather than ignored. A home visit date lies
 * between today and a year from now, and only goes with melding or urgent.
 */

export const TRIAGE_OUTCOMES = [
  'informatie-advies',
  'verwijzing-algemene-voorziening',
  'melding',
  'urgent',
] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

export const URGENT_REASONS = ['onveilige-situatie', 'veilig-thuis', 'dakloosheid', 'acute-crisis'] as const;
export type UrgentReason = (typeof URGENT_REASONS)[number];

export interface TriageInput {
  outcome: TriageOutcome;
  referredServiceId?: string | null;
  lawCode?: LawCode | null;
  urgentReason?: UrgentReason | null;
  homeVisitDate?: string | null;
}

export interface TriageContext {
  today: string;
  /** The question has a resident (not an anonymous information question). */
  hasPerson: boolean;
  /** The resident has had a melding before (under any law). */
  personHadMelding: boolean;
  /** The referred service as found in the caller's municipality (undefined: not found there). */
  referredService?: { kind: 'algemeen' | 'maatwerk'; active: boolean };
}

export interface TriageEffects {
  closesQuestion: boolean;
  melding: { lawCode: LawCode } | null;
  urgentReason: UrgentReason | null;
  referredServiceId: string | null;
  homeVisitPlannedOn: string | null;
}

const notForOutcome = (name: string): InvalidParam => ({
  name,
  code: 'not-for-outcome',
  reason: {
    nl: 'Dit veld hoort niet bij deze uitkomst; laat het weg.',
    en: 'This field does not belong to this outcome; leave it out.',
  },
});
const required = (name: string, reason: Bilingual): InvalidParam => ({ name, code: 'required', reason });

export function decideTriage(
  input: TriageInput,
  context: TriageContext,
): { errors: InvalidParam[]; effects: TriageEffects | null } {
  const errors: InvalidParam[] = [];
  const { outcome } = input;
  const given = (value: unknown) => value !== undefined && value !== null;

  if (outcome !== 'verwijzing-algemene-voorziening' && given(input.referredServiceId)) {
    errors.push(notForOutcome('referredServiceId'));
  }
  if (outcome !== 'melding' && given(input.lawCode)) errors.push(notForOutcome('lawCode'));
  if (outcome !== 'urgent' && given(input.urgentReason)) errors.push(notForOutcome('urgentReason'));
  if (
    (outcome === 'informatie-advies' || outcome === 'verwijzing-algemene-voorziening') &&
    given(input.homeVisitDate)
  ) {
    errors.push(notForOutcome('homeVisitDate'));
  }

  if (outcome === 'verwijzing-algemene-voorziening') {
    if (!given(input.referredServiceId)) {
      errors.push(
        required('referredServiceId', {
          nl: 'Kies de algemene voorziening waarnaar u verwijst.',
          en: 'Choose the algemene voorziening you refer to.',
        }),
      );
    } else if (!context.referredService) {
      errors.push({
        name: 'referredServiceId',
        code: 'unknown-service',
        reason: {
          nl: 'Deze voorziening bestaat niet in deze gemeente.',
          en: 'This service does not exist in this municipality.',
        },
      });
    } else if (context.referredService.kind !== 'algemeen') {
      errors.push({
        name: 'referredServiceId',
        code: 'not-algemeen',
        reason: {
          nl: 'Dit is een maatwerkvoorziening; daarvoor is een melding nodig. Verwijs naar een algemene voorziening.',
          en: 'This is a maatwerkvoorziening, which needs a melding. Refer to an algemene voorziening.',
        },
      });
    } else if (!context.referredService.active) {
      errors.push({
        name: 'referredServiceId',
        code: 'inactive-service',
        reason: {
          nl: 'Deze voorziening wordt niet meer aangeboden.',
          en: 'This service is no longer offered.',
        },
      });
    }
  }

  if (outcome === 'melding') {
    if (!given(input.lawCode)) {
      errors.push(
        required('lawCode', {
          nl: 'Kies de wet waaronder de melding valt.',
          en: 'Choose the law the melding falls under.',
        }),
      );
    }
    if (!context.hasPerson) {
      errors.push({
        name: 'outcome',
        code: 'person-required',
        reason: {
          nl: 'Een melding gaat over een inwoner; deze vraag is anoniem geregistreerd.',
          en: 'A melding is about a resident; this question was registered anonymously.',
        },
      });
    } else if (!context.personHadMelding && !given(input.homeVisitDate)) {
      errors.push(
        required('homeVisitDate', {
          nl: 'Dit is de eerste melding van deze inwoner: plan een huisbezoek.',
          en: "This is the resident's first melding: plan a home visit.",
        }),
      );
    }
  }

  if (outcome === 'urgent' && !given(input.urgentReason)) {
    errors.push(
      required('urgentReason', {
        nl: 'Geef aan waarom de vraag spoed heeft.',
        en: 'Say why the question is urgent.',
      }),
    );
  }

  if (given(input.homeVisitDate) && (outcome === 'melding' || outcome === 'urgent')) {
    const days = daysBetween(context.today, input.homeVisitDate!);
    if (days < 0 || days > 366) {
      errors.push({
        name: 'homeVisitDate',
        code: 'out-of-range',
        reason: {
          nl: 'Het huisbezoek ligt tussen vandaag en een jaar vanaf nu.',
          en: 'The home visit lies between today and a year from now.',
        },
      });
    }
  }

  if (errors.length > 0) return { errors, effects: null };
  return {
    errors,
    effects: {
      closesQuestion: outcome === 'informatie-advies' || outcome === 'verwijzing-algemene-voorziening',
      melding: outcome === 'melding' ? { lawCode: input.lawCode! } : null,
      urgentReason: outcome === 'urgent' ? input.urgentReason! : null,
      referredServiceId: outcome === 'verwijzing-algemene-voorziening' ? input.referredServiceId! : null,
      homeVisitPlannedOn: input.homeVisitDate ?? null,
    },
  };
}
