import type { Tx } from '../platform/db/database.ts';
import { parseBudget, readCsv } from '../steering/budget-import.ts';
import { writeBudgetImport } from '../steering/budget-repository.ts';

/**
 * Steering demo content (issue 7), typed from published documents (facts and figures only):
 * - Enschede (GM0153): programme 3.1 Maatschappelijke ondersteuning of the Programmabegroting 2015 — the
 *   budget 2015 by its nine products and the multi-year table 2014–2018 with reserves, imported through the
 *   same import as a user's file;
 * - Hengelo (GM0164): the societal goals and proposed indicators of appendix IV of the Beleidsprogramma
 *   sociaal 2021–2025 (programme 6), with baselines and sources, and the beleidsindicatoren of the
 *   begroting 2018 (programme 3 Welzijn en Zorg), the Wmo client count as a computed indicator;
 * - Dinkelland (GM1774) is not a demo municipality: its IST/SOLL goals of the ambition "Inclusieve
 *   samenleving" and the €450,000 transformation budget with its items are shown in Hengelo as a programme
 *   marked "voorbeeld Dinkelland".
 * Idempotent: a programme whose code exists is left alone.
 */

const ENSCHEDE_THEMES_2015 = `Thema;Soort;Begroting 2015
Versterken burgerkracht;Lasten;17.419
Versterken burgerkracht;Baten;221
Specialistische jeugdhulp;Lasten;27.556
Jeugdhulp gedwongen kader;Lasten;15.499
Lichte ondersteuning en regie;Lasten;18.102
Lichte ondersteuning en regie;Baten;45
WMO begeleiding;Lasten;17.975
WMO individuele voorzieningen;Lasten;23.633
WMO individuele voorzieningen;Baten;3.144
Beschermd wonen;Lasten;36.118
Opvangvoorzieningen;Lasten;15.527
Opvangvoorzieningen;Baten;693
Inkomensondersteuning;Lasten;12.076
Inkomensondersteuning;Baten;884
`;

const ENSCHEDE_MULTI_YEAR = `Maatschappelijke ondersteuning (bedragen x 1.000 euro);Begroting 2014;Begroting 2015;Raming 2016;Raming 2017;Raming 2018
Lasten;84.626;183.905;182.956;182.276;181.589
Baten;5.934;4.987;4.987;4.987;4.987
Saldo van baten en lasten;78.693;178.918;177.969;177.289;176.602
Storting reserves;169;207;208;253;269
Onttrekking reserves;2.814;676;142;117;111
Resultaat;76.048;178.450;178.034;177.425;176.759
`;

type Unit = 'percentage' | 'aantal';
type Dir = 'hoger-is-beter' | 'lager-is-beter';
interface DemoIndicator {
  code: string;
  goal: string;
  name: string;
  kind?: 'effect' | 'prestatie';
  unit: Unit;
  source: string;
  frequency: 'jaar' | 'tweejaarlijks' | 'vierjaarlijks';
  direction: Dir;
  baseline: [number, number] | null;
  note?: string;
}

const HENGELO_GOALS: [string, string][] = [
  ['6.1.1', 'In 2024 zetten meer inwoners zich in voor de (lokale) samenleving'],
  ['6.1.2', 'In 2024 zijn minder inwoners eenzaam'],
  ['6.2.1', 'In 2024 hebben minder inwoners problematische schulden'],
  ['6.2.2', 'In 2024 maken meer inwoners optimaal gebruik van ons armoedebeleid'],
  ['6.2.3', 'In 2024 hebben meer inwoners met weinig kans op regulier werk een (zo nodig aangepaste) baan'],
  ['6.2.4', 'In 2024 weten meer inwoners de algemene voorzieningen te vinden'],
  [
    '6.2.5',
    'In 2024 zijn minder inwoners aangewezen op maatwerkvoorzieningen Wmo en jeugd bij het oplossen van problemen in hun leefsituatie',
  ],
  [
    '6.2.6',
    'In 2024 zijn inwoners tevreden over de re-integratievoorzieningen en maatwerkvoorzieningen Wmo en jeugd van de gemeente',
  ],
];

const WSJG = 'Waarstaatjegemeente.nl';
const TMSD = 'Twentse Monitor Sociaal Domein';
const HENGELO_INDICATORS: DemoIndicator[] = [
  {
    code: 'HGL-6.1.1-mantelzorg',
    goal: '6.1.1',
    name: 'Percentage Hengelose volwassenen (18+) dat aangeeft mantelzorg te verlenen',
    unit: 'percentage',
    source: WSJG,
    frequency: 'tweejaarlijks',
    direction: 'hoger-is-beter',
    baseline: [2019, 44],
    note: 'Intensief 16% en incidenteel 28%.',
  },
  {
    code: 'HGL-6.1.1-vrijwilligers',
    goal: '6.1.1',
    name: 'Percentage Hengelose volwassenen (18+) dat aangeeft vrijwilligerswerk te doen',
    unit: 'percentage',
    source: WSJG,
    frequency: 'tweejaarlijks',
    direction: 'hoger-is-beter',
    baseline: [2019, 54],
    note: 'Intensief 26% en incidenteel 28%.',
  },
  {
    code: 'HGL-6.1.2-eenzaam-18-65',
    goal: '6.1.2',
    name: 'Percentage van de Hengelose volwassenen (18-65 jaar) dat aangeeft vaak eenzaam te zijn',
    unit: 'percentage',
    source: WSJG,
    frequency: 'tweejaarlijks',
    direction: 'lager-is-beter',
    baseline: [2019, 3],
  },
  {
    code: 'HGL-6.1.2-eenzaam-75plus',
    goal: '6.1.2',
    name: 'Percentage van de Hengelose ouderen (75+) dat aangeeft vaak eenzaam te zijn',
    unit: 'percentage',
    source: 'Hengelo Panel',
    frequency: 'tweejaarlijks',
    direction: 'lager-is-beter',
    baseline: null,
    note: 'Nulmeting in 2021; eenzaamheid wordt nu gemeten bij 60+ in plaats van 75+.',
  },
  {
    code: 'HGL-6.1.2-eenzaam-12-17',
    goal: '6.1.2',
    name: 'Percentage van de Hengelose jongeren (12-17 jaar) dat aangeeft vaak eenzaam te zijn',
    unit: 'percentage',
    source: 'GGD',
    frequency: 'vierjaarlijks',
    direction: 'lager-is-beter',
    baseline: [2019, 4],
  },
  {
    code: 'HGL-6.2.1-stadsbank',
    goal: '6.2.1',
    name: 'Aantal verwijzingen van Budget Alert naar de Stadsbank in een jaar',
    unit: 'aantal',
    source: 'Jaarverslag Stadsbank',
    frequency: 'jaar',
    direction: 'lager-is-beter',
    baseline: [2019, 143],
  },
  {
    code: 'HGL-6.2.1-stadsbank-aandeel',
    goal: '6.2.1',
    name: 'Percentage verwijzingen voor schuldhulp naar Stadsbank als deel van de totale aanmeldingen voor schuldhulp per jaar',
    unit: 'percentage',
    source: 'Budget Alert',
    frequency: 'jaar',
    direction: 'lager-is-beter',
    baseline: [2019, 24],
    note: 'Aanmeldingen: gestarte cases bij Budget Alert (608 in 2019).',
  },
  {
    code: 'HGL-6.2.2-minima',
    goal: '6.2.2',
    name: 'Percentage huishoudens in Hengelo met een inkomen tot 120% van het sociaal minimum',
    unit: 'percentage',
    source: 'Minimascan StimulansZ',
    frequency: 'jaar',
    direction: 'lager-is-beter',
    baseline: [2020, 14.9],
  },
  {
    code: 'HGL-6.2.2-kinderen',
    goal: '6.2.2',
    name: 'Aantal Hengelose kinderen (18-) in een gezin met een inkomen tot 120% van het sociaal minimum',
    unit: 'aantal',
    source: 'Minimascan StimulansZ',
    frequency: 'jaar',
    direction: 'lager-is-beter',
    baseline: [2020, 1605],
  },
  {
    code: 'HGL-6.2.2-regelingen',
    goal: '6.2.2',
    name: 'Percentage huishoudens met een inkomen tot 120% van het minimuminkomen dat gebruik maakt van één of meer minimaregelingen',
    unit: 'percentage',
    source: 'Cognos HGUK01',
    frequency: 'jaar',
    direction: 'hoger-is-beter',
    baseline: [2019, 19.6],
  },
  {
    code: 'HGL-6.2.3-uitstroom',
    goal: '6.2.3',
    name: 'Percentage bijstandsgerechtigden dat in een jaar is uitgestroomd naar betaald werk als deel van het totale aantal bijstandsgerechtigden aan het eind van dat jaar',
    unit: 'percentage',
    source: 'Cognos HGRI003',
    frequency: 'jaar',
    direction: 'hoger-is-beter',
    baseline: [2019, 11.6],
  },
  {
    code: 'HGL-6.2.3-trajecten',
    goal: '6.2.3',
    kind: 'prestatie',
    name: 'Percentage re-integratietrajecten dat tot uitstroom naar betaald werk (deeltijd of voltijd) heeft geleid als deel van het totale aantal re-integratietrajecten',
    unit: 'percentage',
    source: 'SWB',
    frequency: 'jaar',
    direction: 'hoger-is-beter',
    baseline: [2019, 19.9],
    note: 'Alleen klanten van SWB: 81 van de 408 trajecten in 2019.',
  },
  {
    code: 'HGL-6.2.3-lks',
    goal: '6.2.3',
    name: 'Aantal personen dat betaald werk verricht met een loonkostensubsidie',
    unit: 'aantal',
    source: 'Cognos HGUK014',
    frequency: 'jaar',
    direction: 'hoger-is-beter',
    baseline: [2019, 179],
  },
  {
    code: 'HGL-6.2.4-activiteiten',
    goal: '6.2.4',
    name: 'Percentage inwoners dat aangeeft in de afgelopen 12 maanden actief deelgenomen te hebben aan georganiseerde activiteiten bij organisaties',
    unit: 'percentage',
    source: 'Hengelo Panel',
    frequency: 'jaar',
    direction: 'hoger-is-beter',
    baseline: null,
    note: 'Nulmeting PM.',
  },
  {
    code: 'HGL-6.2.5-jeugdhulp',
    goal: '6.2.5',
    name: 'Percentage Hengelose jeugdigen (tot 18 jaar) dat geïndiceerde jeugdhulp krijgt',
    unit: 'percentage',
    source: TMSD,
    frequency: 'jaar',
    direction: 'lager-is-beter',
    baseline: [2019, 12.6],
  },
  {
    code: 'HGL-6.2.5-wmo-18-65',
    goal: '6.2.5',
    name: 'Percentage Hengelose inwoners (18-65 jaar) dat een maatwerkvoorziening Wmo krijgt',
    unit: 'percentage',
    source: TMSD,
    frequency: 'jaar',
    direction: 'lager-is-beter',
    baseline: [2019, 7.1],
  },
  {
    code: 'HGL-6.2.5-wmo-65plus',
    goal: '6.2.5',
    name: 'Percentage Hengelose inwoners (65 jaar en ouder) dat een maatwerkvoorziening Wmo krijgt',
    unit: 'percentage',
    source: TMSD,
    frequency: 'jaar',
    direction: 'lager-is-beter',
    baseline: [2019, 7.1],
  },
  {
    code: 'HGL-6.2.6-reintegratie',
    goal: '6.2.6',
    name: 'Percentage gebruikers van re-integratievoorzieningen dat tevreden is over het uiteindelijk bereikte resultaat van het traject',
    unit: 'percentage',
    source: 'Cliëntervaringsonderzoek re-integratie (BMC)',
    frequency: 'jaar',
    direction: 'hoger-is-beter',
    baseline: [2018, 6.5],
  },
  {
    code: 'HGL-6.2.6-wmo',
    goal: '6.2.6',
    name: 'Percentage gebruikers van maatwerkvoorzieningen Wmo dat één of meer positieve effecten van de voorziening ervaart',
    unit: 'percentage',
    source: 'Cliëntervaringsonderzoek (I&O Research)',
    frequency: 'jaar',
    direction: 'hoger-is-beter',
    baseline: [2019, 77],
  },
  {
    code: 'HGL-6.2.6-jeugd',
    goal: '6.2.6',
    name: 'Percentage gebruikers van geïndiceerde jeugdhulp dat één of meer positieve effecten van de hulp ervaart',
    unit: 'percentage',
    source: 'Cliëntervaringsonderzoek (I&O Research)',
    frequency: 'jaar',
    direction: 'hoger-is-beter',
    baseline: [2019, 97],
  },
];

const DINKELLAND_GOALS: { code: string; name: string; ist: string; soll: string }[] = [
  {
    code: 'DKL-1',
    name: 'Langer gezond: meer aandacht voor noaberschap, eenzaamheid, vroegsignalering en activering',
    ist: '38% van de ouderen (65+) ervaart eenzaamheid (Volwassenen- en ouderenmonitor 2016).\n89% van de inwoners ervaart een goede gezondheid (Volwassenen- en ouderenmonitor 2016).\n62% van de inwoners beweegt voldoende (Emovo en Volwassenen- en ouderenmonitor 2016).\n5% van de huishoudens heeft een inkomen tot 120% van het wettelijk sociaal minimum (Kwiz 2015).',
    soll: 'Minder ouderen (65+) ervaren eenzaamheid.\nMeer inwoners ervaren een goede gezondheid.\nMeer inwoners bewegen voldoende.\nMinder huishoudens hebben een inkomen tot 120% van het wettelijk sociaal minimum.',
  },
  {
    code: 'DKL-2',
    name: 'Passende voorzieningen voor ontmoeting en ondersteuning',
    ist: 'Er is een basisniveau van algemene voorzieningen waar alle inwoners gebruik van kunnen maken.\nEr zijn grenzen tussen het doelgroepenvervoer en het regulier vervoer.',
    soll: 'Een breder aanbod van algemene voorzieningen dat beter aansluit bij de ondersteuningsbehoefte van inwoners.\nEen zelfvoorzienend systeem voor vervoer voor alle inwoners, zonder grenzen tussen doelgroepenvervoer en regulier vervoer (MaaS-project).',
  },
  {
    code: 'DKL-3',
    name: 'Meer zorg nabij: wij en onze partners werken eenduidiger samen en zijn zichtbaarder en toegankelijker',
    ist: 'Consulenten verhelderen de hulpvraag, kennen zorg toe op basis van ingekochte producten en voeren de regie.\nCliëntervaring jeugd: 84% zocht samen met het team naar een oplossing, 76% werd snel geholpen; jongeren waarderen de dienstverlening met een 7,8.',
    soll: 'Consulenten hebben de hulpvraag tijdiger in beeld en organiseren beter passende ondersteuning.\nDe cliënttevredenheid is toegenomen.\nMinder incidenten met inwoners met verward gedrag (E33-meldingen).\nMantelzorgers zijn vaker aanwezig bij keukentafelgesprekken.\nMinder verwijzingen naar jeugdhulp door huisartsen.\nEen eenduidige toegang voor inwoners.',
  },
  {
    code: 'DKL-4',
    name: 'Meer maatwerk voor een passende daginvulling (werk)',
    ist: 'Cliënten zijn afhankelijk van de maatwerkvoorziening waarvoor zij geïndiceerd zijn en/of de inkomensvoorziening die zij daaruit ontvangen.',
    soll: 'Meer cliënten dragen naar vermogen bij aan de samenleving; voor iedereen is een passende voorziening of regeling beschikbaar.',
  },
];

async function programmeExists(tx: Tx, mc: string, code: string) {
  return !!(await tx
    .selectFrom('programme')
    .select('id')
    .where('municipality_code', '=', mc)
    .where('code', '=', code)
    .executeTakeFirst());
}

async function createProgramme(
  tx: Tx,
  mc: string,
  values: { code: string; name: string; first_year: number; last_year: number; description: string },
) {
  return (
    await tx
      .insertInto('programme')
      .values({ municipality_code: mc, ...values })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

async function policyAdviser(tx: Tx, mc: string) {
  const row = await tx
    .selectFrom('role_assignment')
    .select('user_id')
    .where('municipality_code', '=', mc)
    .where('role', 'in', ['beleidsadviseur', 'functioneel-beheerder'])
    .orderBy('role')
    .executeTakeFirst();
  return row?.user_id ?? null;
}

async function seedEnschede(tx: Tx, mc: string) {
  if (await programmeExists(tx, mc, '3.1')) return;
  const userId = await policyAdviser(tx, mc);
  const programmeId = await createProgramme(tx, mc, {
    code: '3.1',
    name: 'Maatschappelijke ondersteuning',
    first_year: 2014,
    last_year: 2018,
    description: 'Programmabegroting 2015 van Enschede: een duurzaam sociaal stelsel voor iedereen.',
  });
  for (const [code, name] of [
    ['A', 'Versterken van de zelf- en samenredzaamheid en de gezondheid van inwoners'],
    [
      'B',
      'Een kwalitatief goede en toegankelijke ondersteuning (op maat) op het gebied van participatie, maatschappelijke ondersteuning en inkomen',
    ],
  ] as const) {
    await tx
      .insertInto('societal_goal')
      .values({ municipality_code: mc, programme_id: programmeId, code, name })
      .execute();
  }
  if (!userId) return;
  for (const [fileName, text] of [
    ['enschede-3.1-thema-2015.csv', ENSCHEDE_THEMES_2015],
    ['enschede-3.1-meerjarig.csv', ENSCHEDE_MULTI_YEAR],
  ] as const) {
    const parsed = parseBudget(readCsv(text), 'begroting');
    if (!parsed.ok) throw new Error(`steering demo: ${fileName} does not parse`);
    const result = await writeBudgetImport(tx, {
      municipalityCode: mc,
      userId,
      programmeId,
      fileName,
      format: 'csv',
      budget: parsed.budget,
    });
    if (!result.ok) throw new Error(`steering demo: ${fileName} does not import`);
  }
}

async function seedHengelo(tx: Tx, mc: string) {
  if (!(await programmeExists(tx, mc, '6'))) {
    const programmeId = await createProgramme(tx, mc, {
      code: '6',
      name: 'Sociaal domein (Beleidsprogramma sociaal 2021–2025)',
      first_year: 2021,
      last_year: 2025,
      description:
        '6.1 Meer inwoners doen mee in de Hengelose samenleving en voelen zich verbonden met (mensen in) hun omgeving. 6.2 Meer inwoners in Hengelo redden zichzelf, waar nodig met ondersteuning van de gemeente. Indicatoren: voorstel uit bijlage IV; streefwaarden volgen via de begroting.',
    });
    const goals = new Map<string, string>();
    for (const [code, name] of HENGELO_GOALS) {
      const goal = await tx
        .insertInto('societal_goal')
        .values({ municipality_code: mc, programme_id: programmeId, code, name })
        .returning('id')
        .executeTakeFirstOrThrow();
      goals.set(code, goal.id);
    }
    for (const i of HENGELO_INDICATORS) {
      await tx
        .insertInto('indicator')
        .values({
          municipality_code: mc,
          code: i.code,
          name: i.name,
          kind: i.kind ?? 'effect',
          unit: i.unit,
          source_kind: 'extern',
          source_name: i.source,
          frequency: i.frequency,
          direction: i.direction,
          societal_goal_id: goals.get(i.goal)!,
          baseline_year: i.baseline?.[0] ?? null,
          baseline_value: i.baseline?.[1] ?? null,
          note: i.note ?? '',
        })
        .execute();
    }
    await tx
      .insertInto('indicator')
      .values({
        municipality_code: mc,
        code: 'GRIP-JEUGDHULP-18',
        name: '% jeugdigen (tot 18 jaar) met jeugdhulp, berekend uit Grip',
        kind: 'effect',
        unit: 'percentage',
        source_kind: 'berekend',
        definition_code: 'jeugdhulp-onder-18',
        definition_version: 1,
        frequency: 'jaar',
        direction: 'lager-is-beter',
        societal_goal_id: goals.get('6.2.5')!,
        note: 'Dezelfde vraag als HGL-6.2.5-jeugdhulp, maar berekend uit de toewijzingen in Grip.',
      })
      .execute();
  }
  if (!(await programmeExists(tx, mc, '3'))) {
    const programmeId = await createProgramme(tx, mc, {
      code: '3',
      name: 'Welzijn en Zorg (begroting 2018)',
      first_year: 2017,
      last_year: 2018,
      description: 'Programma 3 van de begroting 2018 van Hengelo: thuis in de buurt.',
    });
    const goal = await tx
      .insertInto('societal_goal')
      .values({ municipality_code: mc, programme_id: programmeId, code: '3', name: 'Thuis in de buurt' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const eigenKracht: [string, string, number][] = [
      ['HGL-2018-eigen-kracht-doen', 'Door de Wmo-ondersteuning kan ik beter dingen doen die ik wil', 76],
      ['HGL-2018-eigen-kracht-redden', 'Door de Wmo-ondersteuning kan ik me beter redden', 80],
      [
        'HGL-2018-eigen-kracht-kwaliteit',
        'Door de Wmo-ondersteuning heb ik een betere kwaliteit van leven',
        76,
      ],
    ];
    const targets: [string, number][] = [];
    for (const [code, name, value] of eigenKracht) {
      const row = await tx
        .insertInto('indicator')
        .values({
          municipality_code: mc,
          code,
          name: `Samengestelde indicator 'eigen kracht': ${name}`,
          kind: 'effect',
          unit: 'percentage',
          source_kind: 'extern',
          source_name: 'Begroting 2018 Hengelo (cijfers 2016)',
          frequency: 'jaar',
          direction: 'hoger-is-beter',
          societal_goal_id: goal.id,
          baseline_year: 2016,
          baseline_value: value,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      targets.push([row.id, value]);
    }
    const clients = await tx
      .insertInto('indicator')
      .values({
        municipality_code: mc,
        code: 'HGL-2018-wmo-clienten',
        name: 'Aantal unieke cliënten die binnen een kalenderjaar een Wmo-voorziening hebben gehad',
        kind: 'effect',
        unit: 'aantal',
        source_kind: 'berekend',
        definition_code: 'wmo-unieke-clienten',
        definition_version: 1,
        frequency: 'jaar',
        direction: 'lager-is-beter',
        societal_goal_id: goal.id,
        baseline_year: 2016,
        baseline_value: 6626,
        note: 'Nulmeting 6.626 (2016) zoals gepubliceerd in de begroting 2018; realisaties berekent Grip.',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    targets.push([clients.id, 6626]);
    for (const [indicatorId, value] of targets) {
      for (const year of [2017, 2018]) {
        await tx
          .insertInto('indicator_target')
          .values({ municipality_code: mc, indicator_id: indicatorId, year, target_value: value })
          .execute();
      }
    }
  }
  await seedDinkellandExample(tx, mc);
}

async function seedDinkellandExample(tx: Tx, mc: string) {
  if (await programmeExists(tx, mc, 'DKL')) return;
  const programmeId = await createProgramme(tx, mc, {
    code: 'DKL',
    name: 'Inclusieve samenleving (voorbeeld Dinkelland)',
    first_year: 2018,
    last_year: 2022,
    description:
      'Voorbeeld uit de gemeente Dinkelland (geen demogemeente): de ambitie Inclusieve samenleving uit het coalitieakkoord 2018–2022 met IST en SOLL per actielijn, en het transformatieplan sociaal domein.',
  });
  for (const g of DINKELLAND_GOALS) {
    await tx
      .insertInto('societal_goal')
      .values({
        municipality_code: mc,
        programme_id: programmeId,
        code: g.code,
        name: g.name,
        current_situation: g.ist,
        desired_situation: g.soll,
      })
      .execute();
  }
  const theme = await tx
    .insertInto('theme')
    .values({
      municipality_code: mc,
      programme_id: programmeId,
      code: 'TP',
      name: 'Transformatieplan sociaal domein (en MEP)',
      bbv_taakveld_code: '6.1',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('budget_line')
    .values({
      municipality_code: mc,
      theme_id: theme.id,
      year: 2019,
      side: 'lasten',
      stage: 'begroting',
      amount_thousands: 450,
      source: 'invoer',
    })
    .execute();
  const items: {
    name: string;
    cents: number;
    status: 'gestart' | 'afgerond';
    ends: string | null;
    expected: string;
    achieved?: string;
  }[] = [
    {
      name: 'Pilot praktijkondersteuner huisarts',
      cents: 7_500_000,
      status: 'gestart',
      ends: null,
      expected: 'Pilot met een praktijkondersteuner bij de huisarts.',
    },
    {
      name: 'Onderzoek algemene voorzieningen',
      cents: 485_000,
      status: 'afgerond',
      ends: '2019-06-30',
      expected: 'Onderzoek naar de behoefte aan het ontwikkelen en inzetten van algemene voorzieningen.',
      achieved:
        'Het college heeft het voorstel van het onderzoeksrapport over de behoefte aan algemene voorzieningen geaccordeerd.',
    },
    {
      name: 'MaaS project (vervoer, duur drie jaar)',
      cents: 3_000_000,
      status: 'gestart',
      ends: '2021-12-31',
      expected:
        'Een zelfvoorzienend vervoerssysteem zonder grenzen tussen doelgroepenvervoer en regulier vervoer.',
    },
    {
      name: 'Pilot Wijk-GGD aanpak personen verward gedrag',
      cents: 1_750_000,
      status: 'gestart',
      ends: null,
      expected: 'Minder incidenten met inwoners met verward gedrag (E33-meldingen).',
    },
  ];
  for (const item of items) {
    await tx
      .insertInto('intervention')
      .values({
        municipality_code: mc,
        theme_id: theme.id,
        name: item.name,
        owner: 'Gemeente Dinkelland',
        starts_on: '2019-01-01',
        ends_on: item.ends,
        budget_cents: item.cents,
        status: item.status,
        expected_result: item.expected,
        achieved_result: item.achieved ?? null,
      })
      .execute();
  }
}

export async function seedSteeringDemo(tx: Tx, municipalityCode: string): Promise<void> {
  if (municipalityCode === 'GM0153') await seedEnschede(tx, municipalityCode);
  if (municipalityCode === 'GM0164') await seedHengelo(tx, municipalityCode);
}
