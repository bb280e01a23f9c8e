import { z } from 'zod';
import { requiredVersion, setEtag, versionConflict } from '../platform/http/etag.ts';
import { invalid, problem, type InvalidParam } from '../platform/http/problem.ts';
import type { GripApp } from '../platform/http/types.ts';
import { tariffUnit } from '../services/tariff-unit.ts';
import type { Tx } from '../platform/db/database.ts';
import { firstOverlap, periodWithin } from '../services/periods.ts';
import { findService } from '../services/service-repository.ts';
import {
  checklistOf,
  contractNotFound,
  contractView,
  coversJeugdwet,
  findContract,
  findProvider,
  productsOf,
  validateContract,
} from './provider-repository.ts';
import {
  ContractCreateSchema,
  ContractListQuery,
  ContractProductCreateSchema,
  ContractProductSchema,
  ContractProductUpdateSchema,
  ContractSchema,
  ContractStatusSchema,
  ContractSummarySchema,
  ContractUpdateSchema,
  IdParams,
} from './provider-schemas.ts';

/**
 * Contracts per lot (docs/api/services.md): drawn up 'in-voorbereiding', with products and their tariffs
 * by period (no overlap per product, inside the contract's period), and a funding variant. A contract
 * only becomes 'actief' when the provider's checklist before contracting is complete (409 with the
 * blocking items otherwise); it may be suspended, resumed (checked again) and ended. An ended contract
 * no longer changes.
 */

const TAGS = ['Providers'];

const TRANSITIONS: Record<string, readonly string[]> = {
  'in-voorbereiding': ['actief', 'beeindigd'],
  actief: ['opgeschort', 'beeindigd'],
  opgeschort: ['actief', 'beeindigd'],
  beeindigd: [],
};

const contractEnded = () =>
  problem(409, 'contract-ended', {
    nl: 'Dit contract is beëindigd en verandert niet meer.',
    en: 'This contract has ended and no longer changes.',
  });

const productNotFound = () =>
  problem(404, 'not-found', {
    nl: 'Dit product bestaat niet in een contract van deze gemeente.',
    en: 'This product does not exist in a contract of this municipality.',
  });

async function viewOrThrow(tx: Tx, m: string, id: string) {
  const view = await contractView(tx, m, id);
  if (!view) throw contractNotFound();
  return view;
}

/** The checks a product's period and tariff must pass; the caller holds the contract's row lock. */
async function checkProduct(
  tx: Tx,
  m: string,
  contract: { id: string; valid_from: string; valid_until: string | null },
  serviceId: string,
  period: { from: string; until: string | null },
  except?: string,
) {
  const errors: InvalidParam[] = [];
  if (period.until !== null && period.until < period.from)
    errors.push({
      name: 'body.validUntilDate',
      code: 'period-reversed',
      reason: { nl: 'De einddatum ligt voor de begindatum.', en: 'The end date is before the start date.' },
    });
  else if (!periodWithin(period, { from: contract.valid_from, until: contract.valid_until }))
    errors.push({
      name: 'body.validFromDate',
      code: 'outside-contract',
      reason: {
        nl: `De periode valt buiten de looptijd van het contract (${contract.valid_from} tot ${contract.valid_until ?? 'onbepaald'}).`,
        en: `The period lies outside the contract's term (${contract.valid_from} to ${contract.valid_until ?? 'open'}).`,
      },
    });
  if (errors.length > 0) throw invalid(errors);
  const siblings = (await productsOf(tx, m, contract.id))
    .filter((p) => p.serviceId === serviceId)
    .map((p) => ({ id: p.id, from: p.validFromDate, until: p.validUntilDate }));
  const clash = firstOverlap(period, siblings, except);
  if (clash)
    throw problem(409, 'product-overlap', {
      nl: `Dit product heeft in dit contract al een tarief vanaf ${clash.from}${clash.until ? ` tot en met ${clash.until}` : ''}.`,
      en: `This product already has a tariff in this contract from ${clash.from}${clash.until ? ` to ${clash.until}` : ''}.`,
    });
}

export function registerContractRoutes(app: GripApp): void {
  app.get(
    '/api/v1/contracts',
    {
      config: { action: 'contract.list' },
      schema: {
        tags: TAGS,
        summary: 'Contracts, by provider, status or product',
        querystring: ContractListQuery,
        response: {
          200: z
            .object({
              items: z.array(
                ContractSummarySchema.extend({ providerId: z.uuid(), providerName: z.string() }),
              ),
            })
            .meta({ id: 'ContractList' }),
        },
      },
    },
    async (request) => {
      const { municipalityCode: m } = request.grip.actor!;
      const { providerId, status, serviceId } = request.query;
      return request.tenant(async (tx) => {
        let query = tx
          .selectFrom('contract as c')
          .innerJoin('provider as p', (j) =>
            j.onRef('p.municipality_code', '=', 'c.municipality_code').onRef('p.id', '=', 'c.provider_id'),
          )
          .where('c.municipality_code', '=', m)
          .select([
            'c.id',
            'c.reference',
            'c.lot',
            'c.funding_variant',
            'c.status',
            'c.valid_from',
            'c.valid_until',
            'c.provider_id',
            'p.name as provider_name',
          ]);
        if (providerId) query = query.where('c.provider_id', '=', providerId);
        if (status) query = query.where('c.status', '=', status);
        if (serviceId)
          query = query.where((eb) =>
            eb.exists(
              eb
                .selectFrom('contract_product as cp')
                .select('cp.id')
                .whereRef('cp.municipality_code', '=', 'c.municipality_code')
                .whereRef('cp.contract_id', '=', 'c.id')
                .where('cp.service_id', '=', serviceId),
            ),
          );
        const rows = await query.orderBy('c.reference').limit(2000).execute();
        return {
          items: rows.map((c) => ({
            id: c.id,
            reference: c.reference,
            lot: c.lot,
            fundingVariant: c.funding_variant,
            status: c.status,
            validFromDate: c.valid_from,
            validUntilDate: c.valid_until,
            providerId: c.provider_id,
            providerName: c.provider_name,
          })),
        };
      });
    },
  );

  app.get(
    '/api/v1/contracts/:id',
    {
      config: { action: 'contract.read' },
      schema: {
        tags: TAGS,
        summary: 'One contract with its products and tariffs',
        params: IdParams,
        response: { 200: ContractSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const contract = await request.tenant((tx) => viewOrThrow(tx, m, request.params.id));
      setEtag(reply, contract.version);
      return contract;
    },
  );

  app.post(
    '/api/v1/contracts',
    {
      config: { action: 'contract.create' },
      schema: {
        tags: TAGS,
        summary: 'Draw up a contract for a lot (status in-voorbereiding)',
        body: ContractCreateSchema,
        response: { 201: ContractSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const b = request.body;
      const contract = await request.tenant(async (tx) => {
        await validateContract(tx, b);
        const provider = await findProvider(tx, m, b.providerId);
        if (!provider)
          throw invalid([
            {
              name: 'body.providerId',
              code: 'unknown-provider',
              reason: {
                nl: 'Deze aanbieder bestaat niet in deze gemeente.',
                en: 'This provider does not exist here.',
              },
            },
          ]);
        const taken = await tx
          .selectFrom('contract')
          .select('id')
          .where('municipality_code', '=', m)
          .where('reference', '=', b.reference)
          .executeTakeFirst();
        if (taken)
          throw problem(409, 'contract-reference-taken', {
            nl: `Er is al een contract met kenmerk ${b.reference}.`,
            en: `There is already a contract with reference ${b.reference}.`,
          });
        const row = await tx
          .insertInto('contract')
          .values({
            municipality_code: m,
            provider_id: provider.id,
            reference: b.reference,
            lot: b.lot,
            funding_variant: b.fundingVariant,
            valid_from: b.validFromDate,
            valid_until: b.validUntilDate,
            region_code: b.regionCode,
            lump_sum_cents_per_month: b.lumpSumCentsPerMonth,
            status: 'in-voorbereiding',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return viewOrThrow(tx, m, row.id);
      });
      setEtag(reply, contract.version);
      return reply.code(201).send(contract);
    },
  );

  app.put(
    '/api/v1/contracts/:id',
    {
      config: { action: 'contract.update' },
      schema: {
        tags: TAGS,
        summary: 'Change the lot, period, region or funding of a contract (If-Match)',
        params: IdParams,
        body: ContractUpdateSchema,
        response: { 200: ContractSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const expected = requiredVersion(request);
      const b = request.body;
      const contract = await request.tenant(async (tx) => {
        const current = await findContract(tx, m, request.params.id, true);
        if (!current) throw contractNotFound();
        if (current.version !== expected) throw versionConflict(current.version);
        if (current.status === 'beeindigd') throw contractEnded();
        await validateContract(tx, b);
        if (b.fundingVariant !== current.funding_variant && current.status !== 'in-voorbereiding')
          throw problem(409, 'funding-variant-fixed', {
            nl: 'De uitvoeringsvariant ligt vast zodra het contract actief is geweest.',
            en: 'The funding variant is fixed once the contract has been active.',
          });
        const outside = (await productsOf(tx, m, current.id)).filter(
          (p) =>
            !periodWithin(
              { from: p.validFromDate, until: p.validUntilDate },
              { from: b.validFromDate, until: b.validUntilDate },
            ),
        );
        if (outside.length > 0)
          throw problem(
            409,
            'products-outside-period',
            {
              nl: 'Producten van het contract vallen buiten de nieuwe looptijd. Pas die eerst aan.',
              en: 'Products of the contract fall outside the new term. Change them first.',
            },
            {
              invalidParams: outside.map((p) => ({
                name: `products.${p.id}`,
                code: 'outside-contract',
                reason: {
                  nl: `${p.serviceCode} ${p.validFromDate} – ${p.validUntilDate ?? 'onbepaald'}`,
                  en: `${p.serviceCode} ${p.validFromDate} – ${p.validUntilDate ?? 'open'}`,
                },
              })),
            },
          );
        await tx
          .updateTable('contract')
          .set({
            lot: b.lot,
            funding_variant: b.fundingVariant,
            valid_from: b.validFromDate,
            valid_until: b.validUntilDate,
            region_code: b.regionCode,
            lump_sum_cents_per_month: b.lumpSumCentsPerMonth,
            version: current.version + 1,
          })
          .where('municipality_code', '=', m)
          .where('id', '=', current.id)
          .execute();
        return viewOrThrow(tx, m, current.id);
      });
      setEtag(reply, contract.version);
      return contract;
    },
  );

  app.post(
    '/api/v1/contracts/:id/status',
    {
      config: { action: 'contract.status' },
      schema: {
        tags: TAGS,
        summary:
          'Activate, suspend or end a contract (If-Match); activation needs a complete checklist (409 with the open items)',
        params: IdParams,
        body: ContractStatusSchema,
        response: { 200: ContractSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m, userId } = request.grip.actor!;
      const expected = requiredVersion(request);
      const { status } = request.body;
      const contract = await request.tenant(async (tx) => {
        const current = await findContract(tx, m, request.params.id, true);
        if (!current) throw contractNotFound();
        if (current.version !== expected) throw versionConflict(current.version);
        if (!TRANSITIONS[current.status]!.includes(status))
          throw problem(409, 'status-transition', {
            nl: `Een contract met status ${current.status} kan niet naar ${status}.`,
            en: `A contract with status ${current.status} cannot go to ${status}.`,
          });
        if (status === 'actief') {
          const products = await productsOf(tx, m, current.id);
          if (products.length === 0 && current.funding_variant !== 'taakgericht')
            throw problem(409, 'contract-without-products', {
              nl: 'Een contract zonder producten kan niet actief worden.',
              en: 'A contract without products cannot become active.',
            });
          const jeugdwet = await coversJeugdwet(tx, m, { contractId: current.id });
          const checklist = await checklistOf(tx, m, current.provider_id, jeugdwet);
          if (!checklist.complete)
            throw problem(
              409,
              'quality-checks-open',
              {
                nl: 'Het contract kan niet actief worden: de kwaliteitstoets vóór contractering is niet rond.',
                en: 'The contract cannot become active: the quality checks before contracting are not complete.',
              },
              {
                invalidParams: checklist.lines
                  .filter((l) => l.blocks)
                  .map((l) => ({
                    name: `checklist.${l.item}`,
                    code: l.state,
                    reason: {
                      nl: `${l.label.nl}: ${l.state === 'ontbreekt' ? 'nog niet getoetst' : l.state}.`,
                      en: `${l.label.en}: ${l.state === 'ontbreekt' ? 'not checked yet' : l.state}.`,
                    },
                  })),
              },
            );
        }
        await tx
          .updateTable('contract')
          .set({
            status,
            status_changed_at: new Date(),
            status_changed_by: userId,
            version: current.version + 1,
          })
          .where('municipality_code', '=', m)
          .where('id', '=', current.id)
          .execute();
        return viewOrThrow(tx, m, current.id);
      });
      setEtag(reply, contract.version);
      return contract;
    },
  );

  app.post(
    '/api/v1/contracts/:id/products',
    {
      config: { action: 'contract-product.create' },
      schema: {
        tags: TAGS,
        summary: 'Add a product with its tariff for a period (inside the contract, no overlap per product)',
        params: IdParams,
        body: ContractProductCreateSchema,
        response: { 201: ContractProductSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const b = request.body;
      const product = await request.tenant(async (tx) => {
        const contract = await findContract(tx, m, request.params.id, true);
        if (!contract) throw contractNotFound();
        if (contract.status === 'beeindigd') throw contractEnded();
        const service = await findService(tx, m, b.serviceId);
        if (!service)
          throw invalid([
            {
              name: 'body.serviceId',
              code: 'unknown-service',
              reason: {
                nl: 'Deze voorziening bestaat niet in deze gemeente.',
                en: 'This service does not exist here.',
              },
            },
          ]);
        if (!service.active)
          throw problem(409, 'service-inactive', {
            nl: 'Deze voorziening is niet meer actief en kan niet worden gecontracteerd.',
            en: 'This service is no longer active and cannot be contracted.',
          });
        const unit = tariffUnit(b.unitCode, service.unit_code);
        await checkProduct(tx, m, contract, service.id, { from: b.validFromDate, until: b.validUntilDate });
        const row = await tx
          .insertInto('contract_product')
          .values({
            municipality_code: m,
            contract_id: contract.id,
            service_id: service.id,
            valid_from: b.validFromDate,
            valid_until: b.validUntilDate,
            tariff_cents: b.tariffCents,
            unit_code: unit,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return (await productsOf(tx, m, contract.id)).find((p) => p.id === row.id)!;
      });
      setEtag(reply, product.version);
      return reply.code(201).send(product);
    },
  );

  app.put(
    '/api/v1/contract-products/:id',
    {
      config: { action: 'contract-product.update' },
      schema: {
        tags: TAGS,
        summary: 'Change or end a contracted product tariff (If-Match)',
        params: IdParams,
        body: ContractProductUpdateSchema,
        response: { 200: ContractProductSchema },
      },
    },
    async (request, reply) => {
      const { municipalityCode: m } = request.grip.actor!;
      const expected = requiredVersion(request);
      const b = request.body;
      const product = await request.tenant(async (tx) => {
        const found = await tx
          .selectFrom('contract_product')
          .select(['contract_id'])
          .where('municipality_code', '=', m)
          .where('id', '=', request.params.id)
          .executeTakeFirst();
        if (!found) throw productNotFound();
        // Product changes lock their contract first (as adding one does); read the version under that lock.
        const contract = (await findContract(tx, m, found.contract_id, true))!;
        const current = (await productsOf(tx, m, contract.id)).find((p) => p.id === request.params.id)!;
        if (current.version !== expected) throw versionConflict(current.version);
        if (contract.status === 'beeindigd') throw contractEnded();
        await checkProduct(
          tx,
          m,
          contract,
          current.serviceId,
          { from: b.validFromDate, until: b.validUntilDate },
          current.id,
        );
        await tx
          .updateTable('contract_product')
          .set({
            valid_from: b.validFromDate,
            valid_until: b.validUntilDate,
            tariff_cents: b.tariffCents,
            version: current.version + 1,
          })
          .where('municipality_code', '=', m)
          .where('id', '=', current.id)
          .execute();
        return (await productsOf(tx, m, contract.id)).find((p) => p.id === current.id)!;
      });
      setEtag(reply, product.version);
      return product;
    },
  );
}
