/** What the Koa and Flask examples' configs say must hold (the same app as the fastify examples, without the isolated page). */
export const ORIGINS = ['https://app.test', 'https://api.test'];

export const INTENTS = {
  reads: [
    {
      endpoint: 'https://api.test/api/me',
      by: ['https://app.test'],
      credentials: true,
      methods: ['GET', 'PUT'],
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': 'originproof' },
    },
  ],
  sameSiteOnly: [{ resource: 'https://api.test/avatar.png', as: 'img' as const }],
  notFramed: [{ page: 'https://app.test/account' }],
};
