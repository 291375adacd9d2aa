/**
 * What `export-wpt` exports: a scenario by id (either catalog), or a parsing root cause by its
 * rule's slug — then the smallest variant the rule explains (fewest response bytes), with every
 * engine's recorded reading of it in the metadata. RECORDED is the set the repository carries in
 * docs/wpt/: every parsing root cause and a selection of the catalog's recorded deviations.
 */
import type { Scenario } from '../../harness/scenario/scenario.ts';
import { loadCatalog } from '../../scenarios/index.ts';
import { loadParsingCatalog } from '../../scenarios/parsing/index.ts';
import { PARSING_RULES } from '../../scenarios/deviations/index.ts';
import { exportScenario, type ExportedTest, type ExportNote } from './export.ts';

/** Catalog deviations exported into docs/wpt/, one per distinct behaviour (engine, reason). */
export const RECORDED_SCENARIOS = [
  'sop.embed.script.native-error-muted',
  'sop.embed.script.thrown-error-muted-redirect-same-cross-same',
  'sop.embed.script.native-error-muted-redirect-cross-same',
  'sop.embed.script.error-muted',
  'network.fetch-metadata.redirect.fetch-cors.other-site',
  'network.fetch-metadata.redirect.fetch-cors.site-other',
  'network.orb.fetch.json',
  'network.orb.fetch.html-nosniff',
  'network.orb.script.json',
  'network.orb.script.json-as-javascript',
  'cors.claims.c57-cache-mode-no-store',
  'cors.claims.c57-cache-mode-no-cache',
  'cors.gen.preflight.007',
  'cors.gen.redirect.010',
  'sop.wp.x.frame.cross-site.w.set-prototype-of-null',
  'sop.wp.x.frame.cross-site.l.reflect-set-prototype-of-object',
  'sop.wp.x.frame.cross-site.w.prevent-extensions',
  'sop.wp.x.frame.cross-site.l.set-href-javascript',
  'sop.wp.x.frame.cross-site.w.for-in',
  'network.origin-header.redirect.cors.post.site-other-site',
  'network.origin-header.form.post.noreferrer.other',
  'isolation.coop-edges.csp-sandbox.so',
  'isolation.coep-inherit.require-corp.about-blank-popup-navigated',
  'isolation.coep-inherit.require-corp.data-shared-worker',
  'network.lna.public.fetch-target-local.lna-local',
  'network.lna.public.fetch-no-cors.loopback',
  'isolation.reporting.coop-same-origin.popup',
  'storage.access.granted.click.policy-none-frame',
  'network.websockets.page-site.mixed.http-site',
];

/** Every recorded parsing root cause (one rule slug may be recorded for several engines). */
export function parsingRuleSlugs(): string[] {
  return [...new Set(PARSING_RULES.map((r) => r.slug))].sort();
}

export const exportName = (arg: string) => (parsingRuleSlugs().includes(arg) ? `parsing-${arg}` : arg.replace(/\./g, '-'));

let catalogs: { catalog: Scenario[]; parsing: Scenario[] } | undefined;
function load(): { catalog: Scenario[]; parsing: Scenario[] } {
  catalogs ??= { catalog: loadCatalog(), parsing: loadParsingCatalog() };
  return catalogs;
}

const size = (s: Scenario) => JSON.stringify(s.responses ?? {}).length;

/** The parsing root cause as a scenario (its smallest variant) and the notes naming the rule. */
function ruleExport(slug: string): { scenario: Scenario; notes: ExportNote[] } {
  const tag = `[${slug}]`;
  const variants = load().parsing.filter((s) => Object.values(s.deviations ?? {}).some((d) => d?.reason.includes(tag)));
  if (!variants.length) throw new Error(`originproof export-wpt: no parsing variant carries rule ${slug}`);
  const scenario = [...variants].sort((a, b) => size(a) - size(b) || a.id.localeCompare(b.id))[0];
  const rules = PARSING_RULES.filter((r) => r.slug === slug);
  const notes: ExportNote[] = [
    {
      heading: `Parsing root cause ${slug} (the rule in scenarios/deviations/<engine>.ts), ${variants.length} variants; this is the smallest:`,
      lines: rules.map((r) => `${r.engine}: ${r.reason} (${r.link})`),
    },
  ];
  return { scenario, notes };
}

/** The scenario an argument exports (a parsing rule's smallest variant) and the notes its metadata carries. */
export function scenarioFor(arg: string): { scenario: Scenario; notes: ExportNote[] } {
  if (parsingRuleSlugs().includes(arg)) return ruleExport(arg);
  const { catalog, parsing } = load();
  const scenario = catalog.find((s) => s.id === arg) ?? parsing.find((s) => s.id === arg);
  if (!scenario) throw new Error(`originproof export-wpt: "${arg}" is neither a scenario id nor a parsing rule (rules: ${parsingRuleSlugs().join(', ')})`);
  return { scenario, notes: [] };
}

/** The export for one argument: a parsing rule's slug or a scenario id. */
export function exportFor(arg: string): ExportedTest {
  const { scenario, notes } = scenarioFor(arg);
  return exportScenario(scenario, exportName(arg), notes);
}

/** The arguments of the set docs/wpt/ carries. */
export const recordedExports = (): string[] => [...parsingRuleSlugs(), ...RECORDED_SCENARIOS];
