/**
 * Settings known to switch parts of the origin boundary off. An engine whose running browser
 * carries one is named with it in its record (EngineInfo.boundaryProblems) and refused before its
 * first visit (harness/service/canary.ts), whoever put it there: the harness, a wrapper script, a
 * WebDriver remote end's capabilities or a Grid node's configuration.
 */

/** Chromium command-line switches, each with what it switches off. */
export const CHROMIUM_BOUNDARY_SWITCHES: Record<string, string> = {
  '--disable-web-security': 'switches the same-origin policy off: CORS, cross-origin frame access and more',
  '--disable-site-isolation-trials': 'switches Site Isolation off (cross-site documents may share a renderer process)',
  '--disable-site-isolation-for-policy': 'switches Site Isolation off where enterprise policy asked for it',
  '--allow-running-insecure-content': 'lets an https page run blockable mixed content (http scripts, frames)',
  '--allow-file-access-from-files': 'lets file: documents read other files (the file: origin boundary)',
  '--unsafely-treat-insecure-origin-as-secure': 'treats the named http origins as secure contexts',
  '--disable-features=IsolateOrigins': 'switches origin isolation off',
  '--disable-features=site-per-process': 'switches Site Isolation off',
  '--disable-features=SitePerProcess': 'switches Site Isolation off',
  '--disable-features=BlockInsecurePrivateNetworkRequests': 'switches Private Network Access checks off',
  '--disable-features=SameSiteByDefaultCookies': 'cookies without SameSite are sent cross-site (no Lax default)',
  '--disable-features=OpaqueResponseBlocking': 'switches Opaque Response Blocking off',
};

/** Features the harness keeps enabled, as shipped, because disabling them changes the boundary (also switches above). */
function disabledFeatures(commandLine: string[]): string[] {
  return commandLine.filter((a) => a.startsWith('--disable-features=')).flatMap((a) => a.slice('--disable-features='.length).split(','));
}

/** Every boundary-killing switch on a Chromium command line, as "switch (what it does)". */
export function chromiumBoundaryKillers(commandLine: string[]): string[] {
  const found: string[] = [];
  for (const arg of commandLine.slice(1)) {
    const name = arg.split('=')[0];
    if (!name.startsWith('--disable-features') && CHROMIUM_BOUNDARY_SWITCHES[name]) found.push(`${arg} (${CHROMIUM_BOUNDARY_SWITCHES[name]})`);
  }
  for (const f of disabledFeatures(commandLine)) {
    const why = CHROMIUM_BOUNDARY_SWITCHES[`--disable-features=${f}`];
    if (why) found.push(`--disable-features=…${f}… (${why})`);
  }
  return found;
}

/**
 * Firefox preferences whose value decides part of the boundary: the value Firefox ESR ships
 * (browser/app/profile/firefox.js, modules/libpref/init/StaticPrefList.yaml) and what another value switches off.
 * The harness reads each back from the running browser and refuses one that is not what it meant.
 */
export const FIREFOX_BOUNDARY_PREFS: Record<string, { shipped: boolean | number | string; off: string }> = {
  'network.cookie.cookieBehavior': {
    shipped: 5,
    off: 'cookie protection: another value than 5 (Total Cookie Protection) lets third-party cookies through unpartitioned or blocks them all',
  },
  'content.cors.disable': { shipped: false, off: 'true switches CORS checks off' },
  'security.fileuri.strict_origin_policy': { shipped: true, off: 'false lets a file: document read other files' },
  'fission.autostart': { shipped: true, off: 'false switches Site Isolation (Fission) off' },
  'security.mixed_content.block_active_content': { shipped: true, off: 'false lets an https page run mixed active content' },
  'privacy.partition.network_state': { shipped: true, off: 'false stops partitioning network state (HTTP cache, connections) by top-level site' },
  'privacy.partition.always_partition_third_party_non_cookie_storage': { shipped: true, off: 'false stops partitioning third-party storage' },
  'browser.opaqueResponseBlocking': { shipped: true, off: 'false switches Opaque Response Blocking off' },
  'network.cookie.sameSite.noneRequiresSecure': { shipped: true, off: 'false accepts SameSite=None cookies without Secure' },
  'security.data_uri.block_toplevel_data_uri_navigations': { shipped: true, off: 'false allows top-level data: navigations' },
  'network.lna.enabled': { shipped: true, off: 'false switches Local Network Access checks off' },
  'network.lna.blocking': { shipped: true, off: 'false lets local network requests through without the permission (Local Network Access)' },
};
