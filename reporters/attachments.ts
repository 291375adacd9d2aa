/**
 * The names of the two attachments every visit test carries (its rows, its engine record), read
 * back by the results and matrix reporters. A module of its own with no imports: the test files
 * import it, and Playwright starts a new worker, which loads them again, after every failed test.
 */
export const ROW_ATTACHMENT = 'originproof-row';
export const ENGINE_ATTACHMENT = 'originproof-engine';
