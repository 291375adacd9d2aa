/** The workers' side of the visit service: "the row of scenario ID on ENGINE", answered with it. */
import http from 'node:http';
import type { EngineName } from '../../engines/engine.ts';
import type { RowAnswer } from './visit-service.ts';

export const SERVICE_ENV = 'ORIGINPROOF_VISIT_SERVICE';
/** The module whose `serviceSuite()` gives the service its visits (default: the conformance catalog). */
export const SUITE_MODULE_ENV = 'ORIGINPROOF_SUITE_MODULE';
/** The line the service prints on stdout once it listens, followed by its URL. */
export const READY_PREFIX = 'originproof-visit-service ';

export class VisitServiceClient {
  constructor(
    private engine: EngineName,
    private serviceUrl: string,
  ) {}

  row(id: string): Promise<RowAnswer> {
    const body = JSON.stringify({ engine: this.engine, id });
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.serviceUrl}/row`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
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
          resolve(parsed as RowAnswer);
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
