/** A pure model of the Fetch standard's CORS protocol: see headers.ts, cors.ts, simulate.ts. */
export * from './headers.ts';
export * from './cors.ts';
export * from './simulate.ts';
