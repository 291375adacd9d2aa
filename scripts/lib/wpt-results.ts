/** One web-platform-test's results as testharness.js reports them (the WPT check's tables). */
export interface SubtestResult {
  name: string;
  status: string;
  message: string | null;
}
export interface TestResult {
  test: string;
  ms?: number;
  harness: string;
  subtests: SubtestResult[];
}
