/**
 * Real clicks for a visit's documents: a probe that needs user activation (Storage Access's
 * requestStorageAccess(), a link the user follows) posts a click request to the mailbox, with a
 * point of the top-level viewport where its document lies; the engine's driver clicks there (an
 * input event the engine treats as the user's), and the harness answers in the mailbox. Clicks of
 * one visit are made one after another.
 */
import type { OpenedVisit } from '../../engines/engine.ts';
import { clickedKey, parseClickRequest } from '../../protocol/paths.ts';
import type { VisitStore } from '../../servers/visit-store.ts';

/** Viewport coordinates a page may ask for: the top-left corner region where pinned frames lie. */
const MAX_COORDINATE = 400;

function point(value: unknown): { x: number; y: number } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { x, y } = value as { x?: unknown; y?: unknown };
  if (typeof x !== 'number' || typeof y !== 'number') return undefined;
  if (!(x >= 0 && x <= MAX_COORDINATE && y >= 0 && y <= MAX_COORDINATE)) return undefined;
  return { x, y };
}

/** Watches the visit's mail for click requests and answers each; returns the way to stop. */
export function serveClicks(store: VisitStore, visitId: string, opened: OpenedVisit): () => void {
  let queue: Promise<void> = Promise.resolve();
  const answer = (probeKey: string, n: string, value: Record<string, unknown>) => {
    const text = JSON.stringify(value);
    store.post(visitId, clickedKey(probeKey, n), value, Buffer.byteLength(text));
  };
  return store.watchMail(visitId, (key, value) => {
    const request = parseClickRequest(key);
    if (!request) return;
    const at = point(value);
    queue = queue.then(async () => {
      if (!at) return answer(request.probeKey, request.n, { error: `a click request needs {x, y} within 0..${MAX_COORDINATE}` });
      if (!opened.click) return answer(request.probeKey, request.n, { error: 'this engine driver has no input actions' });
      try {
        await opened.click(at.x, at.y);
        answer(request.probeKey, request.n, { clicked: true });
      } catch (e) {
        answer(request.probeKey, request.n, { error: (e as Error).message.split('\n')[0] });
      }
    });
  });
}
