/** What the widget example's configs say must hold: the widget works in an <iframe credentialless> of the app's isolated editor. */
export const ORIGINS = ['https://app.test', 'https://widget.test'];

export const INTENTS = {
  credentiallessEmbeds: [{ url: 'https://widget.test/embed', by: 'https://app.test' }],
};
