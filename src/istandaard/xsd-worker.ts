import { parentPort, workerData } from 'node:worker_threads';
import type { MessageType } from './message-types.ts';
import { validateCompiled } from './xsd-compiled.ts';

/**
 * Worker thread of `validateMessageInWorker` (xsd-validation.ts): validates one large message with the
 * validator compiled from the XSDs, so that the main thread can read and book it meanwhile.
 */
const { type, dir, xml } = workerData as { type: MessageType; dir: string; xml: string };
parentPort!.postMessage(validateCompiled(type, dir, xml));
