import type { Role } from './roles.ts';

/** Purposes and legal grounds of the processing log, shared by the action tables of every context. */

export const CASEWORK: readonly Role[] = ['toegang-medewerker', 'wijkteam-medewerker', 'regisseur'];

export const PURPOSE_CASEWORK = 'uitvoering-sociaal-domein';
export const GROUND_CASEWORK =
  'AVG art. 6 lid 1 sub e; Wmo 2015 art. 5.1.1, Jeugdwet art. 7.4.0, Participatiewet art. 64';
export const PURPOSE_ACCOUNTS = 'beheer-gebruikers';
export const GROUND_ACCOUNTS = 'AVG art. 6 lid 1 sub e (goede taakuitoefening: autorisatiebeheer)';
export const PURPOSE_SUPERVISION = 'toezicht-verwerkingen';
export const GROUND_SUPERVISION = 'AVG art. 5 lid 2 en art. 39 (verantwoordingsplicht, toezicht FG)';
// The resident's own online intake, portal and the registration report (intake-online-portal-report).
export const PURPOSE_OWN_APPLICATION = 'hulpvraag-inwoner';
export const GROUND_OWN_APPLICATION =
  'AVG art. 6 lid 1 sub e; Wmo 2015 art. 2.3.2, Jeugdwet art. 2.3, Participatiewet art. 43 (hulpvraag of melding van de inwoner zelf)';
export const PURPOSE_OWN_ACCESS = 'inzage-inwoner';
export const GROUND_OWN_ACCESS =
  'AVG art. 6 lid 1 sub e en art. 15 (inzage van de inwoner in de eigen gegevens)';
// Break the glass: a professional not involved in a household opens its plan in an emergency (plans).
export const PURPOSE_BREAK_GLASS = 'doorbraak-noodsituatie';
export const GROUND_BREAK_GLASS =
  'AVG art. 6 lid 1 sub d en e en art. 9 lid 2 sub c (vitaal belang in een noodsituatie; Wmo 2015 art. 5.1.1, Jeugdwet art. 7.4.0)';
