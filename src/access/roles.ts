/** The roles of DESIGN.md §2. Each is held in one municipality, optionally scoped to a team or wijk. */
export const ROLES = [
  'toegang-medewerker',
  'wijkteam-medewerker',
  'regisseur',
  'beleidsadviseur',
  'functioneel-beheerder',
  'privacy-officer',
  'aanbieder',
  'inwoner',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS: Record<Role, { nl: string; en: string }> = {
  'toegang-medewerker': { nl: 'Medewerker toegang', en: 'Access officer' },
  'wijkteam-medewerker': { nl: 'Medewerker wijkteam', en: 'Neighbourhood team worker' },
  regisseur: { nl: 'Regisseur', en: 'Case director' },
  beleidsadviseur: { nl: 'Beleidsadviseur / controller', en: 'Policy adviser / controller' },
  'functioneel-beheerder': { nl: 'Functioneel beheerder', en: 'Application manager' },
  'privacy-officer': { nl: 'Privacy officer', en: 'Privacy officer' },
  aanbieder: { nl: 'Zorgaanbieder', en: 'Care provider' },
  inwoner: { nl: 'Inwoner', en: 'Resident' },
};

export interface RoleAssignment {
  role: Role;
  teamId: string | null;
  wijkCode: string | null;
}
