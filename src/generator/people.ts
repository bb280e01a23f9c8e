/**
 * Synthetic households and people: composition, ages, sexes and plainly fictitious names, close to the
 * Dutch household statistics (about 38% single, 30% couples without children, 24% couples with
 * children, 6% single parents; about 2.1 persons per household).
 */
import { addMonths, type Day } from './calendar.ts';
import type { Random } from './random.ts';

export interface SimPerson {
  index: number;
  birth: Day;
  sex: '1' | '2';
  role: 'hoofdbewoner' | 'partner' | 'kind' | 'overig';
  givenNames: string;
  prefix: string | null;
  familyName: string;
  death: Day | null;
  /** Assigned when the person is written. */
  id?: string;
  bsn?: string;
}

export interface SimHousehold {
  moveIn: Day;
  moveOut: Day | null;
  members: SimPerson[];
  /** Latent vulnerability (1 = average) that raises every need; it is what makes needs overlap. */
  vulnerability: number;
  id?: string;
}

const MALE = [
  'Jan',
  'Henk',
  'Gerrit',
  'Bart',
  'Sem',
  'Daan',
  'Luuk',
  'Mohamed',
  'Ahmet',
  'Piet',
  'Kees',
  'Wim',
  'Ruben',
  'Thijs',
  'Jeroen',
  'Mehmet',
  'Johan',
  'Niels',
  'Bram',
  'Tim',
  'Youssef',
  'Kevin',
  'Erik',
  'Hendrik',
  'Noah',
  'Finn',
  'Levi',
  'Milan',
  'Stijn',
  'Gijs',
];
const FEMALE = [
  'Anna',
  'Maria',
  'Johanna',
  'Fenna',
  'Sanne',
  'Emma',
  'Julia',
  'Fatima',
  'Ayse',
  'Ingrid',
  'Gerda',
  'Els',
  'Lotte',
  'Sophie',
  'Noor',
  'Yasmina',
  'Petra',
  'Linda',
  'Marieke',
  'Tess',
  'Mila',
  'Zoë',
  'Hanneke',
  'Willemijn',
  'Nadia',
  'Eva',
  'Lieke',
  'Ilse',
  'Roos',
  'Femke',
];
const FAMILY: readonly (readonly [string | null, string])[] = [
  [null, 'Jansen'],
  ['de', 'Vries'],
  [null, 'Bakker'],
  ['van', 'Dijk'],
  [null, 'Visser'],
  [null, 'Smit'],
  [null, 'Meijer'],
  ['de', 'Boer'],
  [null, 'Mulder'],
  ['de', 'Groot'],
  [null, 'Bos'],
  [null, 'Vos'],
  [null, 'Peters'],
  [null, 'Hendriks'],
  ['van', 'Leeuwen'],
  [null, 'Dekker'],
  [null, 'Brouwer'],
  ['de', 'Wit'],
  [null, 'Dijkstra'],
  [null, 'Smits'],
  ['de', 'Graaf'],
  ['van der', 'Meer'],
  [null, 'Kok'],
  [null, 'Jacobs'],
  ['de', 'Haan'],
  [null, 'Vermeulen'],
  ['van den', 'Berg'],
  [null, 'Kuipers'],
  [null, 'Nijhuis'],
  [null, 'Oude Wesselink'],
  [null, 'Lammerink'],
  [null, 'Kamphuis'],
  [null, 'Scholten'],
  [null, 'Wolters'],
  [null, 'Yilmaz'],
  [null, 'El Idrissi'],
  [null, 'Kaya'],
  [null, 'Haverkamp'],
  [null, 'Pierik'],
  [null, 'Morsink'],
  [null, 'Reinders'],
  [null, 'Tijhuis'],
];

function name(random: Random, sex: '1' | '2') {
  return random.pick(sex === '1' ? MALE : FEMALE);
}

function person(
  random: Random,
  index: number,
  birth: Day,
  sex: '1' | '2',
  role: SimPerson['role'],
  family: readonly [string | null, string],
): SimPerson {
  return {
    index,
    birth,
    sex,
    role,
    givenNames: name(random, sex),
    prefix: family[0],
    familyName: family[1],
    death: null,
  };
}

/** Birth day of someone who is `age` (plus a random part of a year) on `day`. */
function bornAt(random: Random, day: Day, age: number): Day {
  return addMonths(day, -12 * age) - random.int(0, 364);
}

function elderlyAge(random: Random): number {
  return Math.min(101, 65 + Math.floor(random.exponential(10.5)));
}

/**
 * A household moving in on `day`. `elderlyTilt` (around 1) shifts the mix towards older households in
 * wijken with more elderly residents; `vulnerability` comes from the wijk and the household itself.
 */
export function newHousehold(
  random: Random,
  day: Day,
  elderlyTilt: number,
  vulnerability: number,
): SimHousehold {
  const family = random.pick(FAMILY);
  const members: SimPerson[] = [];
  const add = (age: number, sex: '1' | '2', role: SimPerson['role']) =>
    members.push(person(random, members.length, bornAt(random, day, age), sex, role, family));
  const kind = random.weighted([
    ['single', 0.38],
    ['couple', 0.3],
    ['family', 0.24],
    ['single-parent', 0.06],
    ['other', 0.02],
  ] as const);
  const elderly = () => random.chance(Math.min(0.9, 0.42 * elderlyTilt));
  if (kind === 'single') {
    const age = elderly() ? elderlyAge(random) : random.int(19, 64);
    add(age, random.chance(age > 75 ? 0.7 : 0.5) ? '2' : '1', 'hoofdbewoner');
  } else if (kind === 'couple') {
    const age = elderly() ? elderlyAge(random) : random.int(23, 64);
    add(age, '1', 'hoofdbewoner');
    add(Math.max(19, age - random.int(-2, 5)), '2', 'partner');
  } else if (kind === 'family' || kind === 'single-parent') {
    const parentAge = random.int(26, 54);
    add(parentAge, kind === 'family' || random.chance(0.15) ? '1' : '2', 'hoofdbewoner');
    if (kind === 'family') add(Math.max(20, parentAge - random.int(-2, 4)), '2', 'partner');
    const children =
      kind === 'family'
        ? random.weighted([
            [1, 0.38],
            [2, 0.44],
            [3, 0.14],
            [4, 0.04],
          ] as const)
        : random.weighted([
            [1, 0.55],
            [2, 0.35],
            [3, 0.1],
          ] as const);
    const oldest = Math.min(parentAge - 20, random.int(0, 21));
    for (let c = 0; c < children; c++)
      add(Math.max(0, oldest - c * random.int(1, 4)), random.chance(0.5) ? '1' : '2', 'kind');
  } else {
    const age = random.int(20, 30);
    add(age, random.chance(0.5) ? '1' : '2', 'hoofdbewoner');
    add(age + random.int(-2, 2), random.chance(0.5) ? '1' : '2', 'overig');
    add(age + random.int(-2, 2), random.chance(0.5) ? '1' : '2', 'overig');
  }
  return { moveIn: day, moveOut: null, members, vulnerability };
}
