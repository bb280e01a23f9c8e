import type { Bilingual } from '../platform/http/problem.ts';
import type { OwnHelpQuestionRow } from './portal-repository.ts';

/**
 * What the resident portal says about a help question, in plain Dutch (B1) and English: the kind of
 * question, its status, the outcome of the triage and the next step, with the legal deadline where one
 * runs. Pure.
 */

const TYPES: Record<string, Bilingual> = {
  inkomen: { nl: 'Geld en inkomen', en: 'Money and income' },
  werk: { nl: 'Werk', en: 'Work' },
  schulden: { nl: 'Schulden', en: 'Debts' },
  huishouden: { nl: 'Het huishouden', en: 'Housework' },
  mobiliteit: { nl: 'Vervoer en bewegen', en: 'Getting around' },
  opvoeding: { nl: 'Opvoeden en opgroeien', en: 'Parenting and growing up' },
  psychisch: { nl: 'Hoe u zich voelt', en: 'How you feel' },
  wonen: { nl: 'Wonen', en: 'Housing' },
  eenzaamheid: { nl: 'Eenzaamheid', en: 'Loneliness' },
  mantelzorg: { nl: 'Mantelzorg', en: 'Informal care' },
  veiligheid: { nl: 'Veiligheid thuis', en: 'Safety at home' },
  gezondheid: { nl: 'Gezondheid', en: 'Health' },
  verslaving: { nl: 'Alcohol, drugs of gokken', en: 'Alcohol, drugs or gambling' },
  dagbesteding: { nl: 'Iets te doen overdag', en: 'Something to do during the day' },
  zelfzorg: { nl: 'Uzelf verzorgen', en: 'Looking after yourself' },
  onderwijs: { nl: 'School of opleiding', en: 'School or education' },
};

const OUTCOMES: Record<string, Bilingual> = {
  'informatie-advies': {
    nl: 'U heeft informatie en advies gekregen.',
    en: 'You were given information and advice.',
  },
  'verwijzing-algemene-voorziening': {
    nl: 'We hebben u doorverwezen naar hulp bij u in de buurt, waarvoor u geen aanvraag hoeft te doen.',
    en: 'We referred you to help near you, for which you do not need to apply.',
  },
  melding: {
    nl: 'Uw vraag is een melding geworden. We zoeken samen met u uit welke hulp nodig is.',
    en: 'Your question became a formal request (melding). Together with you we find out what help is needed.',
  },
  urgent: {
    nl: 'Uw vraag heeft voorrang.',
    en: 'Your question has priority.',
  },
};

const STATUS: Record<OwnHelpQuestionRow['status'], Bilingual> = {
  open: { nl: 'In behandeling', en: 'In progress' },
  afgesloten: { nl: 'Afgerond', en: 'Completed' },
};

const NL_DATE = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const EN_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** 2026-03-12 → "12 maart 2026" / "12 March 2026". */
export function spokenDate(date: string): Bilingual {
  const moment = new Date(`${date}T00:00:00Z`);
  return { nl: NL_DATE.format(moment), en: EN_DATE.format(moment) };
}

export function typeLabel(code: string): Bilingual {
  return TYPES[code] ?? { nl: code, en: code };
}

export function statusLabel(status: OwnHelpQuestionRow['status']): Bilingual {
  return STATUS[status];
}

export function outcomeLabel(outcome: string | null): Bilingual | null {
  return outcome === null ? null : (OUTCOMES[outcome] ?? { nl: outcome, en: outcome });
}

/** The next step for the resident, and the date it is due by where a legal deadline runs. */
export function nextStep(q: OwnHelpQuestionRow): { text: Bilingual; dueDate: string | null } {
  const newQuestion = {
    nl: 'U hoeft niets meer te doen. Heeft u een nieuwe vraag? Neem dan contact met ons op.',
    en: 'There is nothing more you need to do. Do you have a new question? Then please contact us.',
  };
  if (q.melding_status !== null) {
    if (q.melding_status === 'besloten') {
      return {
        text: {
          nl: 'Wij hebben een besluit genomen. U krijgt of kreeg dat besluit in een brief. Bent u het er niet mee eens? In de brief staat wat u kunt doen.',
          en: 'We have made a decision. You will receive, or have received, it in a letter. Do you disagree? The letter says what you can do.',
        },
        dueDate: null,
      };
    }
    if (q.melding_status === 'ingetrokken') {
      return {
        text: {
          nl: 'De melding is gestopt. ' + newQuestion.nl,
          en: 'The request was withdrawn. ' + newQuestion.en,
        },
        dueDate: null,
      };
    }
    if (q.melding_status === 'aanvraag' && q.decision_due_on) {
      const due = spokenDate(q.decision_due_on);
      return {
        text: {
          nl: `U heeft een aanvraag gedaan. U krijgt uiterlijk ${due.nl} een besluit van ons.`,
          en: `You have applied. You will receive our decision by ${due.en} at the latest.`,
        },
        dueDate: q.decision_due_on,
      };
    }
    const visit = q.home_visit_planned_on ? spokenDate(q.home_visit_planned_on) : null;
    const visitText = visit
      ? {
          nl: ` We komen op ${visit.nl} bij u thuis voor een gesprek.`,
          en: ` We will visit you at home on ${visit.en}.`,
        }
      : { nl: '', en: '' };
    const due = q.investigation_due_on ?? q.decision_due_on;
    if (due) {
      const when = spokenDate(due);
      const decision = q.investigation_due_on === null;
      return {
        text: {
          nl: `We praten met u over uw situatie en zoeken uit welke hulp past.${visitText.nl} ${decision ? 'U krijgt uiterlijk' : 'U hoort uiterlijk'} ${when.nl} ${decision ? 'een besluit van ons' : 'wat de uitkomst is'}.`,
          en: `We talk with you about your situation and find out what help fits.${visitText.en} ${decision ? 'You will receive our decision' : 'You will hear the outcome'} by ${when.en} at the latest.`,
        },
        dueDate: due,
      };
    }
    return {
      text: {
        nl: `We praten met u over uw situatie en zoeken uit welke hulp past.${visitText.nl}`,
        en: `We talk with you about your situation and find out what help fits.${visitText.en}`,
      },
      dueDate: null,
    };
  }
  switch (q.outcome) {
    case 'informatie-advies':
      return { text: newQuestion, dueDate: null };
    case 'verwijzing-algemene-voorziening':
      return {
        text: {
          nl: 'Neem contact op met de plek waar wij u naar hebben verwezen. Lukt dat niet? Laat het ons weten.',
          en: 'Please contact the place we referred you to. If that does not work out, let us know.',
        },
        dueDate: null,
      };
    case 'urgent':
      return {
        text: {
          nl: 'Een medewerker neemt zo snel mogelijk contact met u op. Bij direct gevaar: bel 112.',
          en: 'A staff member will contact you as soon as possible. In immediate danger: call 112.',
        },
        dueDate: null,
      };
  }
  if (q.status === 'afgesloten') return { text: newQuestion, dueDate: null };
  return {
    text: {
      nl: 'We hebben uw vraag ontvangen. Een medewerker neemt contact met u op om erover te praten.',
      en: 'We have received your question. A staff member will contact you to talk about it.',
    },
    dueDate: null,
  };
}
