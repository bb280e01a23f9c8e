import type { FigureDefinition } from '../view-model.ts';

/** How every figure of the money view is computed (served by /api/v1/dashboard/definitions). */
export const MONEY_DEFINITIONS: FigureDefinition[] = [
  {
    code: 'money-realisation',
    version: 1,
    name: { nl: 'Realisatie uit declaraties', en: 'Realisation from declarations' },
    description: {
      nl: 'Som van de geaccepteerde declaratieregels (bedrag), in de maand waarin hun periode begint; toewijzingen die zijn ingetrokken tellen niet mee. Wijk, buurt en leeftijdsgroep zijn die van de cliënt op de eerste dag van de regel (leeftijd op 1 januari).',
      en: 'Sum of accepted declaration lines (amount), in the month their period starts; withdrawn allocations do not count. Wijk, buurt and age group are the client’s on the first day of the line (age on 1 January).',
    },
    source:
      'declaration_line (status geaccepteerd) → toewijzing, contract, household_member/address; summary dash_money_realisation',
  },
  {
    code: 'money-clients',
    version: 1,
    name: { nl: 'Cliënten met realisatie', en: 'Clients with realisation' },
    description: {
      nl: 'Aantal verschillende cliënten met ten minste één geaccepteerde declaratieregel in de periode. Bedragen worden alleen getoond waar dit aantal de drempel haalt.',
      en: 'Number of distinct clients with at least one accepted declaration line in the period. Amounts are shown only where this number reaches the threshold.',
    },
    source: 'dash_money_client_year (months with realisation per client as a bitmask)',
  },
  {
    code: 'money-lump-sum',
    version: 1,
    name: { nl: 'Lumpsum (taakgericht)', en: 'Lump sums (taakgericht)' },
    description: {
      nl: 'Betalingen onder taakgerichte contracten, verdeeld over de dagen van hun periode. Niet toe te rekenen aan cliënten, diensten, wijken of leeftijdsgroepen; de wet is die van het eerste product van het contract.',
      en: 'Payments under taakgericht contracts, spread over the days of their period. Not attributable to clients, services, wijken or age groups; the law is that of the contract’s first product.',
    },
    source: 'contract_payment → contract, contract_product; summary dash_money_lump_sum',
  },
  {
    code: 'money-commitment',
    version: 1,
    name: { nl: 'Verplichtingen', en: 'Commitments' },
    description: {
      nl: 'De verplichting (verwachte kosten van de hele toewijzing tegen het contracttarief) van toewijzingen die in de periode ingaan; ingetrokken toewijzingen tellen niet mee.',
      en: 'The commitment (expected cost of the whole allocation at the contract tariff) of allocations starting in the period; withdrawn allocations do not count.',
    },
    source: 'toewijzing.commitment_cents; summary dash_money_commitment',
  },
  {
    code: 'money-commitment-clients',
    version: 1,
    name: { nl: 'Cliënten met een nieuwe toewijzing', en: 'Clients with a new allocation' },
    description: {
      nl: 'Aantal verschillende cliënten met een toewijzing die in de periode ingaat.',
      en: 'Number of distinct clients with an allocation starting in the period.',
    },
    source: 'dash_money_commitment',
  },
  {
    code: 'money-budget',
    version: 1,
    name: { nl: 'Begroting (lasten)', en: 'Budget (lasten)' },
    description: {
      nl: 'Lasten in de begroting van het jaar per BBV-taakveld: de begroting na wijziging waar die er is, anders de primitieve begroting; themaregels, anders de programmaregels per taakveld. Kosten vallen onder een taakveld via wet en productcategorie, zoals bij de realisatie uit kosten.',
      en: 'Lasten in the year’s budget per BBV taakveld: the amended budget where there is one, else the original; theme lines, else the programme lines per taakveld. Costs fall under a taakveld by law and product category, as in the realisation from costs.',
    },
    source: 'budget_line (side lasten, stage begroting / begroting-na-wijziging), theme',
  },
  {
    code: 'money-pro-rata-budget',
    version: 1,
    name: { nl: 'Begroting naar rato', en: 'Pro-rata budget' },
    description: {
      nl: 'Het deel van de jaarbegroting voor januari tot en met de maand: begroting × maanden / 12.',
      en: 'The part of the year’s budget for January up to and including the month: budget × months / 12.',
    },
    source: 'money-budget',
  },
  {
    code: 'money-forecast',
    version: 1,
    name: { nl: 'Prognose einde jaar', en: 'Year-end forecast' },
    description: {
      nl: 'Uitgaven (declaraties en lumpsums) van januari tot en met de laatste maand met gegevens, plus het gemiddelde van de laatste drie van die maanden voor elke maand die nog komt.',
      en: 'Spending (declarations and lump sums) from January up to the last month with data, plus the average of the last three of those months for every month still to come.',
    },
    source: 'dash_money_realisation, dash_money_lump_sum',
  },
];
