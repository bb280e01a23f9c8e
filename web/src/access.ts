import type { Role } from './api.ts';

/**
 * Which roles see which part of the app. This mirrors the permission table of the API
 * (src/access/actions.ts); the API stays the one that decides.
 */
export const CASEWORK_ROLES: Role[] = ['toegang-medewerker', 'wijkteam-medewerker', 'regisseur'];
export const PERSON_EDIT_ROLES: Role[] = ['toegang-medewerker', 'wijkteam-medewerker'];
export const USER_ADMIN_ROLES: Role[] = ['functioneel-beheerder'];
export const PRIVACY_ROLES: Role[] = ['privacy-officer'];

/** Roles whose part of Grip is not built yet: their home page says so. */
export const NOT_YET_BUILT: Role[] = ['beleidsadviseur', 'aanbieder', 'inwoner'];

export type NavKey = 'home' | 'persons' | 'users' | 'processingLog';

export const NAV_ITEMS: { key: NavKey; path: string; roles: Role[] | 'all' }[] = [
  { key: 'home', path: '/', roles: 'all' },
  { key: 'persons', path: '/inwoners', roles: CASEWORK_ROLES },
  { key: 'users', path: '/gebruikers', roles: USER_ADMIN_ROLES },
  { key: 'processingLog', path: '/verwerkingslog', roles: PRIVACY_ROLES },
];
