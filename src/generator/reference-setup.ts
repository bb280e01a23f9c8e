/**
 * The fixed part of a synthetic municipality, written before the residents: catalogue, teams and staff,
 * the questionnaire, providers with contracts, tariffs and quality checks, and the declaration headers.
 */
import { sql } from 'kysely';
import { seedAreas } from '../areas/areas-seed.ts';
import { municipalityGeo } from '../areas/geo-reference.ts';
import type { BulkWriter } from '../platform/db/bulk-writer.ts';
import { BREDE_INTAKE_DEFINITION, BREDE_INTAKE_NAME } from '../intake/broad-intake-definition.ts';
import { parseDefinition, type QuestionnaireDefinition } from '../intake/questionnaire-definition.ts';
import type { Database } from '../platform/db/database.ts';
import { STANDARD_CATALOGUE, tariffInYear, type CatalogueService } from '../services/catalogue.ts';
import { seedCatalogue, TARIFF_YEARS } from '../services/catalogue-seed.ts';
import {
  addMonths,
  firstDayOfMonthIndex,
  isoDate,
  isoTimestamp,
  monthIndex,
  yearOf,
  type Day,
} from './calendar.ts';
import type { GeneratedProvider, Staff } from './emit.ts';
import type { IdSource } from './ids.ts';
import {
  CONTRACTED_PROVIDERS,
  CORE_PROVIDERS_PER_LOT,
  LOT_OF_SERVICE,
  LUMP_SUM_PER_1000_INHABITANTS,
} from './model.ts';
import type { Random } from './random.ts';
import type { Law } from './records.ts';

export interface Reference {
  serviceIds: Map<string, string>;
  services: Map<string, CatalogueService>;
  vindplaatsen: Map<string, string[]>;
  wijkteamVindplaats: Map<string, string>;
  staff: Staff;
  teamOfWijk: Map<string, string>;
  teamOfVindplaats: Map<string, string>;
  providers: GeneratedProvider[];
  providersByService: Map<string, { core: number[]; tail: number[] }>;
  providerLaws: Law[][];
  questionnaireVersions: { id: string; from: Day; definition: QuestionnaireDefinition }[];
  lotsTaakgericht: { contractId: string; lot: string; monthlyCents: number }[];
}

const LAW_OF_LOT: Record<string, Law> = {
  'Huishoudelijke ondersteuning': 'wmo',
  'Begeleiding en dagbesteding': 'wmo',
  'Kortdurend verblijf': 'wmo',
  Hulpmiddelen: 'wmo',
  Vervoer: 'wmo',
  'Beschermd wonen en opvang': 'wmo',
  'Jeugdhulp ambulant': 'jeugdwet',
  'Jeugd-ggz': 'jeugdwet',
  'Jeugdhulp met verblijf': 'jeugdwet',
  'Jeugdbescherming en jeugdreclassering': 'jeugdwet',
  'Re-integratie': 'participatiewet',
  Schuldhulpverlening: 'schuldhulp',
  'Welzijn en algemene voorzieningen': 'wmo',
};

const PROVIDER_WORDS_A = [
  'Zorgpartners',
  'Thuishulp',
  'Begeleiding',
  'Jeugdhulp',
  'Stichting',
  'Coöperatie',
  'Welzijn',
  'Dagcentrum',
  'Zorgcollectief',
  'Hulpmiddelen',
  'Werkbedrijf',
  'Schuldhulp',
];
const PROVIDER_WORDS_B = [
  'Esdoorn',
  'Korenbloem',
  'Vlinder',
  'Lindeboom',
  'Zonnedauw',
  'Heidebloem',
  'Kompas',
  'Brug',
  'Horizon',
  'Regenboog',
  'Anker',
  'Wilg',
  'Eikelaar',
  'Zwaluw',
  'Klaproos',
  'Waterlelie',
  'Berkenhof',
  'Boomgaard',
  'Vuurtoren',
  'Duizendblad',
];

export async function setUpReference(
  database: Database,
  writer: BulkWriter,
  ids: IdSource,
  random: Random,
  options: {
    municipality: string;
    inhabitants: number;
    simStart: Day;
    windowStart: Day;
    windowEnd: Day;
    slug: string;
  },
): Promise<Reference> {
  const { db } = database;
  const m = options.municipality;
  await seedAreas(db, m);
  const geo = municipalityGeo(m)!;

  // Catalogue (the standard one; a municipality that has one keeps it).
  const services = new Map(STANDARD_CATALOGUE.map((s) => [s.code, s] as const));
  const serviceIds = await seedCatalogue(db, m);
  const firstYear = yearOf(options.simStart);
  const lastYear = yearOf(options.windowEnd) + 1;
  if (firstYear < TARIFF_YEARS.first || lastYear > TARIFF_YEARS.last) {
    throw new Error(
      `The generator needs tariffs from ${firstYear} to ${lastYear}; the catalogue has ${TARIFF_YEARS.first}-${TARIFF_YEARS.last}.`,
    );
  }

  // Teams and staff (synthetic accounts that cannot log in: no password, no OIDC subject).
  const teamSink = writer.table('team', ['municipality_code', 'id', 'name', 'kind']);
  const userSink = writer.table('app_user', [
    'municipality_code',
    'id',
    'username',
    'display_name',
    'active',
    'is_demo',
  ]);
  const roleSink = writer.table('role_assignment', [
    'municipality_code',
    'id',
    'user_id',
    'role',
    'team_id',
    'wijk_code',
  ]);
  let staffNumber = 0;
  const makeTeam = (
    name: string,
    kind: string,
    role: string,
    size: number,
    wijk: string | null,
  ): { team: string; users: string[] } => {
    const team = ids.uuid('07e0');
    teamSink.add([m, team, name, kind]);
    const users: string[] = [];
    for (let i = 0; i < size; i++) {
      const user = ids.uuid('07e1');
      staffNumber++;
      userSink.add([
        m,
        user,
        `medewerker-${staffNumber}@${options.slug}.synthetisch`,
        `Medewerker ${staffNumber} (fictief)`,
        true,
        true,
      ]);
      roleSink.add([m, ids.uuid('07e2'), user, role, team, wijk]);
      users.push(user);
    }
    return { team, users };
  };
  const scale = Math.max(1, Math.round(options.inhabitants / 81_000));
  const toegang = makeTeam(
    `Zorgloket ${geo.name} (synthetisch)`,
    'toegang',
    'toegang-medewerker',
    12 * scale,
    null,
  );
  const wijkteamStaff = new Map<string, string[]>();
  const teamOfWijk = new Map<string, string>();
  for (const w of geo.wijken) {
    const t = makeTeam(
      `${w.name.replace(/^Wijk \d+\s+/, 'Wijkteam ')} (synthetisch)`,
      'wijkteam',
      'regisseur',
      5 * scale,
      w.code,
    );
    wijkteamStaff.set(w.code, t.users);
    teamOfWijk.set(w.code, t.team);
  }
  const jeugd = makeTeam(
    `Jeugdteam ${geo.name} (synthetisch)`,
    'toegang',
    'toegang-medewerker',
    6 * scale,
    null,
  );
  const werk = makeTeam(
    `Werk en inkomen ${geo.name} (synthetisch)`,
    'toegang',
    'toegang-medewerker',
    6 * scale,
    null,
  );
  const schuld = makeTeam(
    `Schuldhulp ${geo.name} (synthetisch)`,
    'toegang',
    'toegang-medewerker',
    4 * scale,
    null,
  );

  // Vindplaatsen: those the areas seed made, plus a hospital for referrals by medical specialists.
  const places = await sql<{ id: string; kind: string; wijk_code: string | null; team_id: string | null }>`
    SELECT id, kind, wijk_code, team_id FROM vindplaats WHERE municipality_code = ${m} ORDER BY name`.execute(
    db,
  );
  const vindplaatsen = new Map<string, string[]>();
  const wijkteamVindplaats = new Map<string, string>();
  // Whose worklist a question lands on: the vindplaats's own team where the municipality set one, else
  // the wijkteam of the wijk, the youth team for referrals, work and income, debt help, or the Zorgloket.
  const teamOfVindplaats = new Map<string, string>();
  const teamOfKind: Record<string, string> = {
    huisartsenpraktijk: jeugd.team,
    consultatiebureau: jeugd.team,
    ziekenhuis: jeugd.team,
    werkplein: werk.team,
    schuldhulploket: schuld.team,
  };
  for (const p of places.rows) {
    vindplaatsen.set(p.kind, [...(vindplaatsen.get(p.kind) ?? []), p.id]);
    if (p.kind === 'wijkteam' && p.wijk_code) wijkteamVindplaats.set(p.wijk_code, p.id);
    const own =
      p.team_id ?? (p.kind === 'wijkteam' && p.wijk_code ? teamOfWijk.get(p.wijk_code) : teamOfKind[p.kind]);
    teamOfVindplaats.set(p.id, own ?? toegang.team);
  }
  if (!vindplaatsen.has('ziekenhuis')) {
    const id = ids.uuid('0f10');
    writer
      .table('vindplaats', ['municipality_code', 'id', 'kind', 'name', 'wijk_code', 'buurt_code'])
      .add([m, id, 'ziekenhuis', `Ziekenhuis ${geo.name} (fictief)`, null, null]);
    vindplaatsen.set('ziekenhuis', [id]);
    teamOfVindplaats.set(id, jeugd.team);
  }

  // Questionnaire: the municipality's "Brede intake" when it has one (the demo seed makes it), else the
  // standard one, version 1 from the start and version 2 (one question more) from halfway the period.
  const questionnaireVersions = await questionnaireFor(database, writer, ids, m, options);

  // Providers, contracts per lot, contract products with a tariff per year, quality checks.
  const providerSink = writer.table('provider', [
    'municipality_code',
    'id',
    'name',
    'kvk_number',
    'agb_code',
    'city',
    'is_synthetic',
  ]);
  const contractSink = writer.table('contract', [
    'municipality_code',
    'id',
    'provider_id',
    'reference',
    'lot',
    'funding_variant',
    'valid_from',
    'valid_until',
    'region_code',
    'lump_sum_cents_per_month',
    'status',
  ]);
  const productSink = writer.table('contract_product', [
    'municipality_code',
    'id',
    'contract_id',
    'service_id',
    'valid_from',
    'valid_until',
    'tariff_cents',
    'unit_code',
  ]);
  const checkSink = writer.table('quality_check', [
    'municipality_code',
    'id',
    'provider_id',
    'phase',
    'item',
    'outcome',
    'checked_on',
    'notes',
  ]);
  const incidentSink = writer.table('provider_incident', [
    'municipality_code',
    'id',
    'provider_id',
    'kind',
    'occurred_on',
    'reported_on',
    'summary',
    'status',
    'closed_on',
  ]);
  const fraudSink = writer.table('fraud_suspicion', [
    'municipality_code',
    'id',
    'provider_id',
    'reported_on',
    'source',
    'summary',
    'status',
    'follow_up',
    'closed_on',
  ]);
  const lots = Object.keys(CORE_PROVIDERS_PER_LOT);
  const providers: GeneratedProvider[] = [];
  const providerLaws: Law[][] = [];
  const providersOfLot = new Map<string, { core: number[]; tail: number[] }>(
    lots.map((l) => [l, { core: [], tail: [] }]),
  );
  const lotsTaakgericht: Reference['lotsTaakgericht'] = [];
  const coreSlots = lots.flatMap((lot) => Array.from({ length: CORE_PROVIDERS_PER_LOT[lot]! }, () => lot));
  for (let p = 0; p < CONTRACTED_PROVIDERS; p++) {
    const lot = p < coreSlots.length ? coreSlots[p]! : lots[random.int(0, lots.length - 1)]!;
    const id = ids.uuid('0a00');
    const name = `${PROVIDER_WORDS_A[p % PROVIDER_WORDS_A.length]} ${PROVIDER_WORDS_B[Math.floor(p / PROVIDER_WORDS_A.length) % PROVIDER_WORDS_B.length]}${p >= PROVIDER_WORDS_A.length * PROVIDER_WORDS_B.length ? ` ${p}` : ''}`;
    providerSink.add([
      m,
      id,
      name,
      String(90_000_000 + p * 7 + 3).slice(0, 8),
      String(98_000_000 + p * 13 + 1).slice(0, 8),
      random.pick(['Hengelo', 'Enschede', 'Almelo', 'Borne', 'Oldenzaal', 'Haaksbergen']),
      true,
    ]);
    const contractByLot = new Map<string, string>();
    const provider: GeneratedProvider = { id, contractByLot, tariffFactor: 0.95 + random.next() * 0.1 };
    const lotsOfProvider = [lot];
    const set = providersOfLot.get(lot)!;
    (p < coreSlots.length ? set.core : set.tail).push(p);
    for (const l of lotsOfProvider) {
      const contractId = ids.uuid('0a01');
      contractByLot.set(l, contractId);
      const variant =
        l === 'Vervoer' || l === 'Welzijn en algemene voorzieningen'
          ? 'taakgericht'
          : l === 'Jeugd-ggz' || l === 'Jeugdbescherming en jeugdreclassering' || l === 'Re-integratie'
            ? 'outputgericht'
            : 'inspanningsgericht';
      const lumpSum =
        variant === 'taakgericht'
          ? Math.round(
              ((LUMP_SUM_PER_1000_INHABITANTS[l] ?? 0) * options.inhabitants) /
                1000 /
                Math.max(1, CORE_PROVIDERS_PER_LOT[l]!),
            )
          : null;
      const core = p < coreSlots.length;
      contractSink.add([
        m,
        contractId,
        id,
        `TW-${String(p + 1).padStart(4, '0')}-${l.slice(0, 3).toUpperCase()}`,
        l,
        variant,
        isoDate(options.simStart),
        null,
        'twente',
        core ? lumpSum : lumpSum === null ? null : 0,
        'actief',
      ]);
      if (variant === 'taakgericht' && core && lumpSum)
        lotsTaakgericht.push({ contractId, lot: l, monthlyCents: lumpSum });
      for (const [serviceCode, serviceLot] of Object.entries(LOT_OF_SERVICE)) {
        if (serviceLot !== l) continue;
        const s = services.get(serviceCode)!;
        if (s.tariff2026Cents === null || s.unit === null) continue;
        for (let y = firstYear; y <= lastYear; y++) {
          productSink.add([
            m,
            ids.uuid('0a02'),
            contractId,
            serviceIds.get(serviceCode)!,
            `${y}-01-01`,
            `${y}-12-31`,
            Math.round(tariffInYear(s.tariff2026Cents, y) * provider.tariffFactor),
            s.unit,
          ]);
        }
      }
    }
    providerLaws.push([...new Set(lotsOfProvider.map((l) => LAW_OF_LOT[l]!))]);
    for (const item of [
      'kvk-uittreksel',
      'vog-bestuurders',
      'verklaring-belastingdienst',
      'kwaliteitskeurmerk',
      'meldcode-huiselijk-geweld',
      'klachtenregeling',
    ] as const) {
      checkSink.add([
        m,
        ids.uuid('0a03'),
        id,
        'voor-contractering',
        item,
        random.chance(0.97) ? 'voldaan' : 'niet-voldaan',
        isoDate(options.simStart - random.int(20, 90)),
        '',
      ]);
    }
    if (random.chance(0.25))
      checkSink.add([
        m,
        ids.uuid('0a03'),
        id,
        'tijdens-contract',
        'audit',
        random.chance(0.85) ? 'voldaan' : 'niet-voldaan',
        isoDate(options.windowStart + random.int(0, options.windowEnd - options.windowStart)),
        'Periodieke audit',
      ]);
    if (random.chance(0.12)) {
      const occurred = options.windowStart + random.int(0, options.windowEnd - options.windowStart - 30);
      incidentSink.add([
        m,
        ids.uuid('0a04'),
        id,
        random.pick(['incident', 'klacht', 'calamiteit', 'auditbevinding']),
        isoDate(occurred),
        isoDate(occurred + random.int(0, 10)),
        'Melding over de kwaliteit van de geleverde zorg (synthetisch)',
        'afgehandeld',
        isoDate(occurred + random.int(15, 30)),
      ]);
    }
    if (random.chance(0.02)) {
      const reported = options.windowStart + random.int(0, options.windowEnd - options.windowStart - 60);
      fraudSink.add([
        m,
        ids.uuid('0a05'),
        id,
        isoDate(reported),
        random.pick(['declaratiecontrole', 'melding-client', 'signaal-ketenpartner']),
        'Declaraties voor niet-geleverde uren (synthetisch)',
        random.pick(['in-onderzoek', 'maatregel', 'ongegrond']),
        'Dossieronderzoek en gesprek met de aanbieder',
        null,
      ]);
    }
    providers.push(provider);
  }
  const providersByService = new Map<string, { core: number[]; tail: number[] }>();
  for (const [serviceCode, lot] of Object.entries(LOT_OF_SERVICE))
    providersByService.set(serviceCode, providersOfLot.get(lot)!);
  void addMonths;
  void firstDayOfMonthIndex;
  void monthIndex;

  return {
    serviceIds,
    services,
    vindplaatsen,
    wijkteamVindplaats,
    staff: {
      toegang: toegang.users,
      wijkteam: wijkteamStaff,
      jeugd: jeugd.users,
      werk: werk.users,
      schuld: schuld.users,
    },
    teamOfWijk,
    teamOfVindplaats,
    providers,
    providersByService,
    providerLaws,
    questionnaireVersions,
    lotsTaakgericht,
  };
}

async function questionnaireFor(
  database: Database,
  writer: BulkWriter,
  ids: IdSource,
  m: string,
  options: { simStart: Day; windowStart: Day; windowEnd: Day },
): Promise<Reference['questionnaireVersions']> {
  const existing = await sql<{ id: string; definition: unknown }>`
    SELECT v.id, v.definition FROM questionnaire q
    JOIN questionnaire_version v ON v.municipality_code = q.municipality_code AND v.questionnaire_id = q.id
    WHERE q.municipality_code = ${m} AND q.name = ${BREDE_INTAKE_NAME} AND v.status = 'gepubliceerd'
    ORDER BY v.version DESC LIMIT 1`.execute(database.db);
  const found = existing.rows[0];
  const parsed = found ? parseDefinition(found.definition) : undefined;
  if (found && parsed) return [{ id: found.id, from: options.simStart, definition: parsed }];

  const questionnaire = ids.uuid('0f20');
  writer
    .table('questionnaire', ['municipality_code', 'id', 'name'])
    .add([m, questionnaire, BREDE_INTAKE_NAME]);
  const sink = writer.table('questionnaire_version', [
    'municipality_code',
    'id',
    'questionnaire_id',
    'version',
    'status',
    'definition',
    'published_at',
  ]);
  const v2: QuestionnaireDefinition = {
    questions: [
      ...BREDE_INTAKE_DEFINITION.questions,
      {
        id: 'gehoordVia',
        type: 'choice',
        label: { nl: 'Hoe heeft u van ons gehoord?', en: 'How did you hear about us?' },
        options: [
          { value: 'huisarts', label: { nl: 'Via de huisarts', en: 'Through the GP' } },
          { value: 'familie', label: { nl: 'Via familie of buren', en: 'Through family or neighbours' } },
          { value: 'website', label: { nl: 'Via de website', en: 'Through the website' } },
          { value: 'anders', label: { nl: 'Anders', en: 'Other' } },
        ],
      },
    ],
  };
  const versions = [
    { id: ids.uuid('0f21'), from: options.simStart, definition: BREDE_INTAKE_DEFINITION },
    {
      id: ids.uuid('0f21'),
      from: options.windowStart + Math.floor((options.windowEnd - options.windowStart) / 2),
      definition: v2,
    },
  ];
  versions.forEach((v, i) => {
    sink.add([
      m,
      v.id,
      questionnaire,
      i + 1,
      i === 0 ? 'vervallen' : 'gepubliceerd',
      v.definition,
      isoTimestamp(v.from, 480),
    ]);
  });
  return versions;
}
