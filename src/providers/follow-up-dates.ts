import { localDate } from '../intake/local-date.ts';
import { invalid } from '../platform/http/problem.ts';

/**
 * Date rules shared by the follow-up of incidents and of fraud suspicions: what is recorded as happened
 * cannot lie in the future, and a follow-up action cannot come before the report it follows up.
 */
export function notInFuture(name: string, date: string): void {
  if (date > localDate())
    throw invalid([
      {
        name,
        code: 'in-future',
        reason: { nl: 'Deze datum ligt in de toekomst.', en: 'This date is in the future.' },
      },
    ]);
}

export function notBeforeReport(actionDate: string, reportedOn: string): void {
  if (actionDate < reportedOn)
    throw invalid([
      {
        name: 'body.actionDate',
        code: 'before-reported',
        reason: {
          nl: `De actie ligt voor de melding (${reportedOn}).`,
          en: `The action is before the report (${reportedOn}).`,
        },
      },
    ]);
}
