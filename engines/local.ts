/**
 * The engines-and-network half of a suite's composition (suites/conformance.ts,
 * suites/audit.ts): every project engine, launched here by select.ts, each over its own fixture
 * network with what that engine needs (networkOptionsFor) plus the suite's own `network` options.
 * Shaped for harness/service/suite.ts's ServiceSuite, which it does not import (engines/ sits below harness/).
 */
import { startFixtureNetwork, type NetworkOptions } from '../servers/network.ts';
import type { EngineName, LaunchOptions } from './engine.ts';
import { launchEngine, networkOptionsFor, PROJECT_ENGINES } from './select.ts';

export function localEngines(network: NetworkOptions = {}) {
  return {
    engines: PROJECT_ENGINES,
    launch: (engine: EngineName, options: LaunchOptions) => launchEngine(engine, options),
    startNetwork: (engine: EngineName) => startFixtureNetwork({ ...networkOptionsFor(engine), ...network }),
  };
}
