/**
 * What a suite hands the visit service: its composition (visits, engines, network). The service
 * knows no catalog, no engine launcher and no network constructor; each suite's composition root
 * injects them (suites/conformance.ts for the catalog, suites/audit.ts for an audit), so the
 * library runs whatever a suite composes and cannot drift towards one of them.
 */
import type { EngineName, EngineSession, LaunchOptions } from '../../engines/engine.ts';
import type { VisitStore } from '../../servers/visit-store.ts';
import type { PlannedVisit } from '../plan/planner.ts';

/** Engines the service launches as soon as it starts, comma-separated (a command that started it ahead of Playwright: early-service.ts). */
export const PRELAUNCH_ENV = 'ORIGINPROOF_PRELAUNCH';

/** What the service uses of a fixture network: where an engine sends its traffic, the visits' plans and reports, and closing it. */
export interface ServiceNetwork {
  proxy: { url: string };
  certificate: { cert: string };
  store: VisitStore;
  close(): Promise<void>;
}

export interface ServiceSuite {
  /** Every visit the run can execute; requests for anything else are refused. */
  visits: PlannedVisit[];
  /** The engines a request may name (Playwright's project names). */
  engines: readonly EngineName[];
  /** One fixture network per engine, started at the engine's first request. */
  startNetwork(engine: EngineName): Promise<ServiceNetwork>;
  /** An engine sending everything to the network's proxy (launchOptions(network)); called again to replace one that died. */
  launch(engine: EngineName, options: LaunchOptions): Promise<EngineSession>;
}

/** The module ORIGINPROOF_SUITE_MODULE names (spawn.ts) exports this. */
export interface SuiteModule {
  serviceSuite(): ServiceSuite | Promise<ServiceSuite>;
}
