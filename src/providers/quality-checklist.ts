/**
 * The checklist before contracting, in the spirit of the barrièremodel: before a municipality contracts a
 * provider it checks who the provider is (trade register, ultimate owners), whether its directors are of
 * good conduct, whether it pays its taxes and keeps sound books, and whether it has the quality basics
 * (quality mark, complaints procedure, reporting code for domestic violence) and — where youth care is
 * contracted — registered professionals (SKJ/BIG). A contract may only become active when every required
 * item's most recent check before contracting is met ('voldaan', or 'niet-van-toepassing' where the item
 * allows it). Pure: the routes pass the checks and whether Jeugdwet products are in the contract.
 */
export const CHECK_ITEMS = [
  'kvk-uittreksel',
  'vog-bestuurders',
  'ubo-eigendom',
  'verklaring-belastingdienst',
  'jaarrekening',
  'kwaliteitskeurmerk',
  'meldcode-huiselijk-geweld',
  'klachtenregeling',
  'skj-big-registratie',
  'referenties',
  'audit',
  'steekproef-dossiers',
  'clientervaring',
] as const;
export type CheckItem = (typeof CHECK_ITEMS)[number];
export const CHECK_OUTCOMES = ['voldaan', 'niet-voldaan', 'niet-van-toepassing', 'open'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];
export const CHECK_PHASES = ['voor-contractering', 'tijdens-contract'] as const;
export type CheckPhase = (typeof CHECK_PHASES)[number];

interface ChecklistItemRule {
  item: CheckItem;
  label: { nl: string; en: string };
  /** Required for every contract, or only when the contract covers Jeugdwet products. */
  requiredWhen: 'always' | 'jeugdwet';
  /** May be met by 'niet-van-toepassing' (e.g. a new organisation has no annual accounts yet). */
  mayBeNotApplicable: boolean;
}

export const PRE_CONTRACT_CHECKLIST: readonly ChecklistItemRule[] = [
  {
    item: 'kvk-uittreksel',
    label: { nl: 'Uittreksel Handelsregister (KvK)', en: 'Trade register extract (KvK)' },
    requiredWhen: 'always',
    mayBeNotApplicable: false,
  },
  {
    item: 'ubo-eigendom',
    label: {
      nl: 'Uiteindelijk belanghebbenden (UBO) en eigendomsstructuur',
      en: 'Ultimate owners (UBO) and ownership',
    },
    requiredWhen: 'always',
    mayBeNotApplicable: false,
  },
  {
    item: 'vog-bestuurders',
    label: {
      nl: 'Verklaring omtrent het gedrag (VOG) van bestuurders',
      en: 'Certificates of conduct (VOG) of directors',
    },
    requiredWhen: 'always',
    mayBeNotApplicable: false,
  },
  {
    item: 'verklaring-belastingdienst',
    label: { nl: 'Verklaring betalingsgedrag Belastingdienst', en: 'Tax payment record (Belastingdienst)' },
    requiredWhen: 'always',
    mayBeNotApplicable: false,
  },
  {
    item: 'jaarrekening',
    label: { nl: 'Jaarrekening en financiële positie', en: 'Annual accounts and financial position' },
    requiredWhen: 'always',
    mayBeNotApplicable: true,
  },
  {
    item: 'kwaliteitskeurmerk',
    label: { nl: 'Kwaliteitskeurmerk of -systeem', en: 'Quality mark or quality system' },
    requiredWhen: 'always',
    mayBeNotApplicable: false,
  },
  {
    item: 'klachtenregeling',
    label: { nl: 'Klachtenregeling', en: 'Complaints procedure' },
    requiredWhen: 'always',
    mayBeNotApplicable: false,
  },
  {
    item: 'meldcode-huiselijk-geweld',
    label: {
      nl: 'Meldcode huiselijk geweld en kindermishandeling',
      en: 'Reporting code for domestic violence and child abuse',
    },
    requiredWhen: 'always',
    mayBeNotApplicable: false,
  },
  {
    item: 'skj-big-registratie',
    label: { nl: 'Registratie professionals (SKJ/BIG)', en: 'Registration of professionals (SKJ/BIG)' },
    requiredWhen: 'jeugdwet',
    mayBeNotApplicable: false,
  },
];

export interface RecordedCheck {
  item: CheckItem;
  phase: CheckPhase;
  outcome: CheckOutcome;
  checkedDate: string;
  /** Tie-breaker between two checks of an item on the same day: the later one counts. */
  recordedAt: string;
}

export type ChecklistState = 'voldaan' | 'niet-van-toepassing' | 'open' | 'niet-voldaan' | 'ontbreekt';

export interface ChecklistLine {
  item: CheckItem;
  label: { nl: string; en: string };
  required: boolean;
  state: ChecklistState;
  checkedDate: string | null;
  /** True when this line stops a contract from becoming active. */
  blocks: boolean;
}

/** The checklist of a provider: per item the most recent check before contracting, and what still blocks. */
export function evaluateChecklist(
  checks: readonly RecordedCheck[],
  options: { jeugdwet: boolean },
): { lines: ChecklistLine[]; complete: boolean } {
  const latest = new Map<CheckItem, RecordedCheck>();
  for (const check of checks) {
    if (check.phase !== 'voor-contractering') continue;
    const seen = latest.get(check.item);
    if (
      !seen ||
      check.checkedDate > seen.checkedDate ||
      (check.checkedDate === seen.checkedDate && check.recordedAt > seen.recordedAt)
    )
      latest.set(check.item, check);
  }
  const lines = PRE_CONTRACT_CHECKLIST.map((rule): ChecklistLine => {
    const required = rule.requiredWhen === 'always' || options.jeugdwet;
    const check = latest.get(rule.item);
    const state: ChecklistState = check ? check.outcome : 'ontbreekt';
    const met =
      state === 'voldaan' || (state === 'niet-van-toepassing' && (rule.mayBeNotApplicable || !required));
    return {
      item: rule.item,
      label: rule.label,
      required,
      state,
      checkedDate: check?.checkedDate ?? null,
      blocks: required && !met,
    };
  });
  return { lines, complete: lines.every((l) => !l.blocks) };
}
