/**
 * Seed claims that no page script can observe: listed with the reason instead of a scenario
 * (data only; the report shows them as "not observable").
 */
export const NOT_OBSERVABLE: Array<{ claim: string; reason: string }> = [
  {
    claim: 'C75',
    reason:
      'Site Isolation puts cross-site frames in separate OS processes; the process model is an implementation detail the web platform does not expose (no API reports the process a frame runs in). The observable part — that cross-origin frames cannot reach each other — is covered by sop/window-proxy; origin-keyed agent clusters (window.originAgentCluster) are covered by sop/document-domain.',
  },
];
