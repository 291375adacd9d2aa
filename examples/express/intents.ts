/** What the Express example's configs say must hold, on its production host names. */
export const ORIGINS = ['https://app.example.co.uk', 'https://api.example.co.uk'];

export const INTENTS = {
  reads: [
    {
      endpoint: 'https://api.example.co.uk/api/me',
      by: ['https://app.example.co.uk'],
      credentials: true,
      methods: ['GET', 'PUT'],
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': 'originproof' },
    },
  ],
  sameSiteOnly: [{ resource: 'https://api.example.co.uk/avatar.png', as: 'img' as const }],
  notFramed: [{ page: 'https://app.example.co.uk/account' }],
};
