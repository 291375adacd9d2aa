/**
 * The catalog: every scenario file, in a fixed order. Add a file here to add its scenarios.
 * Loading attaches the deviations the engine registries record (scenarios/deviations/) and
 * validates everything; a malformed scenario stops the run naming file, id and field.
 */
import { validateCatalog, type Scenario } from '../harness/scenario/scenario.ts';
import { withRecordedDeviations } from './deviations/index.ts';
import { scenarios as originRelations } from './sop/origin-relations.ts';
import { scenarios as sopWindowProxy } from './sop/window-proxy.ts';
import { scenarios as sopExoticObjects } from './sop/exotic-objects.ts';
import { scenarios as sopPostMessage } from './sop/post-message.ts';
import { scenarios as sopSandbox } from './sop/sandbox.ts';
import { scenarios as sopFraming } from './sop/framing.ts';
import { scenarios as sopEmbedding } from './sop/embedding.ts';
import { scenarios as sopNavigation } from './sop/navigation.ts';
import { scenarios as sopStorage } from './sop/storage.ts';
import { scenarios as sopCookies } from './sop/cookies.ts';
import { scenarios as sopDocumentDomain } from './sop/document-domain.ts';
import { scenarios as sopClaims } from './sop/claims.ts';
import { scenarios as sopMixedContent } from './sop/mixed-content.ts';
import { scenarios as sopCookiesCrossSite } from './sop/cookies-cross-site.ts';
import { scenarios as sopCookiesRedirects } from './sop/cookies-redirects.ts';
import { scenarios as storagePartitioning } from './storage/partitioning.ts';
import { scenarios as storageAccess } from './storage/access.ts';
import { scenarios as storageAccessGranted } from './storage/access-granted.ts';
import { scenarios as storageAccessStorage } from './storage/access-storage.ts';
import { scenarios as isolationCoop } from './isolation/coop.ts';
import { scenarios as isolationCoopEdges } from './isolation/coop-edges.ts';
import { scenarios as isolationCoep } from './isolation/coep.ts';
import { scenarios as isolationCoepInherit } from './isolation/coep-inherit.ts';
import { scenarios as isolationCorp } from './isolation/corp.ts';
import { scenarios as isolationCoi } from './isolation/coi.ts';
import { scenarios as isolationClaims } from './isolation/claims.ts';
import { scenarios as isolationDip } from './isolation/dip.ts';
import { scenarios as isolationCredentiallessCookies } from './isolation/credentialless-cookies.ts';
import { scenarios as isolationReporting } from './isolation/reporting.ts';
import { scenarios as corsGenerated } from './cors/generated.ts';
import { scenarios as corsClaims } from './cors/claims.ts';
import { scenarios as networkFetchMetadata } from './network/fetch-metadata.ts';
import { scenarios as networkFetchMetadataUser } from './network/fetch-metadata-user.ts';
import { scenarios as networkOrb } from './network/orb.ts';
import { scenarios as networkHttpsUpgrades } from './network/https-upgrades.ts';
import { scenarios as networkOriginHeader } from './network/origin-header.ts';
import { scenarios as networkLna } from './network/local-network-access.ts';
import { scenarios as networkWebSockets } from './network/websockets.ts';

export const SCENARIO_FILES: Array<{ file: string; scenarios: unknown[] }> = [
  { file: 'scenarios/sop/origin-relations.ts', scenarios: originRelations },
  { file: 'scenarios/sop/window-proxy.ts', scenarios: sopWindowProxy },
  { file: 'scenarios/sop/exotic-objects.ts', scenarios: sopExoticObjects },
  { file: 'scenarios/sop/post-message.ts', scenarios: sopPostMessage },
  { file: 'scenarios/sop/sandbox.ts', scenarios: sopSandbox },
  { file: 'scenarios/sop/framing.ts', scenarios: sopFraming },
  { file: 'scenarios/sop/embedding.ts', scenarios: sopEmbedding },
  { file: 'scenarios/sop/navigation.ts', scenarios: sopNavigation },
  { file: 'scenarios/sop/storage.ts', scenarios: sopStorage },
  { file: 'scenarios/sop/cookies.ts', scenarios: sopCookies },
  { file: 'scenarios/sop/document-domain.ts', scenarios: sopDocumentDomain },
  { file: 'scenarios/sop/claims.ts', scenarios: sopClaims },
  { file: 'scenarios/sop/mixed-content.ts', scenarios: sopMixedContent },
  { file: 'scenarios/sop/cookies-cross-site.ts', scenarios: sopCookiesCrossSite },
  { file: 'scenarios/sop/cookies-redirects.ts', scenarios: sopCookiesRedirects },
  { file: 'scenarios/storage/partitioning.ts', scenarios: storagePartitioning },
  { file: 'scenarios/storage/access.ts', scenarios: storageAccess },
  { file: 'scenarios/storage/access-granted.ts', scenarios: storageAccessGranted },
  { file: 'scenarios/storage/access-storage.ts', scenarios: storageAccessStorage },
  { file: 'scenarios/isolation/coop.ts', scenarios: isolationCoop },
  { file: 'scenarios/isolation/coop-edges.ts', scenarios: isolationCoopEdges },
  { file: 'scenarios/isolation/coep.ts', scenarios: isolationCoep },
  { file: 'scenarios/isolation/coep-inherit.ts', scenarios: isolationCoepInherit },
  { file: 'scenarios/isolation/corp.ts', scenarios: isolationCorp },
  { file: 'scenarios/isolation/coi.ts', scenarios: isolationCoi },
  { file: 'scenarios/isolation/claims.ts', scenarios: isolationClaims },
  { file: 'scenarios/isolation/dip.ts', scenarios: isolationDip },
  { file: 'scenarios/isolation/credentialless-cookies.ts', scenarios: isolationCredentiallessCookies },
  { file: 'scenarios/isolation/reporting.ts', scenarios: isolationReporting },
  { file: 'scenarios/cors/claims.ts', scenarios: corsClaims },
  { file: 'scenarios/cors/generated.ts', scenarios: corsGenerated },
  { file: 'scenarios/network/fetch-metadata.ts', scenarios: networkFetchMetadata },
  { file: 'scenarios/network/fetch-metadata-user.ts', scenarios: networkFetchMetadataUser },
  { file: 'scenarios/network/orb.ts', scenarios: networkOrb },
  { file: 'scenarios/network/https-upgrades.ts', scenarios: networkHttpsUpgrades },
  { file: 'scenarios/network/origin-header.ts', scenarios: networkOriginHeader },
  { file: 'scenarios/network/local-network-access.ts', scenarios: networkLna },
  { file: 'scenarios/network/websockets.ts', scenarios: networkWebSockets },
];

let cached: Array<Scenario & { file: string }> | undefined;

export function loadCatalog(): Array<Scenario & { file: string }> {
  cached ??= validateCatalog(SCENARIO_FILES.map(({ file, scenarios }) => ({ file, scenarios: withRecordedDeviations(scenarios as Array<{ id: string }>) })));
  return cached;
}
