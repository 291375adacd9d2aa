/**
 * A minimal W3C WebDriver (classic) client: new session, navigate, delete session.
 * Written here rather than taken from a package because the harness needs only these
 * four commands, and the maintained clients (webdriverio, selenium-webdriver) bring
 * large dependency trees and try to download drivers, which cannot work on this network.
 */
export class WebDriverError extends Error {}

export class WebDriverClient {
  constructor(readonly baseUrl: string) {}

  async command<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, timeoutMs = 30_000): Promise<T> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), timeoutMs);
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: ctrl.signal,
      });
    } catch (e) {
      throw new WebDriverError(`WebDriver ${method} ${path} failed: ${ctrl.signal.aborted ? `no answer in ${timeoutMs} ms` : (e as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    const json = (await res.json().catch(() => ({}))) as { value?: { error?: string; message?: string } & T };
    if (!res.ok || (json.value && typeof json.value === 'object' && 'error' in json.value && json.value.error)) {
      throw new WebDriverError(`WebDriver ${method} ${path}: ${json.value?.error ?? res.status} ${json.value?.message ?? ''}`.trim());
    }
    return json.value as T;
  }

  async newSession(capabilities: Record<string, unknown>, timeoutMs = 60_000): Promise<{ sessionId: string; capabilities: Record<string, unknown> }> {
    return this.command('POST', '/session', { capabilities: { alwaysMatch: capabilities } }, timeoutMs);
  }

  navigate(sessionId: string, url: string, timeoutMs = 15_000) {
    return this.command('POST', `/session/${sessionId}/url`, { url }, timeoutMs);
  }

  deleteSession(sessionId: string) {
    return this.command('DELETE', `/session/${sessionId}`, undefined, 15_000);
  }

  async ready(): Promise<boolean> {
    try {
      const s = await this.command<{ ready: boolean }>('GET', '/status', undefined, 2000);
      return !!s.ready || s.ready === undefined;
    } catch {
      return false;
    }
  }
}
