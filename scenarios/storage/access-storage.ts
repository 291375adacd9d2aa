/**
 * Non-cookie storage and the Storage Access API: other.test writes a value first-party (in a
 * popup), and an other.test frame of site.test, with the storage-access permission granted
 * through the automation protocol, looks for it with its own APIs before any request and after a
 * granted requestStorageAccess(): partitioned both times (the Storage Access API only impacts
 * cookies). requestStorageAccess() without types resolves with no StorageAccessHandle (the
 * non-cookie extension gives one only for requested types).
 *
 * Every row has the same control in the same visit: a frame of other.test inside the other.test
 * popup (first-party) reads the value with its own APIs and sees it.
 */
import type { CitationId } from '../../harness/citations/registry.ts';
import type { ScenarioInput, ScenarioOf } from '../../harness/scenario/scenario.ts';
import type { PartitionApi } from '../../probes/partition/index.ts';
import type { CatalogOriginName } from '../../protocol/origins.ts';
import type { PageGrant } from '../../protocol/visit.ts';
import { AGENT } from '../lib.ts';

const area = 'storage/access';
type Hop = { via: 'iframe' | 'popup'; at: CatalogOriginName; response: 'doc'; name?: string };
const FIRST_PARTY: Hop[] = [{ via: 'popup', at: 'other', response: 'doc' }];
const FIRST_PARTY_FRAME: Hop[] = [...FIRST_PARTY, { via: 'iframe', at: 'other', response: 'doc' }];
/** A frame that never requests (its storage stays as loaded), and one whose probes request access. */
const UNREQUESTED: Hop[] = [{ via: 'iframe', at: 'other', response: 'doc' }];
const REQUESTING: Hop[] = [{ via: 'iframe', at: 'other', response: 'doc', name: 'saa' }];

const GRANT: PageGrant[] = [{ name: 'storage-access', state: 'granted', origin: 'site', embeddedOrigin: 'other' }];
/** site.test with the permission granted for other.test under it: no cookies, so no cookie prelude. */
const PAGE: NonNullable<ScenarioInput['page']> = { at: 'site', grants: GRANT };

type Api = Extract<PartitionApi, 'localStorage' | 'indexedDB' | 'cacheStorage' | 'broadcastChannel' | 'webLocks'>;
const APIS: Api[] = ['localStorage', 'indexedDB', 'cacheStorage', 'broadcastChannel', 'webLocks'];
const SLUG: Record<Api, string> = { localStorage: 'local', indexedDB: 'idb', cacheStorage: 'cache', broadcastChannel: 'broadcast', webLocks: 'locks' };
const API_SPEC: Record<Api, CitationId> = {
  localStorage: 'localStorage',
  indexedDB: 'indexedDB',
  cacheStorage: 'cacheStorage',
  broadcastChannel: 'broadcastChannel',
  webLocks: 'webLocks',
};
/** What the reader finds when the value is visible (a lock: held by the writer). */
const found = (api: Api) => (api === 'webLocks' ? 'held' : 'written');

type Access = NonNullable<ScenarioOf<'partition'>['probe']['params']['access']>;
interface Row {
  api: Api;
  mode: string;
  says: string;
  access?: Access;
  /** What the frame finds: the value, nothing (null), or an error reading it. */
  sees: 'value' | null | { readError: string };
  /** The request's answer, where one is made: granted, and whether it came with a handle. */
  handle?: boolean;
  spec: CitationId[];
  /** A visit of its own. */
  solo?: boolean;
}

const PLAIN: CitationId[] = ['storageAccessOnlyCookies', 'storagePartitioning', 'storageKey'];

/** Before any request, and the document's own storage after a granted request: partitioned either way. */
function plainRows(api: Api): Row[] {
  return [
    { api, mode: 'before', says: 'before any request, its own ' + api, sees: null, spec: ['storagePartitioning', 'storageKey'] },
    {
      api,
      mode: 'plain-after-cookies',
      says: `its own ${api} after requestStorageAccess() resolved`,
      access: { via: 'plain' },
      sees: null,
      handle: false,
      spec: ['requestStorageAccess', ...PLAIN],
    },
  ];
}

const MEMBER: Record<Api, string> = {
  localStorage: 'localStorage',
  indexedDB: 'indexedDB',
  cacheStorage: 'caches',
  broadcastChannel: 'BroadcastChannel',
  webLocks: 'locks',
};

/**
 * Through the StorageAccessHandle of a request for the API's own type: the first-party storage key.
 * localStorage only, in a visit of its own: in Chromium 156 (permission granted through CDP), a
 * frame that opened handle.indexedDB, handle.caches, handle.locks or handle.BroadcastChannel()
 * stopped answering, and every other.test document of the visit (one renderer) with it.
 */
function handleRow(api: Api): Row {
  return {
    api,
    mode: 'handle-own-type',
    says: `through the StorageAccessHandle of requestStorageAccess({ ${MEMBER[api]}: true })`,
    access: { types: [api], via: 'handle' },
    sees: 'value',
    handle: true,
    spec: ['saaTypes', 'saaHandleStorage'],
    solo: true,
  };
}

/**
 * Left out: requestStorageAccess({ all: true }) (its handle, and the document's own storage after
 * it). In Chromium 156, with the permission granted through CDP, the handle's localStorage is read,
 * then the other.test documents of the visit (one renderer) stop answering, in a visit of its own
 * too (4 runs of 4); listed as open in docs/document-side.md.
 */
const EXTRA: Row[] = [
  {
    api: 'localStorage',
    mode: 'handle-cookies-only',
    says: 'through requestStorageAccess() without types, which resolves with no StorageAccessHandle',
    access: { via: 'handle' },
    sees: null,
    handle: false,
    spec: ['saaTypes', 'requestStorageAccess'],
  },
];

function outcome(r: Row): string {
  if (r.sees === 'value') return 'visible (the first-party storage key)';
  if (r.sees === null) return r.mode === 'handle-cookies-only' ? 'nothing to read with' : 'not visible (partitioned)';
  return `${r.sees.readError}`;
}

function scenario(r: Row): ScenarioOf<'partition'> {
  const observation: Record<string, unknown> = { contexts: { writer: true, reader: true }, written: true };
  if (r.access) Object.assign(observation, { requested: 'granted', handle: r.handle });
  if (r.sees === 'value') observation.value = found(r.api);
  else if (r.sees === null && r.mode !== 'handle-cookies-only') observation.value = null;
  else if (r.sees !== null) Object.assign(observation, r.sees);
  return {
    id: `storage.access.granted.storage.${SLUG[r.api]}.${r.mode}`,
    area,
    title: `granted: ${r.api} written first-party on other.test, read by an other.test frame of site.test ${r.says}: ${outcome(r)}`,
    spec: [API_SPEC[r.api], ...r.spec, 'storageAccessPermission', 'storageAccessAutomation'],
    page: PAGE,
    responses: { doc: AGENT },
    probe: {
      kind: 'partition',
      params: {
        api: r.api,
        value: 'written',
        writer: FIRST_PARTY,
        reader: r.access ? REQUESTING : UNREQUESTED,
        ...(r.access ? { access: r.access } : {}),
      },
      timeoutMs: 10_000,
    },
    expect: { blocked: r.sees !== 'value', observation },
    ...(r.solo ? { solo: true } : {}),
    control: {
      patch: { probe: { params: { reader: FIRST_PARTY_FRAME, access: null } } },
      expect: { observation: { contexts: { writer: true, reader: true }, written: true, value: found(r.api) } },
    },
  };
}

export const scenarios: ScenarioInput[] = [...APIS.flatMap(plainRows), handleRow('localStorage'), ...EXTRA].map(scenario);
