// fixture.mjs: a node --test file for check_test.sh, not a test of
// samskab (only tests/browser/*.test.mjs are run as browser tests). Four
// top-level tests: one passes, one skips for missing data, a suite with a
// failing test inside, and one with two passing subtests. With
// FIXTURE_MODE=exit the process exits with status 3 in the second.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

test('passes', () => {});
test('skips', (t) => {
	if (process.env.FIXTURE_MODE === 'exit')
		process.exit(3);
	t.skip("missing: the fixture's browser");
});
describe('a suite', () => {
	test('inner passes', () => {});
	test('inner fails', () => assert.equal(1, 2));
});
test('subtests', async (t) => {
	await t.test('one', () => {});
	await t.test('two', () => {});
});
