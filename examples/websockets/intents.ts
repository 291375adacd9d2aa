/** What the WebSocket example's configs say must hold: only the app's pages may open the chat socket. */
export const ORIGINS = ['https://app.test', 'https://api.test'];

export const INTENTS = {
  websockets: [{ url: 'wss://api.test/live', by: ['https://app.test'] }],
};
