// tests/browser/lib.mjs: what the browser tests share: a real `samskab
// serve` with demo data on a free port, Debian's chromium driven by
// playwright-core (never a downloaded browser), and axe-core checks for
// WCAG 2.1 A and AA.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
// The samskab binary under test.
export const bin = resolve(process.env.SAMSKAB_BIN || '../../build/samskab');

// A server on the demo data, or (demo false) on an empty database;
// serveArgs are added to `samskab serve`'s.
async function startServer(demo = true, serveArgs = []) {
	const dir = mkdtempSync(join(tmpdir(), 'samskab-browser-'));
	const db = join(dir, 'test.db');
	const made = spawnSync(bin, [demo ? 'demo' : 'migrate', '--db', db, '--log-level', 'warn'], { encoding: 'utf8' });
	if (made.status !== 0) throw new Error(`samskab ${demo ? 'demo' : 'migrate'} failed: ${made.stderr}`);
	// Through setpriv: the kernel kills the server when this test process
	// ends, however it ends (PR_SET_PDEATHSIG), not only through stop().
	const proc = spawn('setpriv', ['--pdeathsig', 'KILL', '--', bin, 'serve', '--db', db, '--listen', '127.0.0.1:0', ...serveArgs], {
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	let log = '';
	const port = await new Promise((ok, fail) => {
		const timer = setTimeout(() => fail(new Error(`no listening line:\n${log}`)), 10000);
		proc.stderr.on('data', (d) => {
			log += d;
			const m = /msg=listening .*port=(\d+)/.exec(log);
			if (m) { clearTimeout(timer); ok(Number(m[1])); }
		});
		proc.on('exit', (code) => fail(new Error(`samskab serve exited (${code}):\n${log}`)));
	});
	return {
		url: `http://127.0.0.1:${port}`,
		db,
		// Runs a samskab sub-command on this server's database; its stdout.
		samskab(args, env = {}) {
			const r = spawnSync(bin, [...args, '--db', db], { encoding: 'utf8', env: { ...process.env, ...env } });
			if (r.status !== 0) throw new Error(`samskab ${args.join(' ')}: ${r.stderr}`);
			return r.stdout;
		},
		async stop() {
			proc.kill('SIGTERM');
			await new Promise((ok) => proc.on('exit', ok));
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

async function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: [
			'--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync',
		],
	});
}

// The demo site (or, useDemoSite(false), an empty one) and the browser
// that every test of a file shares: set up before the first test, closed
// after the last. Import server and
// browser from here; they are live bindings, filled in by then.
// serveArgs go to `samskab serve` (say, ['--rate-factor', '1000']).
export let server, browser;
export function useDemoSite(demo = true, serveArgs = []) {
	before(async () => {
		server = await startServer(demo, serveArgs);
		browser = await launch();
	});
	after(async () => {
		await browser?.close();
		await server?.stop();
	});
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Runs axe-core on the page for WCAG 2.0/2.1 A and AA; returns the
// violations as readable lines (empty when clean).
export async function axeViolations(page) {
	// Evaluated through the DevTools protocol, so our CSP (no inline
	// scripts) stays on for the page itself.
	await page.evaluate(axeSource);
	const result = await page.evaluate(async () => {
		// eslint-disable-next-line no-undef
		return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
	});
	return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Collects what a page reports as errors (CSP violations, script errors,
// failed loads), so a test can assert there are none.
export function watchErrors(page) {
	const errors = [];
	page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
	page.on('pageerror', (e) => errors.push(String(e)));
	// A load the browser itself cancelled (net::ERR_ABORTED: the page went
	// on to the next one, say after a form was sent, while its icon was
	// still coming) is no failure anyone sees; every other one is.
	page.on('requestfailed', (r) => {
		const why = r.failure()?.errorText ?? '';
		if (why !== 'net::ERR_ABORTED') errors.push(`failed: ${r.url()} ${why}`);
	});
	return errors;
}
