/**
 * A minimal W3C WebDriver (classic) client: status, new session, navigate, windows, delete session.
 * Kept here rather than taken from a package: the harness needs a handful of commands of a
 * stable standard, and the maintained clients bring what it must not have — webdriverio's
 * `webdriver` pulls @wdio/utils, which fetches drivers and browsers at run time, and
 * selenium-webdriver ships Selenium Manager executables that download drivers. Neither
 * works on a network without downloads, and neither adds anything these commands need.
 */

/** Why a command failed: the remote end is not there, did not answer, is not WebDriver, or said no. */
export type WebDriverFailure = 'unreachable' | 'no-answer' | 'not-webdriver' | 'refused';

export class WebDriverError extends Error {
  constructor(
    message: string,
    readonly failure: WebDriverFailure,
    /** The W3C error code when the remote end sent one, e.g. "session not created", "invalid session id". */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'WebDriverError';
  }
}

export interface NewSession {
  sessionId: string;
  capabilities: Record<string, unknown>;
}

/** One WebDriver pointer input source (classic and BiDi alike): move to (x, y) of the viewport, press and release the left button. */
export function pointerClick(x: number, y: number): Record<string, unknown> {
  return {
    type: 'pointer',
    id: 'originproof-mouse',
    parameters: { pointerType: 'mouse' },
    actions: [
      { type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport' },
      { type: 'pointerDown', button: 0 },
      { type: 'pointerUp', button: 0 },
    ],
  };
}

export class WebDriverClient {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  async command<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, timeoutMs = 30_000): Promise<T> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), timeoutMs);
    const where = `${method} ${this.baseUrl}${path}`;
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: ctrl.signal,
      });
      text = await res.text();
    } catch (e) {
      if (ctrl.signal.aborted) throw new WebDriverError(`WebDriver ${where}: no answer in ${timeoutMs} ms`, 'no-answer');
      const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
      throw new WebDriverError(`WebDriver ${where}: cannot connect (${cause?.code ?? cause?.message ?? (e as Error).message})`, 'unreachable');
    } finally {
      clearTimeout(timer);
    }
    let json: { value?: unknown } | undefined;
    try {
      json = JSON.parse(text) as { value?: unknown };
    } catch {
      json = undefined;
    }
    if (!json || typeof json !== 'object' || !('value' in json)) {
      throw new WebDriverError(
        `WebDriver ${where}: HTTP ${res.status} without a WebDriver JSON answer (${text.slice(0, 120).replace(/\s+/g, ' ') || 'empty body'}); is this the URL of a WebDriver remote end?`,
        'not-webdriver',
      );
    }
    const value = json.value as { error?: unknown; message?: unknown } | null;
    if (!res.ok || (value && typeof value === 'object' && typeof value.error === 'string')) {
      const code = value && typeof value.error === 'string' ? value.error : `HTTP ${res.status}`;
      const message = value && typeof value.message === 'string' ? value.message.split('\n')[0] : '';
      throw new WebDriverError(`WebDriver ${where}: ${code}${message ? `: ${message}` : ''}`, 'refused', code);
    }
    return json.value as T;
  }

  newSession(capabilities: Record<string, unknown>, timeoutMs = 60_000): Promise<NewSession> {
    return this.command('POST', '/session', { capabilities: { alwaysMatch: capabilities } }, timeoutMs);
  }

  navigate(sessionId: string, url: string, timeoutMs = 15_000) {
    return this.command('POST', `/session/${sessionId}/url`, { url }, timeoutMs);
  }

  /** The current window's handle; a cheap way to ask whether a session is still alive. */
  windowHandle(sessionId: string, timeoutMs = 10_000) {
    return this.command<string>('GET', `/session/${sessionId}/window`, undefined, timeoutMs);
  }

  newWindow(sessionId: string) {
    return this.command<{ handle: string }>('POST', `/session/${sessionId}/window/new`, { type: 'window' }, 15_000);
  }

  switchToWindow(sessionId: string, handle: string) {
    return this.command('POST', `/session/${sessionId}/window`, { handle }, 15_000);
  }

  /** Closes the current window. */
  closeWindow(sessionId: string) {
    return this.command<string[]>('DELETE', `/session/${sessionId}/window`, undefined, 15_000);
  }

  /** Perform Actions: a left click at (x, y) of the current top-level viewport. */
  click(sessionId: string, x: number, y: number) {
    return this.command('POST', `/session/${sessionId}/actions`, { actions: [pointerClick(x, y)] }, 15_000);
  }

  deleteSession(sessionId: string) {
    return this.command('DELETE', `/session/${sessionId}`, undefined, 15_000);
  }

  async status(timeoutMs = 5000): Promise<{ ready?: boolean; message?: string }> {
    return this.command<{ ready?: boolean; message?: string }>('GET', '/status', undefined, timeoutMs);
  }

  async ready(): Promise<boolean> {
    try {
      const s = await this.status(2000);
      return !!s.ready || s.ready === undefined;
    } catch {
      return false;
    }
  }
}
