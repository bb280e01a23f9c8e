import type { FigureDefinition } from '../view-model.ts';

/** How every figure of the volumes view is computed (served by /api/v1/dashboard/definitions). */

const SUPPORT_NL =
  'Ondersteuning is een toewijzing (niet ingetrokken) van begin- tot (geplande) einddatum, of een toegekend beschikt product van een maatwerkvoorziening die de gemeente zelf verstrekt (zonder uitvoeringsvariant en zonder toewijzing, zoals bijstand).';
const SUPPORT_EN =
  'Support is an allocation (toewijzing, not withdrawn) from its start to its (planned) end date, or a granted product of a decision for an individually granted service the municipality provides itself (no funding variant and no allocation, such as bijstand).';
const AREA_NL =
  'Wijk en buurt: het adres van het huishouden waartoe de cliënt in die maand behoorde; leeftijd op 1 januari.';
const AREA_EN =
  'Wijk and buurt: the address of the household the client belonged to in that month; age on 1 January.';
const CLIENT_SOURCE =
  'dash_client_year from toewijzing, beschikking_product (+ service.funding_variant IS NULL), triage.referred_service_id, household_member → household → address → buurt';

export const VOLUMES_DEFINITIONS: FigureDefinition[] = [
  {
    code: 'volumes.unieke-clienten',
    version: 1,
    name: { nl: 'Unieke cliënten', en: 'Unique clients' },
    description: {
      nl: `Aantal verschillende personen met maatwerkondersteuning op ten minste één dag in de periode. ${SUPPORT_NL} Wie meer voorzieningen of wetten heeft, telt per rij één keer. ${AREA_NL} Voor de Wmo en een kalenderjaar gelijk aan de indicator 'Unieke cliënten met een Wmo-voorziening'.`,
      en: `Number of distinct persons with individually granted support on at least one day in the period. ${SUPPORT_EN} A person with several services or laws counts once per row. ${AREA_EN} For the Wmo and a calendar year equal to the indicator 'Unique Wmo clients'.`,
    },
    source: CLIENT_SOURCE,
    indicatorCode: 'wmo-unieke-clienten',
  },
  {
    code: 'volumes.clienten-per-voorziening',
    version: 1,
    name: { nl: 'Cliënten per voorziening', en: 'Clients by service' },
    description: {
      nl: `Maatwerk: verschillende personen met ondersteuning van die voorziening in de periode (${SUPPORT_NL}). Algemene voorzieningen: verschillende personen die bij de triage van een hulpvraag in de periode naar die voorziening zijn verwezen (alleen hulpvragen met een persoon).`,
      en: `Individually granted: distinct persons with support of that service in the period (${SUPPORT_EN}). General services: distinct persons referred to that service at the triage of a help question received in the period (help questions with a person only).`,
    },
    source: CLIENT_SOURCE,
  },
  {
    code: 'volumes.clienten-per-aanbieder',
    version: 1,
    name: { nl: 'Cliënten per aanbieder', en: 'Clients by provider' },
    description: {
      nl: 'Verschillende personen met een toewijzing aan de aanbieder die in de periode liep. Bijstand en verwijzingen naar algemene voorzieningen hebben geen aanbieder.',
      en: 'Distinct persons with an allocation to the provider running in the period. Bijstand and referrals to general services have no provider.',
    },
    source: 'dash_client_year.provider_id from toewijzing.provider_id',
  },
  {
    code: 'volumes.clienten-per-gebied',
    version: 1,
    name: { nl: 'Cliënten per wijk en buurt', en: 'Clients by wijk and buurt' },
    description: {
      nl: `Unieke cliënten (maatwerk) naar de wijk of buurt van hun adres. ${AREA_NL} Wie in de periode verhuisde, telt in beide gebieden.`,
      en: `Unique clients (individually granted support) by the wijk or buurt of their address. ${AREA_EN} A client who moved in the period counts in both areas.`,
    },
    source: CLIENT_SOURCE,
  },
  {
    code: 'volumes.clienten-per-leeftijd',
    version: 1,
    name: { nl: 'Cliënten per leeftijdsgroep', en: 'Clients by age group' },
    description: {
      nl: 'Unieke cliënten (maatwerk) naar leeftijd op 1 januari van het jaar; over meer jaren kan iemand in twee groepen vallen.',
      en: 'Unique clients (individually granted support) by age on 1 January of the year; over several years a person can fall in two groups.',
    },
    source: 'dash_client_year.age_group from person.birth_date',
  },
  {
    code: 'volumes.actieve-clienten-per-maand',
    version: 1,
    name: { nl: 'Actieve cliënten per maand', en: 'Active clients per month' },
    description: {
      nl: `Per maand en wet: verschillende personen met maatwerkondersteuning op ten minste één dag van de maand. ${SUPPORT_NL}`,
      en: `Per month and law: distinct persons with individually granted support on at least one day of the month. ${SUPPORT_EN}`,
    },
    source: 'dash_client_year.months (bits 1..12)',
  },
  {
    code: 'volumes.instroom',
    version: 1,
    name: { nl: 'Instroom', en: 'Inflow' },
    description: {
      nl: 'Personen met maatwerkondersteuning (binnen de gekozen filters) in de maand en niet in de maand ervoor. Over de periode: verschillende personen met instroom in een maand van de periode.',
      en: 'Persons with individually granted support (within the chosen filters) in the month and not in the month before. Over the period: distinct persons with an inflow in a month of the period.',
    },
    source: 'dash_client_year.months (bit 0 = December of the year before)',
  },
  {
    code: 'volumes.uitstroom',
    version: 1,
    name: { nl: 'Uitstroom', en: 'Outflow' },
    description: {
      nl: 'Personen met maatwerkondersteuning (binnen de gekozen filters) in de maand en niet in de maand erna; ondersteuning die doorloopt na de laatste gegevens (geplande einddatum) is geen uitstroom.',
      en: 'Persons with individually granted support (within the chosen filters) in the month and not in the month after; support that runs on past the latest data (planned end date) is no outflow.',
    },
    source: 'dash_client_year.months (bit 13 = January of the year after)',
  },
  {
    code: 'volumes.verwezen-algemeen',
    version: 1,
    name: { nl: 'Verwezen naar algemene voorzieningen', en: 'Referred to general services' },
    description: {
      nl: 'Verschillende personen die bij de triage van een hulpvraag in de periode naar een algemene voorziening zijn verwezen (alleen hulpvragen met een persoon).',
      en: 'Distinct persons referred to a general service at the triage of a help question received in the period (help questions with a person only).',
    },
    source: 'dash_client_year (service_kind = algemeen) from triage.referred_service_id',
  },
  {
    code: 'volumes.meldingen',
    version: 1,
    name: { nl: 'Meldingen', en: 'Meldingen' },
    description: {
      nl: 'Aantal meldingen met een meldingsdatum in de periode, naar de wet van de melding; wijk en buurt van het adres op de meldingsdatum.',
      en: 'Number of meldingen with a melding date in the period, by the law of the melding; wijk and buurt of the address on the melding date.',
    },
    source: 'dash_legal_melding from melding',
  },
  {
    code: 'volumes.besluiten',
    version: 1,
    name: { nl: 'Besluiten', en: 'Decisions' },
    description: {
      nl: 'Aantal beschikkingen met een besluitdatum in de periode, naar uitkomst (toegekend, gedeeltelijk toegekend, afgewezen); wijk en buurt van het adres op de besluitdatum.',
      en: 'Number of decisions (beschikkingen) dated in the period, by outcome (granted, partly granted, refused); wijk and buurt of the address on the decision date.',
    },
    source: 'dash_legal_decision from beschikking',
  },
  {
    code: 'volumes.besluiten-binnen-termijn',
    version: 1,
    name: { nl: '% besluiten binnen de wettelijke termijn', en: '% of decisions within the legal term' },
    description: {
      nl: 'Van de beschikkingen op een melding met een wettelijke beslisdatum, genomen in de periode: het percentage genomen op of vóór die datum (Wmo: 2 weken na de aanvraag, die binnen 6 weken na de melding hoort; Jeugdwet en Participatiewet: 8 weken na de melding; opschorting telt mee). Noemer: die beschikkingen.',
      en: 'Of the decisions on a melding with a legal decision date, taken in the period: the percentage taken on or before that date (Wmo: 2 weeks after the application, which is due within 6 weeks of the melding; Jeugdwet and Participatiewet: 8 weeks after the melding; suspension included). Denominator: those decisions.',
    },
    source: 'dash_legal_decision (decided_on, melding.decision_due_on)',
    indicatorCode: 'beschikkingen-binnen-termijn',
  },
  {
    code: 'volumes.mediaan-dagen-melding-besluit',
    version: 1,
    name: { nl: 'Mediaan dagen melding → besluit', en: 'Median days melding → decision' },
    description: {
      nl: 'De mediaan (met interpolatie) van het aantal kalenderdagen tussen melding en beschikking, over de beschikkingen met een melding die in de periode zijn genomen; één decimaal.',
      en: 'The median (interpolated) number of calendar days between melding and decision, over the decisions on a melding taken in the period; one decimal.',
    },
    source: 'dash_legal_decision (decided_on - melded_on)',
    indicatorCode: 'mediaan-dagen-melding-besluit',
  },
  {
    code: 'volumes.meldingen-over-termijn',
    version: 1,
    name: { nl: 'Open meldingen over de termijn', en: 'Open meldingen past their term' },
    description: {
      nl: 'Meldingen die op de laatste dag van de periode nog open waren en waarvan de lopende termijn (de beslistermijn zodra die loopt, anders de onderzoekstermijn) vóór die dag verstreek.',
      en: 'Meldingen still open on the last day of the period whose running term (the decision term once it runs, else the investigation term) passed before that day.',
    },
    source: 'dash_legal_melding (closed_on, aanvraag_on, investigation_due_on, decision_due_on)',
  },
];
