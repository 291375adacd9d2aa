/** Evidence says which catalog origin a request reached: how an upgraded http:// request is seen. */
import { test, expect } from '@playwright/test';
import { NOTHING_ARRIVED, summarize } from '../../harness/judge/evidence.ts';

test('evidence names the origin the first actual request reached, not a preflight', () => {
  const base = { t: 0, visitId: 'v', probe: 'p', path: '/' };
  const e = summarize([
    { ...base, response: 'r', at: 'other' as const, method: 'OPTIONS', acrMethod: 'PUT' },
    { ...base, response: 'r', at: 'site' as const, method: 'PUT' },
    { ...base, response: 'r', at: 'httpSite' as const, method: 'PUT' },
    { ...base, response: 'img', at: 'httpOther' as const, method: 'GET' },
  ]);
  expect(e.r.reached).toBe('site');
  expect(e.img.reached).toBe('httpOther');
});

test('nothing arrived: no origin was reached', () => {
  expect(NOTHING_ARRIVED.reached).toBeNull();
});
