/** A pure model of the Fetch standard's CORS protocol and resource policy: see headers.ts, cors.ts, simulate.ts, corp.ts. */
export * from './headers.ts';
export * from './cors.ts';
export * from './simulate.ts';
export * from './corp.ts';
