import { messageTypeByCode, basisNamespace, type MessageType } from './message-types.ts';
import { writer } from './xml-writer.ts';

/**
 * Builders of the messages a provider sends (305 start, 307 stop, 323 declaration), as the provider's
 * software would write them. Grip uses them for tests, the benchmark and demo data; the import never
 * trusts them more than any other message.
 */

export interface ProviderHeader {
  standard: 'iwmo' | 'ijw';
  providerAgb: string;
  /** 4 digits. */
  municipalityNumber: string;
  identification: string;
  datedOn: string;
}

export interface ClientName {
  bsn: string;
  birthDate: string;
  sex: string;
  familyName: string;
  initials?: string;
}

export interface StartStopProduct {
  toewijzingNumber: number;
  category: string;
  code?: string | null;
  allocationStartDate: string;
  startDate: string;
  /** Stop only. */
  endDate?: string;
  endReasonCode?: string;
  deliveryStatus?: '1' | '2' | '3';
}

export interface DeclarationLine {
  bsn: string;
  reference: string;
  toewijzingNumber: number;
  category: string;
  code: string;
  periodStart: string;
  periodEnd: string;
  volume: number;
  unitCode: string;
  tariffCents: number;
  amountCents: number;
  credit?: boolean;
}

function typeOf(standard: 'iwmo' | 'ijw', number: string): MessageType {
  return messageTypeByCode(`${standard === 'iwmo' ? 'WMO' : 'JW'}${number}`)!;
}

function open(type: MessageType) {
  return writer(type.code.toLowerCase(), type.namespace, type.standard, basisNamespace(type.standard));
}

function header(w: ReturnType<typeof open>, type: MessageType, h: ProviderHeader) {
  return w.el(
    'Header',
    w.leaf('BerichtCode', type.berichtCode),
    w.leaf('BerichtVersie', 3),
    w.leaf('BerichtSubversie', 2),
    w.leaf('Afzender', h.providerAgb),
    w.leaf('Ontvanger', h.municipalityNumber),
    w.el('BerichtIdentificatie', w.base('Identificatie', h.identification), w.base('Dagtekening', h.datedOn)),
    w.el('XsdVersie', w.base('BasisschemaXsdVersie', '1.0.0'), w.base('BerichtXsdVersie', '1.0.0')),
  );
}

function startStop(
  kind: 'start' | 'stop',
  h: ProviderHeader,
  client: ClientName,
  products: StartStopProduct[],
) {
  const type = typeOf(h.standard, kind === 'start' ? '305' : '307');
  const w = open(type);
  const list = kind === 'start' ? 'StartProducten' : 'StopProducten';
  const item = kind === 'start' ? 'StartProduct' : 'StopProduct';
  return w.document(
    header(w, type, h),
    w.el(
      'Client',
      w.leaf('Bsn', client.bsn),
      w.el('Geboortedatum', w.base('Datum', client.birthDate)),
      w.leaf('Geslacht', client.sex),
      w.el(
        'Naam',
        w.baseEl('Geslachtsnaam', w.base('Achternaam', client.familyName)),
        w.base('Voorletters', client.initials ?? null),
      ),
      w.el(
        list,
        products.map((p) =>
          w.el(
            item,
            w.leaf('ToewijzingNummer', p.toewijzingNumber),
            w.el('Product', w.base('Categorie', p.category), w.base('Code', p.code ?? null)),
            w.leaf('ToewijzingIngangsdatum', p.allocationStartDate),
            w.leaf('Begindatum', p.startDate),
            kind === 'stop' && w.leaf('RedenBeeindiging', p.endReasonCode ?? '19'),
            kind === 'stop' && w.leaf('Einddatum', p.endDate),
            w.leaf('StatusAanlevering', p.deliveryStatus ?? '1'),
          ),
        ),
      ),
    ),
  );
}

export const startMessage = (h: ProviderHeader, client: ClientName, products: StartStopProduct[]) =>
  startStop('start', h, client, products);

export const stopMessage = (h: ProviderHeader, client: ClientName, products: StartStopProduct[]) =>
  startStop('stop', h, client, products);

/**
 * A 323 declaration. Lines of the same client are grouped under one Client, in the order the clients
 * first appear. Builds the text in parts, so a file of 100,000 lines stays one string join.
 */
export function declarationMessage(
  h: ProviderHeader,
  declaration: { number: string; periodStart: string; periodEnd: string; datedOn?: string },
  lines: DeclarationLine[],
): string {
  const type = typeOf(h.standard, '323');
  const w = open(type);
  const byClient = new Map<string, DeclarationLine[]>();
  for (const line of lines) {
    const list = byClient.get(line.bsn);
    if (list) list.push(line);
    else byClient.set(line.bsn, [line]);
  }
  const total = lines.reduce((sum, l) => sum + (l.credit ? -l.amountCents : l.amountCents), 0);
  const clients: string[] = [];
  for (const [bsn, list] of byClient) {
    clients.push(
      w.el(
        'Client',
        w.leaf('Bsn', bsn),
        w.el(
          'Prestaties',
          list.map((l) =>
            w.el(
              'Prestatie',
              w.el('ProductReferentie', w.base('ReferentieNummer', l.reference)),
              w.leaf('ToewijzingNummer', l.toewijzingNumber),
              w.leaf('ProductCategorie', l.category),
              w.leaf('ProductCode', l.code),
              w.el('ProductPeriode', w.base('Begindatum', l.periodStart), w.base('Einddatum', l.periodEnd)),
              w.leaf('GeleverdVolume', l.volume),
              w.leaf('Eenheid', l.unitCode),
              w.leaf('ProductTarief', l.tariffCents),
              w.el(
                'IngediendBedrag',
                w.base('Bedrag', l.amountCents),
                w.base('DebetCredit', l.credit ? 'C' : 'D'),
              ),
            ),
          ),
        ),
      ),
    );
  }
  return w.document(
    header(w, type, h),
    w.el(
      'Declaratie',
      w.leaf('DeclaratieNummer', declaration.number),
      w.el(
        'DeclaratiePeriode',
        w.base('Begindatum', declaration.periodStart),
        w.base('Einddatum', declaration.periodEnd),
      ),
      w.leaf('DeclaratieDagtekening', declaration.datedOn ?? h.datedOn),
      w.el(
        'TotaalIngediendBedrag',
        w.base('TotaalBedrag', Math.abs(total)),
        w.base('DebetCredit', total < 0 ? 'C' : 'D'),
      ),
      w.el('Clienten', clients),
    ),
  );
}
