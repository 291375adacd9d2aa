/**
 * Whether a document may be framed, from its response headers and the origins above it (pure):
 *  - HTML: check a navigation response's adherence to X-Frame-Options
 *      https://html.spec.whatwg.org/multipage/document-lifecycle.html#the-x-frame-options-header
 *  - CSP3: frame-ancestors (an enforced one makes X-Frame-Options irrelevant, HTML step 2)
 *      https://w3c.github.io/webappsec-csp/#directive-frame-ancestors
 * Ancestors are serialized origins, innermost (the parent) first.
 */
import { getHeader, type HeaderList } from '../fetch/headers.ts';
import { xfoAllowsFrame } from '../parsing/policies.ts';

export interface FramingModel {
  blocked: boolean;
  why: string[];
}

/** Every frame-ancestors source list of the enforced policies (a header may carry several, comma-separated). */
function frameAncestorLists(headers: HeaderList): string[][] {
  const lists: string[][] = [];
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== 'content-security-policy') continue;
    for (const policy of value.split(',')) {
      for (const directive of policy.split(';')) {
        const [dname, ...sources] = directive.trim().split(/\s+/);
        if (dname?.toLowerCase() === 'frame-ancestors') lists.push(sources);
      }
    }
  }
  return lists;
}

/** CSP3 #match-url-to-source-list, reduced to what an ancestor origin can match. */
function sourceMatches(source: string, ancestor: string, self: string): boolean {
  const s = source.toLowerCase();
  if (s === "'none'") return false;
  if (s === "'self'") return ancestor === self;
  if (ancestor === 'null') return false;
  const a = new URL(ancestor);
  if (s === '*') return a.protocol === 'http:' || a.protocol === 'https:';
  const schemeOnly = /^([a-z][a-z0-9+.-]*):$/.exec(s);
  if (schemeOnly) return a.protocol === `${schemeOnly[1]}:` || (schemeOnly[1] === 'http' && a.protocol === 'https:');
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([a-z0-9.-]+|\*)(?::(\d+|\*))?(\/.*)?$/.exec(s);
  if (!m) return false;
  const [, scheme, wildcard, host, port] = m;
  if (scheme && !(a.protocol === `${scheme}:` || (scheme === 'http' && a.protocol === 'https:'))) return false;
  if (!scheme && !(a.protocol === new URL(self).protocol || (new URL(self).protocol === 'http:' && a.protocol === 'https:'))) return false;
  if (host !== '*') {
    if (wildcard ? !a.hostname.endsWith(`.${host}`) : a.hostname !== host) return false;
  }
  // CSP3 #match-ports: no port-part matches the URL's default port (https://site.test for
  // `http://site.test`, the scheme having matched as an upgrade); "*" any; a number that port,
  // or the default one when the URL has none.
  if (port === undefined || port === '*') return port === '*' || a.port === '';
  const defaultPort = a.protocol === 'https:' ? '443' : '80';
  return port === (a.port || defaultPort);
}

/** Whether a document of origin `self`, answered with `headers`, is blocked in a frame under `ancestors`. */
export function framingOf(self: string, headers: HeaderList, ancestors: string[]): FramingModel {
  const lists = frameAncestorLists(headers);
  if (lists.length) {
    for (const list of lists) {
      for (const ancestor of ancestors) {
        if (!list.some((src) => sourceMatches(src, ancestor, self))) {
          return {
            blocked: true,
            why: [`CSP frame-ancestors ${list.join(' ')}: the ancestor ${ancestor} matches no source, so the frame is blocked (every ancestor must match)`],
          };
        }
      }
    }
    return {
      blocked: false,
      why: [
        `CSP frame-ancestors ${lists.map((l) => l.join(' ')).join(' | ')} allows every ancestor (${ancestors.join(', ')}); X-Frame-Options is then ignored (HTML XFO step 2)`,
      ],
    };
  }
  // HTML's X-Frame-Options steps, as the parsing model reads them (harness/model/parsing/policies.ts).
  const foreign = ancestors.find((a) => a !== self);
  const xfo = xfoAllowsFrame(headers, foreign === undefined);
  const raw = getHeader(headers, 'x-frame-options');
  if (raw === null) return { blocked: false, why: ['no X-Frame-Options and no CSP frame-ancestors: any page may frame it (HTML XFO)'] };
  const detail = xfo.step.startsWith('XFO step 9') && foreign ? ` (the ancestor ${foreign} is not ${self}; every ancestor counts)` : '';
  return {
    blocked: !xfo.allowed,
    why: [`X-Frame-Options ${JSON.stringify(raw)}: HTML ${xfo.step}${detail}${xfo.allowed ? ', so the frame is allowed' : ', so the frame is blocked'}`],
  };
}
