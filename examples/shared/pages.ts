/**
 * What the Express, Koa and Flask examples serve beside their API, written once for the Node ones:
 * a private image that must not load cross-site (CORP same-site) and an account page that must not
 * be framed (X-Frame-Options DENY and CSP frame-ancestors 'none').
 */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR42mP4z8AARAwQCgAf7gP9Y167WwAAAABJRU5ErkJggg==', 'base64');
export const AVATAR_HEADERS = { 'Cross-Origin-Resource-Policy': 'same-site' };
export const ACCOUNT_HEADERS = { 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "frame-ancestors 'none'" };
export const ACCOUNT_PAGE = '<!doctype html><meta charset="utf-8"><title>Account</title><h1>Account</h1>';
