/** The `partition` probe kind: its contract and outcome word (the runtime: runtime.js beside it). */
import { z } from 'zod';
import { targetRef, contextPath, waitMs, observation, b, s, kind, isFalse, runtimeBlock } from '../contract.ts';
import { o, isObj, type Obs, type Outcome } from '../outcome-words.ts';

/** A value written in one context and looked for in another: seen there or not. */
function outcome(x: Obs): Outcome | undefined {
  if (isObj(x.contexts) && Object.values(x.contexts).some((v) => v === false)) return o('no target', 'none');
  if (x.written === false) return o('not written', 'closed');
  if (typeof x.requested === 'string' && x.requested !== 'granted') return o(`refused (${x.requested})`, 'closed');
  if (x.handle === false && !('value' in x)) return o('no handle', 'closed');
  if (typeof x.readError === 'string') return o('read fails', 'closed');
  if ('value' in x) return x.value === null || x.value === undefined ? o('not visible', 'closed') : o('visible', 'open');
  return undefined;
}

/** The storage APIs the partition probe writes and reads (each keyed by storage key in its standard). */
export const PARTITION_APIS = [
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'cacheStorage',
  'broadcastChannel',
  'sharedWorker',
  'serviceWorker',
  'webLocks',
  'blobUrl',
] as const;
export type PartitionApi = (typeof PARTITION_APIS)[number];

export const partition = kind({
  params: z.strictObject({
    api: z.enum(PARTITION_APIS),
    value: z.string().min(1),
    /** Where the value is written (posted, registered, held, created) and where it is looked for. */
    writer: contextPath,
    reader: contextPath,
    /** After writing, the value is removed here (another partition, or the writer's own as a control). */
    remove: contextPath.optional(),
    /** The reader asks a dedicated worker it starts (indexedDB, cacheStorage, webLocks). */
    inWorker: z.boolean().optional(),
    /** The SharedWorker script (sharedWorker) or the service worker script (serviceWorker), on the contexts' origin. */
    sharedWorker: targetRef.optional(),
    serviceWorker: targetRef.optional(),
    /** How long a reader waits for a broadcast message before saying it saw none. */
    waitMs,
    /**
     * The reader first calls document.requestStorageAccess(): with `types` ('all', or the handle
     * members of these APIs: the non-cookie extension), or none (cookies only); then reads through
     * the StorageAccessHandle it resolved with (`handle`) or through its own APIs (`plain`). Null:
     * no request (a control's patch).
     */
    access: z
      .strictObject({ types: z.union([z.literal('all'), z.array(z.enum(PARTITION_APIS)).min(1)]).optional(), via: z.enum(['handle', 'plain']) })
      .nullable()
      .optional(),
  }),
  observation: observation({
    /** Per role: whether that context came up (shared with every partition probe of the visit). */
    contexts: z.strictObject({ writer: b, reader: b, remove: b }).optional(),
    written: b,
    writeError: s,
    removed: b,
    /** What the reader found: the value, 'registered' / 'held' for registrations and locks, null for nothing. */
    value: z.string().nullable().optional(),
    readError: s,
    /** With `access`: requestStorageAccess() 'granted', the rejection's name, 'absent' or 'pending' (a prompt waits). */
    requested: s,
    /** With `access`: it resolved with a StorageAccessHandle (an object), not undefined. */
    handle: b,
  }),
  blocks: (o) =>
    runtimeBlock(o) ||
    isFalse(o, 'written', 'handle') ||
    (typeof o.requested === 'string' && o.requested !== 'granted') ||
    o.value === null ||
    typeof o.readError === 'string' ||
    Object.values((o.contexts ?? {}) as Record<string, unknown>).some((v) => v === false),
  outcome,
});

export default partition;
