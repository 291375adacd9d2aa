/**
 * Seed-claim summaries that belong to no other sop/* file: a cross-origin request is sent and
 * answered, only reading it is blocked (C13).
 */
import type { ScenarioInput } from '../../harness/scenario/scenario.ts';
import { DATA, readableBy } from '../lib.ts';
import { withBound } from './common.ts';

const area = 'sop/claims';

const RAW: ScenarioInput[] = [
  {
    id: 'sop.claims.c13-fetch-sent-unreadable',
    area,
    title: 'a cross-origin fetch is sent and answered (server log), only the response is unreadable',
    claims: ['C13', 'C51'],
    spec: ['corsCheck', 'corsProtocol'],
    responses: { data: DATA },
    probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' } } },
    expect: {
      blocked: true,
      observation: { resolved: false, error: 'TypeError' },
      evidence: { data: { arrived: true, actual: true, methods: ['GET'], origin: 'https://site.test' } },
    },
    control: {
      patch: {
        responses: {
          data: readableBy('*'),
        },
      },
      expect: { observation: { resolved: true, bodyReadable: true } },
    },
  },
  {
    id: 'sop.claims.c13-xhr-sent-unreadable',
    area,
    title: 'a cross-origin XHR POST is sent (server log) but fails for script',
    claims: ['C13'],
    spec: ['corsCheck'],
    responses: { data: DATA },
    probe: { kind: 'xhr', params: { target: { at: 'other', response: 'data' }, method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain' } } },
    expect: {
      blocked: true,
      observation: { loaded: false },
      evidence: { data: { arrived: true, preflight: false, methods: ['POST'], origin: 'https://site.test' } },
    },
    control: {
      patch: {
        responses: {
          data: readableBy('{{origin}}'),
        },
      },
      expect: { observation: { loaded: true, bodyReadable: true } },
    },
  },
  {
    id: 'sop.claims.c13-no-cors-opaque',
    area,
    title: "a mode: 'no-cors' cross-origin fetch resolves to an opaque response: sent, nothing readable",
    claims: ['C13', 'C14'],
    spec: ['corsProtocol'],
    responses: { data: DATA },
    probe: { kind: 'fetch', params: { target: { at: 'other', response: 'data' }, mode: 'no-cors' } },
    expect: { blocked: false, observation: { resolved: true, type: 'opaque', status: 0, body: '' }, evidence: { data: { arrived: true } } },
  },
];

export const scenarios: ScenarioInput[] = withBound(RAW);
