import { basisNamespace, messageTypeByCode, type MessageType, type Standard } from './message-types.ts';
import type { LineOutcome, ParsedMessage } from './message-import.ts';
import { writer } from './xml-writer.ts';

/**
 * The 325 (declaratie-antwoord, WMO325 / JW325): the standard's answer to a booked 323. It repeats every
 * prestatie as the provider sent it, grouped per client as in the 323, each with its retourcode: 0200 when
 * accepted, else the code of the check that rejected it (declaration-checks.ts, message-import.ts). The
 * header and the declaration carry 0200: the message as a whole was processed (a message refused as a
 * whole is answered with a problem, and nothing is booked). TotaalToegekendBedrag is the sum of the
 * accepted debit lines.
 *
 * JW325 validates against the iJw 3.2 XSD in shared/standards. The iWmo 3.2 folder there has no WMO325
 * XSD; the WMO325 is written with the same structure as the JW325 in the iWmo namespaces, with BerichtCode
 * 485 (the code after WMO323's 484), which could not be checked against a schema.
 */

const WMO325: MessageType = {
  code: 'WMO325',
  standard: 'iwmo',
  number: '325',
  berichtCode: '485',
  namespace: 'http://www.istandaarden.nl/iwmo/3_2/wmo325/schema',
  lawCode: 'wmo',
  handling: 'not-accepted',
};

/** The 325 that answers a 323 of this standard. */
export function retourMessageType(standard: Standard): MessageType {
  return standard === 'iwmo' ? WMO325 : messageTypeByCode('JW325')!;
}

export interface RetourInput {
  /** The booked 323 as read. */
  declaration: Extract<ParsedMessage, { kind: 'declaration' }>;
  /** The outcome of each of its prestaties, in message order (ImportResult.lines). */
  outcomes: readonly LineOutcome[];
  /** BerichtIdentificatie of the 325 and its Dagtekening. */
  identification: string;
  datedOn: string;
}

export function buildDeclarationRetour(input: RetourInput): string {
  const { declaration, outcomes } = input;
  if (outcomes.length !== declaration.lines.length) {
    throw new Error('the retour needs one outcome per prestatie of the declaration');
  }
  const type = retourMessageType(declaration.type.standard);
  const w = writer(type.code.toLowerCase(), type.namespace, type.standard, basisNamespace(type.standard));
  const codes = (...values: string[]) =>
    w.el(
      'RetourCodes',
      values.map((v) => w.leaf('RetourCode', v)),
    );
  const processed = codes('0200');

  // Per client in the order the 323 names them; each prestatie with its own outcome.
  const byClient = new Map<string, string[]>();
  let granted = 0;
  declaration.lines.forEach((line, i) => {
    const outcome = outcomes[i]!;
    if (outcome.status === 'geaccepteerd' && line.debitCredit === 'D') granted += line.amountCents;
    const prestatie = w.el(
      'Prestatie',
      w.el(
        'ProductReferentie',
        w.base('ReferentieNummer', line.reference),
        w.base('VorigReferentieNummer', line.previousReference),
      ),
      w.leaf('ToewijzingNummer', line.toewijzingNumber),
      w.leaf('ProductCategorie', line.productCategoryCode),
      w.leaf('ProductCode', line.productCode),
      w.el('ProductPeriode', w.base('Begindatum', line.periodStart), w.base('Einddatum', line.periodEnd)),
      w.leaf('GeleverdVolume', line.volume),
      w.leaf('Eenheid', line.unitCode),
      w.leaf('ProductTarief', line.productTariffCents),
      w.el('IngediendBedrag', w.base('Bedrag', line.amountCents), w.base('DebetCredit', line.debitCredit)),
      codes(outcome.code),
    );
    const list = byClient.get(line.bsn);
    if (list) list.push(prestatie);
    else byClient.set(line.bsn, [prestatie]);
  });
  const clients: string[] = [];
  for (const [bsn, prestaties] of byClient) {
    clients.push(w.el('Client', w.leaf('Bsn', bsn), w.el('Prestaties', prestaties), processed));
  }

  const total = declaration.totalCents;
  const { header } = declaration;
  return w.document(
    w.el(
      'Header',
      w.leaf('BerichtCode', type.berichtCode),
      w.leaf('BerichtVersie', 3),
      w.leaf('BerichtSubversie', 2),
      w.leaf('Afzender', header.receiver),
      w.leaf('Ontvanger', header.sender),
      w.el(
        'BerichtIdentificatie',
        w.base('Identificatie', input.identification),
        w.base('Dagtekening', input.datedOn),
      ),
      w.el('XsdVersie', w.base('BasisschemaXsdVersie', '1.0.0'), w.base('BerichtXsdVersie', '1.0.0')),
      w.el(
        'DeclaratieIdentificatie',
        w.base('Identificatie', header.identification),
        w.base('Dagtekening', header.datedOn),
      ),
      w.el(
        'XsdVersieDeclaratie',
        w.base('BasisschemaXsdVersie', declaration.xsdVersion.basis),
        w.base('BerichtXsdVersie', declaration.xsdVersion.message),
      ),
      processed,
    ),
    w.el(
      'DeclaratieAntwoord',
      w.leaf('DeclaratieNummer', declaration.declarationNumber),
      w.el(
        'TotaalIngediendBedrag',
        w.base('TotaalBedrag', Math.abs(total)),
        w.base('DebetCredit', total < 0 ? 'C' : 'D'),
      ),
      w.el('TotaalToegekendBedrag', w.base('TotaalBedrag', granted), w.base('DebetCredit', 'D')),
      clients.length > 0 && w.el('Clienten', clients),
      processed,
    ),
  );
}
