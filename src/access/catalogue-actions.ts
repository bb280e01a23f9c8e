import type { ActionRule } from './actions.ts';
import { CASEWORK } from './purposes.ts';
import type { Role } from './roles.ts';

/** Actions of the catalogue, providers, contracts, quality checks, incidents and fraud suspicions (issue 6, points 1–2). Shared purposes and grounds are in ./purposes.ts. */

/** Who maintains the catalogue of services, tariffs and locations. */
const CATALOGUE_MAINTAINERS: readonly Role[] = ['functioneel-beheerder'];
/**
 * Contract management (inkoop en contractbeheer): providers, contracts, the barrièremodel checklist,
 * incidents and audits. In a municipality this sits with the functioneel beheerder and the
 * beleidsadviseur/controller; caseworkers only read providers (to allocate) and may report an incident.
 */
const CONTRACT_MANAGERS: readonly Role[] = ['functioneel-beheerder', 'beleidsadviseur'];
/** Staff who need to know which providers there are (not residents, not providers themselves). */
const PROVIDER_READERS: readonly Role[] = [...CASEWORK, 'beleidsadviseur', 'functioneel-beheerder'];
/**
 * The fraud-suspicion register: kept by the controller (beleidsadviseur/controller, who also does the
 * rechtmatigheid checks of declarations). Caseworkers, who hear it from clients, may report a suspicion
 * but do not see the register; the functioneel beheerder does not need it, nor does anyone else.
 */
const FRAUD_REGISTER: readonly Role[] = ['beleidsadviseur'];
const FRAUD_REPORTERS: readonly Role[] = [...CASEWORK, 'beleidsadviseur'];

/**
 * A suspicion may name directors, employees or (in the follow-up) clients of a provider, so the register
 * is personal data with its own purpose: preventing and combating improper use and fraud.
 */
export const PURPOSE_FRAUD = 'bestrijding-misbruik-oneigenlijk-gebruik';
export const GROUND_FRAUD =
  'AVG art. 6 lid 1 sub e; Wmo 2015 art. 2.1.3 lid 2 sub c en art. 5.1.1, Jeugdwet art. 2.9 en 7.4.0 (voorkomen en bestrijden van misbruik en oneigenlijk gebruik)';

const fraud = (allow: readonly Role[], description: string): ActionRule => ({
  allow,
  personalData: true,
  purpose: PURPOSE_FRAUD,
  legalGround: GROUND_FRAUD,
  description,
});

export const CATALOGUE_ACTIONS = {
  'service.list': {
    allow: 'authenticated',
    personalData: false,
    description: 'The catalogue of services (algemene voorzieningen and maatwerk)',
  },
  'service.read': {
    allow: 'authenticated',
    personalData: false,
    description: 'One service with its tariffs by period, locations and contracted providers',
  },
  'service.create': {
    allow: CATALOGUE_MAINTAINERS,
    personalData: false,
    description: 'Add a service to the catalogue',
  },
  'service.update': {
    allow: CATALOGUE_MAINTAINERS,
    personalData: false,
    description: 'Change a service of the catalogue',
  },
  'service.deactivate': {
    allow: CATALOGUE_MAINTAINERS,
    personalData: false,
    description: 'Take a service out of the catalogue for new use (or put it back)',
  },
  'service-tariff.create': {
    allow: CATALOGUE_MAINTAINERS,
    personalData: false,
    description: 'Add a reference tariff for a period (periods of a service do not overlap)',
  },
  'service-tariff.update': {
    allow: CATALOGUE_MAINTAINERS,
    personalData: false,
    description: 'Change or end a reference tariff',
  },
  'service-location.create': {
    allow: CATALOGUE_MAINTAINERS,
    personalData: false,
    description: 'Add a location of a service in a wijk, with address and capacity',
  },
  'service-location.update': {
    allow: CATALOGUE_MAINTAINERS,
    personalData: false,
    description: 'Change a location of a service',
  },
  'service-location.delete': {
    allow: CATALOGUE_MAINTAINERS,
    personalData: false,
    description: 'Remove a location of a service',
  },
  'algemene-voorziening.search': {
    allow: 'public',
    personalData: false,
    readsSession: true,
    description: 'Algemene voorzieningen near a postcode, wijk or buurt (residents and professionals)',
  },
  'algemene-voorziening.map': {
    allow: 'public',
    personalData: false,
    readsSession: true,
    description: 'The same as a GeoJSON FeatureCollection of locations, for a map',
  },

  'provider.list': {
    allow: PROVIDER_READERS,
    personalData: false,
    description: 'Providers (zorgaanbieders)',
  },
  'provider.read': {
    allow: PROVIDER_READERS,
    personalData: false,
    description: 'One provider with its contracts and the services it delivers',
  },
  'provider.create': { allow: CONTRACT_MANAGERS, personalData: false, description: 'Register a provider' },
  'provider.update': { allow: CONTRACT_MANAGERS, personalData: false, description: 'Change a provider' },
  'contract.list': { allow: PROVIDER_READERS, personalData: false, description: 'Contracts with providers' },
  'contract.read': {
    allow: PROVIDER_READERS,
    personalData: false,
    description: 'One contract with its products and tariffs',
  },
  'contract.create': {
    allow: CONTRACT_MANAGERS,
    personalData: false,
    description: 'Draw up a contract for a lot (status in-voorbereiding)',
  },
  'contract.update': {
    allow: CONTRACT_MANAGERS,
    personalData: false,
    description: 'Change the lot, period or funding of a contract',
  },
  'contract.status': {
    allow: CONTRACT_MANAGERS,
    personalData: false,
    description: 'Activate, suspend or end a contract (activation needs a complete checklist)',
  },
  'contract-product.create': {
    allow: CONTRACT_MANAGERS,
    personalData: false,
    description: 'Add a product with its tariff for a period to a contract',
  },
  'contract-product.update': {
    allow: CONTRACT_MANAGERS,
    personalData: false,
    description: 'Change or end a contracted product tariff',
  },
  'quality-check.list': {
    allow: CONTRACT_MANAGERS,
    personalData: false,
    description: "A provider's quality checks and its barrièremodel checklist",
  },
  'quality-check.create': {
    allow: CONTRACT_MANAGERS,
    personalData: false,
    description: 'Record a quality check of a provider (before contracting or an audit after)',
  },
  'provider-incident.list': {
    allow: CONTRACT_MANAGERS,
    personalData: false,
    description: 'Incidents, calamities, complaints and audit findings about providers',
  },
  'provider-incident.read': {
    allow: CONTRACT_MANAGERS,
    personalData: false,
    description: 'One incident with its follow-up',
  },
  'provider-incident.create': {
    allow: [...CONTRACT_MANAGERS, ...CASEWORK],
    personalData: false,
    description: 'Report an incident about a provider (without client data)',
  },
  'provider-incident.follow-up': {
    allow: CONTRACT_MANAGERS,
    personalData: false,
    description: 'Record a follow-up action on an incident and its new status',
  },
  'fraud-suspicion.list': fraud(FRAUD_REGISTER, 'The register of suspicions of fraud by providers'),
  'fraud-suspicion.read': fraud(FRAUD_REGISTER, 'One suspicion of fraud with its follow-up'),
  'fraud-suspicion.create': fraud(FRAUD_REPORTERS, 'Report a suspicion of fraud by a provider'),
  'fraud-suspicion.follow-up': fraud(
    FRAUD_REGISTER,
    'Record a follow-up action on a suspicion of fraud and its new status',
  ),
} as const satisfies Record<string, ActionRule>;
