import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem } from './problem.ts';

/** Resources carry a version number; its ETag is the quoted number. */
export function setEtag(reply: FastifyReply, version: number): void {
  reply.header('ETag', `"${version}"`);
}

/** The version the client last saw, from If-Match. Missing → 428, malformed → 400. */
export function requiredVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (header === undefined || header === '') {
    throw problem(428, 'if-match-required', {
      nl: 'Stuur de versie die u wijzigt mee in de If-Match-header (de ETag van het laatste antwoord).',
      en: 'Send the version you are changing in the If-Match header (the ETag of the last response).',
    });
  }
  const match = /^(?:W\/)?"(\d+)"$/.exec(String(header).trim());
  if (!match) {
    throw problem(400, 'if-match-invalid', {
      nl: 'De If-Match-header moet een ETag zijn, zoals "3".',
      en: 'The If-Match header must be an ETag, such as "3".',
    });
  }
  return Number(match[1]);
}

export function versionConflict(currentVersion: number) {
  return problem(
    412,
    'version-conflict',
    {
      nl: `Iemand anders heeft dit intussen gewijzigd (nu versie ${currentVersion}). Haal de nieuwe versie op en breng uw wijziging opnieuw aan.`,
      en: `Someone else changed this in the meantime (now version ${currentVersion}). Fetch the new version and apply your change again.`,
    },
    { headers: { ETag: `"${currentVersion}"` } },
  );
}
