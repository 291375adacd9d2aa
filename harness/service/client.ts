/** The workers' side of the visit service: "the row of scenario ID (or every row of visit KEY) on ENGINE", answered with it. */
import http from 'node:http';
import type { EngineName } from '../../engines/engine.ts';
import type { RowAnswer, VisitRowsAnswer } from './visit-service.ts';

export const SERVICE_ENV = 'ORIGINPROOF_VISIT_SERVICE';
/** The module whose `serviceSuite()` composes what the service runs (suite.ts); set by spawn.ts. */
export const SUITE_MODULE_ENV = 'ORIGINPROOF_SUITE_MODULE';
/** The line the service prints on stdout once it listens, followed by its URL. */
export const READY_PREFIX = 'originproof-visit-service ';

export class VisitServiceClient {
  constructor(
    private engine: EngineName,
    private serviceUrl: string,
  ) {}

  row(id: string): Promise<RowAnswer> {
    return this.post('/row', { id });
  }

  /** Every row of one visit (the parsing area's tests stand for a whole visit). */
  visitRows(key: string): Promise<VisitRowsAnswer> {
    return this.post('/visit-rows', { key });
  }

  private post<T>(endpoint: string, request: Record<string, string>): Promise<T> {
    const body = JSON.stringify({ engine: this.engine, ...request });
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.serviceUrl}${endpoint}`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            return reject(new Error(`originproof: the visit service answered ${res.statusCode} with something that is not JSON`));
          }
          if (res.statusCode !== 200)
            return reject(new Error(`originproof: ${this.engine}: ${(parsed as { error?: string }).error ?? `status ${res.statusCode}`}`));
          resolve(parsed as T);
        });
        res.on('error', reject);
      });
      req.on('error', (e) =>
        reject(new Error(`originproof: the visit service at ${this.serviceUrl} is unreachable (${e.message}); did it die? see its output above`)),
      );
      req.end(body);
    });
  }
}
