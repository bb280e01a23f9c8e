/**
 * Checks a changed plan against what the plan and the municipality hold (pure: the facts are looked up
 * first, see plans-repository.ts). Every problem is reported at once, per field, so nothing is written
 * until the whole plan is right.
 */
import type { InvalidParam } from '../platform/http/problem.ts';
import type { PlanUpdate } from './plan-schemas.ts';

export interface PlanUpdateFacts {
  today: string;
  goals: Map<string, { targetDate: string }>;
  /** action id → goal id, for the actions of this plan. */
  actions: Map<string, { goalId: string; status: string }>;
  professionalIds: Set<string>;
  participantIds: Set<string>;
  lifeDomains: Set<string>;
  /** The services named in the input that exist in the caller's municipality. */
  services: Map<string, { kind: string; lawCode: string }>;
  /** The allocations named in the input, of this municipality. */
  toewijzingen: Map<string, { personId: string; serviceId: string }>;
  /** Users named in the input that exist in the municipality, and whether they hold a casework role. */
  users: Map<string, { casework: boolean }>;
}

const param = (name: string, code: string, nl: string, en: string): InvalidParam => ({
  name,
  code,
  reason: { nl, en },
});

export function validatePlanUpdate(input: PlanUpdate, facts: PlanUpdateFacts): InvalidParam[] {
  const problems: InvalidParam[] = [];
  const { today } = facts;

  if (input.regisseurUserId) {
    const user = facts.users.get(input.regisseurUserId);
    if (!user) {
      problems.push(
        param('regisseurUserId', 'unknown', 'Deze medewerker bestaat niet.', 'This user does not exist.'),
      );
    } else if (!user.casework) {
      problems.push(
        param(
          'regisseurUserId',
          'not-casework',
          'De regisseur moet een medewerker toegang, wijkteam of regisseur zijn.',
          'The regisseur must hold a casework role (toegang, wijkteam or regisseur).',
        ),
      );
    }
  }
  if (input.contactPersonId && !facts.participantIds.has(input.contactPersonId)) {
    problems.push(
      param(
        'contactPersonId',
        'not-participant',
        'De contactpersoon moet een deelnemer aan het plan zijn.',
        'The contact person must be a participant in the plan.',
      ),
    );
  }

  const professionalIds = new Set<string>();
  input.professionals.forEach((p, i) => {
    const at = `professionals.${i}`;
    if (p.id !== undefined) {
      if (!facts.professionalIds.has(p.id)) {
        problems.push(
          param(
            `${at}.id`,
            'unknown',
            'Deze professional hoort niet bij dit plan.',
            'This professional is not in this plan.',
          ),
        );
      } else if (professionalIds.has(p.id)) {
        problems.push(
          param(
            `${at}.id`,
            'duplicate',
            'Deze professional staat er twee keer in.',
            'This professional is listed twice.',
          ),
        );
      }
      professionalIds.add(p.id);
    }
    if (p.userId && !facts.users.has(p.userId)) {
      problems.push(
        param(`${at}.userId`, 'unknown', 'Deze medewerker bestaat niet.', 'This user does not exist.'),
      );
    }
    if (p.involvedUntil && p.involvedUntil < p.involvedFrom) {
      problems.push(
        param(
          `${at}.involvedUntil`,
          'before-start',
          'De betrokkenheid eindigt op of na de begindatum.',
          'Involvement ends on or after it starts.',
        ),
      );
    }
  });

  const goalIds = new Set<string>();
  const actionIds = new Set<string>();
  input.goals.forEach((g, i) => {
    const at = `goals.${i}`;
    const existing = g.id === undefined ? undefined : facts.goals.get(g.id);
    if (g.id !== undefined) {
      if (!existing) {
        problems.push(
          param(`${at}.id`, 'unknown', 'Dit doel hoort niet bij dit plan.', 'This goal is not in this plan.'),
        );
      } else if (goalIds.has(g.id)) {
        problems.push(
          param(`${at}.id`, 'duplicate', 'Dit doel staat er twee keer in.', 'This goal is listed twice.'),
        );
      }
      goalIds.add(g.id);
    }
    if ((!existing || existing.targetDate !== g.targetDate) && g.targetDate < today) {
      problems.push(
        param(
          `${at}.targetDate`,
          'in-the-past',
          'De streefdatum van een nieuw of verschoven doel ligt niet in het verleden.',
          'The target date of a new or moved goal is not in the past.',
        ),
      );
    }
    if (g.lifeDomainCode && !facts.lifeDomains.has(g.lifeDomainCode)) {
      problems.push(
        param(
          `${at}.lifeDomainCode`,
          'unknown',
          'Dit leefgebied bestaat niet.',
          'This life domain does not exist.',
        ),
      );
    }
    if (g.ownerPersonId && !facts.participantIds.has(g.ownerPersonId)) {
      problems.push(
        param(
          `${at}.ownerPersonId`,
          'not-participant',
          'Wie aan een doel werkt, is een deelnemer aan het plan.',
          'The owner of a goal must be a participant in the plan.',
        ),
      );
    }
    if (g.ownerProfessionalId) {
      if (!input.professionals.some((p) => p.id === g.ownerProfessionalId)) {
        problems.push(
          param(
            `${at}.ownerProfessionalId`,
            'not-in-plan',
            'Deze professional staat niet bij de betrokken professionals van het plan.',
            'This professional is not among the professionals of the plan.',
          ),
        );
      }
    } else if (g.ownerKind === 'professional') {
      problems.push(
        param(
          `${at}.ownerProfessionalId`,
          'required',
          'Kies de professional die aan dit doel werkt.',
          'Choose the professional who works on this goal.',
        ),
      );
    }

    g.actions.forEach((a, j) => {
      const aat = `${at}.actions.${j}`;
      if (a.id !== undefined) {
        if (!facts.actions.has(a.id)) {
          problems.push(
            param(
              `${aat}.id`,
              'unknown',
              'Deze afspraak hoort niet bij dit plan.',
              'This action is not in this plan.',
            ),
          );
        } else if (actionIds.has(a.id)) {
          problems.push(
            param(
              `${aat}.id`,
              'duplicate',
              'Deze afspraak staat er twee keer in.',
              'This action is listed twice.',
            ),
          );
        }
        actionIds.add(a.id);
      }
      if (a.status === 'gedaan' && !a.doneOn) {
        problems.push(
          param(
            `${aat}.doneOn`,
            'required',
            'Vul in wanneer de afspraak gedaan is.',
            'Fill in when the action was done.',
          ),
        );
      }
      if (a.doneOn && a.status !== undefined && a.status !== 'gedaan') {
        problems.push(
          param(
            `${aat}.doneOn`,
            'not-done',
            'Alleen een gedane afspraak heeft een datum gedaan.',
            'Only a done action has a done date.',
          ),
        );
      }
      if (a.doneOn && a.doneOn > today) {
        problems.push(
          param(
            `${aat}.doneOn`,
            'in-the-future',
            'Deze datum ligt in de toekomst.',
            'This date lies in the future.',
          ),
        );
      }
    });

    const serviceIds = new Set<string>();
    g.services.forEach((s, k) => {
      const sat = `${at}.services.${k}`;
      if (!facts.services.has(s.serviceId)) {
        problems.push(
          param(
            `${sat}.serviceId`,
            'unknown',
            'Deze voorziening bestaat niet in deze gemeente.',
            'This service does not exist in this municipality.',
          ),
        );
      }
      if (serviceIds.has(s.serviceId)) {
        problems.push(
          param(
            `${sat}.serviceId`,
            'duplicate',
            'Deze voorziening staat er twee keer in.',
            'This service is listed twice.',
          ),
        );
      }
      serviceIds.add(s.serviceId);
      if (s.toewijzingId) {
        const t = facts.toewijzingen.get(s.toewijzingId);
        if (!t || t.serviceId !== s.serviceId || !facts.participantIds.has(t.personId)) {
          problems.push(
            param(
              `${sat}.toewijzingId`,
              'unknown',
              'Deze toewijzing is niet van deze voorziening voor een deelnemer aan het plan.',
              'This allocation is not of this service for a participant in the plan.',
            ),
          );
        }
      }
    });
  });
  return problems;
}
