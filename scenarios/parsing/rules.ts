/**
 * Known engine deviations from the parsing model, one rule per root cause (not per variant): how
 * the engine reads the bytes instead, with a reason and a link to an existing bug or to a draft
 * report kept in docs/bugs/. Each variant's recorded deviation is computed from the rules, so a
 * rule that stops matching an engine shows up as fixed-deviation.
 */
import type { EngineRule } from './build.ts';

export const RULES: EngineRule[] = [];
