/** What the playground example's configs say must hold: its page is crossOriginIsolated by its own Document-Isolation-Policy, framed or not. */
export const ORIGINS = ['https://app.test'];

export const INTENTS = {
  isolatedByDip: [{ page: 'https://app.test/playground', policy: 'isolate-and-credentialless' as const }],
};
