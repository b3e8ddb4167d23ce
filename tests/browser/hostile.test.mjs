// hostile.test.mjs: hostile input in every text field the site has (issue
// 10). The forms are not listed here: the test reads the route table
// (`samskab routes`), opens every HTML page of it on the demo data as an
// administrator (who reaches every form) and as an anonymous visitor,
// filling in each {id} from the links of the pages already seen, and
// collects every form with a text field. Each form (one per route and set
// of fields) is sent once with XSS payloads in all its text fields, by the
// browser, and once by hand with bytes that are not UTF-8 (which the
// server must refuse with 400 and never store). The page the form answers
// with, the page the form is on and, at the end, every page again are
// inspected: the test fails on a dialog (a script ran), a page error, a
// Content-Security-Policy violation, an event-handler attribute, a
// javascript:/data: link, a script or frame that is not ours, markup whose
// tags do not balance in the HTML the server sent, or a footer that user
// text has pulled inside one of its elements (an <em> left open turns the
// rest of the page italic).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { bin, browser, server, useDemoSite } from './lib.mjs';

// Rate limits far above what one test client sends; no cap on anonymous
// participants from this one address.
useDemoSite(true, ['--rate-factor', '1000', '--participants-per-hour', '0']);

const PAYLOADS = [
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	"'><svg onload=alert(1)>",
	'javascript:alert(1)',
	'[x](javascript:alert(1)) and <javascript:alert(1)>',
	'data:text/html,<script>alert(1)</script>',
	'[y](data:text/html,<script>alert(1)</script>)',
	'<svg><script>alert(1)</script></svg>',
	'<a href="x" onmouseover=alert(1)>hover</a>',
	'" autofocus onfocus=alert(1) x="',
	"' autofocus onfocus=alert(1) x='",
	'</textarea><script>alert(1)</script>',
	'</title></style></script><script>alert(1)</script>',
	'a *c[x](y*n) * more',
	'**b _c [x](y**n) _ more `d',
	'\u202Egnp.exe hostile \u202E reversed',
	'<iframe src="javascript:alert(1)"></iframe>',
	'<div style="background:url(javascript:alert(1))">s</div>',
	'![i](javascript:alert(1)) <img src="javascript:alert(1)">',
	'{{7*7}} ${alert(1)} <!-- x --> &lt;script&gt;alert(1)&lt;/script&gt;',
];

// Bytes that are not UTF-8 (an overlong '/', a UTF-16 surrogate, a
// five-byte form, a lone 0xFF), sent as a form would encode them.
const BAD_UTF8 = [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xff]];
const BAD_MARK = 'hostile-bad-utf8';

// Forms this test does not send, by their action, and why: each would
// undo the setup the forms after it need.
const SKIP = [
	[/^\/logout$/, 'signs the administrator out'],
	[/^\/me\/delete$/, 'deletes the account'],
	[/^\/me\/(sessions|password)$/, 'ends the sessions or changes the password'],
	[/\/(retire|delete|close|withdraw|cancel|revoke|end)$/, 'retires, deletes, closes or ends what later forms use'],
];

// Text fields: what a person types words into.
const TEXT_TYPES = ['text', 'search', 'email', 'url', 'tel', ''];

// The route table, from the binary under test.
function routeTable() {
	const r = spawnSync(bin, ['routes'], { encoding: 'utf8' });
	assert.equal(r.status, 0, `samskab routes: ${r.stderr}`);
	return r.stdout.trim().split('\n').map((line) => {
		const [method, pattern, perm, flags] = line.split(' ');
		const re = new RegExp('^' + pattern.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '([1-9][0-9]*)') + '$');
		return { method, pattern, perm, flags: flags.split(','), re };
	});
}

// The paths a pattern may take: its {x}s filled from every link whose
// path starts as the pattern does up to its last {x}, those of mine first.
function candidates(pattern, links, mine = []) {
	if (!pattern.includes('{')) return [pattern];
	const upto = pattern.slice(0, pattern.lastIndexOf('}') + 1);
	const re = new RegExp('^' + upto.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '([1-9][0-9]*)') + '(?:[/?]|$)');
	const out = new Set();
	for (const l of [...mine, ...links]) {
		const m = re.exec(l);
		if (m) {
			let i = 1;
			out.add(pattern.replace(/\{\w+\}/g, () => m[i++]));
		}
	}
	return [...out];
}

// The HTML pages among the GET routes: no feeds, files, API or assets.
const isPage = (r) => r.method === 'GET' && !r.pattern.includes('*') && !/\.\w+$/.test(r.pattern) &&
	!r.pattern.startsWith('/api/') && !r.flags.includes('operator') && r.pattern !== '/healthz';

// Whether the HTML the server sent balances: every element opened is
// closed in order (void elements aside; the text of script, style,
// textarea and title is not markup). Returns the first fault, or null.
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW = new Set(['script', 'style', 'textarea', 'title']);
function unbalanced(html) {
	const stack = [];
	const tag = /<!--[\s\S]*?-->|<!doctype[^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
	let m;
	while ((m = tag.exec(html))) {
		if (!m[2]) continue;
		const name = m[2].toLowerCase();
		if (m[1]) {
			const open = stack.pop();
			if (open !== name) return `</${name}> closes <${open ?? 'nothing'}> at ${JSON.stringify(html.slice(Math.max(0, m.index - 80), m.index + 20))}`;
		} else if (!VOID.has(name) && !m[3].trim().endsWith('/')) {
			stack.push(name);
			if (RAW.has(name)) {
				const end = html.toLowerCase().indexOf(`</${name}`, tag.lastIndex);
				if (end < 0) return `<${name}> never closed`;
				tag.lastIndex = end;
			}
		}
	}
	return stack.length ? `left open: <${stack.join('><')}>` : null;
}

// Runs in the page after it loaded: what hostile text could have done.
function domFaults() {
	const out = [];
	const ours = (u) => u.startsWith(location.origin + '/assets/');
	for (const el of document.querySelectorAll('*')) {
		for (const a of el.attributes) {
			if (/^on/i.test(a.name)) out.push(`<${el.localName} ${a.name}="${a.value}">`);
			if (/^(href|src|action|formaction|xlink:href|srcdoc|data|poster|background)$/i.test(a.name) &&
				/^\s*(javascript|vbscript|data):/i.test(a.value) && !(el.localName === 'img' && /^data:image\//i.test(a.value)))
				out.push(`<${el.localName} ${a.name}="${a.value}">`);
		}
		if (el.localName === 'script' && !ours(el.src)) out.push(`a script not ours: ${el.outerHTML.slice(0, 120)}`);
		if (/^(iframe|frame|object|embed|base)$/.test(el.localName)) out.push(`<${el.localName}> in the page`);
	}
	const footer = document.querySelector('body > footer.site');
	if (!footer) {
		const f = document.querySelector('footer');
		const chain = [];
		for (let e = f?.parentElement; e && e !== document.body; e = e.parentElement) chain.push(e.localName);
		out.push(f ? `the footer is inside <${chain.reverse().join('><')}>` : 'no footer');
	} else {
		const s = getComputedStyle(footer);
		if (s.fontStyle !== 'normal') out.push(`the footer is ${s.fontStyle}`);
		if (footer.querySelector('em, strong, i, b, code, del, s, mark')) out.push('the footer holds an element from user text');
	}
	out.push(...(window.__hostileCsp ?? []).map((v) => `CSP violation: ${v}`));
	return out;
}

// A browser context whose pages record CSP violations, dialogs and
// errors; inspect(page, response, label) adds the faults of the page just
// loaded to faults.
async function watchedContext(faults) {
	const context = await browser.newContext({ locale: 'da-DK' });
	await context.addInitScript(() => {
		window.__hostileCsp = [];
		document.addEventListener('securitypolicyviolation',
			(e) => window.__hostileCsp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
	});
	context.on('page', (page) => watchPage(page, faults));
	return context;
}
function watchPage(page, faults) {
	page.on('dialog', (d) => { faults.push(`a ${d.type()} dialog (a script ran) on ${page.url()}: ${d.message()}`); d.dismiss().catch(() => {}); });
	page.on('pageerror', (e) => faults.push(`page error on ${page.url()}: ${e}`));
	page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) faults.push(`console on ${page.url()}: ${m.text()}`); });
}
async function inspect(page, response, label, faults) {
	if (!response) return;
	const type = response.headers()['content-type'] ?? '';
	if (!type.startsWith('text/html')) return;
	assert.ok(response.status() < 500, `${label}: status ${response.status()}`);
	const fault = unbalanced(await response.text());
	if (fault) faults.push(`${label}: unbalanced markup: ${fault}`);
	for (const f of await page.evaluate(domFaults)) faults.push(`${label}: ${f}`);
}

// Loads url; the response, or null for a download.
async function load(page, url) {
	try {
		return await page.goto(url, { waitUntil: 'load' });
	} catch (e) {
		if (/Download is starting/.test(String(e))) return null;
		throw e;
	}
}

// The forms of the page, each with its key: method, route pattern and the
// names of its text fields (one form is sent per key).
async function formsOf(page, routes) {
	const forms = await page.evaluate((types) => [...document.forms].map((f, index) => {
		const fields = [...f.elements].filter((e) => e.name && !e.disabled &&
			(e.localName === 'textarea' || (e.localName === 'input' && types.includes(e.getAttribute('type') ?? ''))));
		return {
			index,
			method: (f.getAttribute('method') ?? 'get').toUpperCase(),
			action: new URL(f.getAttribute('action') ?? '', location.href).pathname,
			fields: fields.map((e) => e.name),
		};
	}), TEXT_TYPES);
	for (const f of forms) {
		const route = routes.find((r) => r.method === f.method && r.re.test(f.action));
		f.key = `${f.method} ${route?.pattern ?? f.action} [${f.fields.join(' ')}]`;
	}
	return forms;
}

// Fills the form's text fields (payloads from next(), or the field's
// valid value for e-mail, URL and phone fields when valid is set), gives
// dates, times and numbers a valid value, and sends it past the
// browser's own checks and the page's scripts, as a plain form submission.
async function send(page, index, next, valid) {
	const values = [];
	const fill = await page.evaluate(({ index, types, valid }) => {
		const f = document.forms[index];
		const plan = [];
		for (const e of f.elements) {
			if (!e.name || e.disabled) continue;
			const type = e.getAttribute('type') ?? '';
			if (e.localName === 'textarea' || (e.localName === 'input' && types.includes(type)))
				plan.push({ name: e.name, kind: valid && ['email', 'url', 'tel'].includes(type) ? type : 'text', had: e.value });
		}
		return plan;
	}, { index, types: TEXT_TYPES, valid });
	for (const p of fill) {
		if (p.kind === 'text') values.push(next());
		else values.push(p.had || { email: 'hostile@example.org', url: 'https://example.org/', tel: '12345678' }[p.kind]);
	}
	const [response] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'load' }).catch((e) => {
			if (/Download is starting/.test(String(e))) return null;
			throw e;
		}),
		page.evaluate(({ index, types, values }) => {
			const f = document.forms[index];
			let k = 0;
			for (const e of f.elements) {
				if (!e.name || e.disabled) continue;
				const type = e.getAttribute('type') ?? '';
				if (e.localName === 'textarea' || (e.localName === 'input' && types.includes(type))) e.value = values[k++];
				else if (e.localName === 'input' && !e.value && type === 'date') e.value = '2030-06-15';
				else if (e.localName === 'input' && !e.value && type === 'time') e.value = '18:00';
				else if (e.localName === 'input' && !e.value && type === 'datetime-local') e.value = '2030-06-15T18:00';
				else if (e.localName === 'input' && !e.value && type === 'number') e.value = e.min || '1';
			}
			// The first submit button's name and value go with the form,
			// as when it is pressed.
			const button = f.querySelector('button:not([type]), button[type=submit], input[type=submit]');
			if (button?.name) {
				const h = document.createElement('input');
				h.type = 'hidden';
				h.name = button.name;
				h.value = button.value;
				f.append(h);
			}
			HTMLFormElement.prototype.submit.call(f);
		}, { index, types: TEXT_TYPES, values }),
	]);
	return response;
}

// The form's fields as the browser would send them, with the text field
// named target set to bytes that are not UTF-8; the response's status.
async function sendBadBytes(page, form, bad) {
	const { enctype, pairs } = await page.evaluate((index) => {
		const f = document.forms[index];
		const pairs = [];
		for (const [k, v] of new FormData(f)) if (typeof v === 'string') pairs.push([k, v]);
		return { enctype: f.getAttribute('enctype') ?? '', pairs };
	}, form.index);
	const target = form.fields[0];
	const url = server.url + form.action;
	const headers = { origin: server.url, referer: page.url() };
	let body;
	if (enctype === 'multipart/form-data') {
		const boundary = '----hostile' + Date.now();
		const parts = [];
		for (const [k, v] of pairs) {
			parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n`));
			parts.push(k === target ? Buffer.concat([Buffer.from(BAD_MARK), Buffer.from(bad)]) : Buffer.from(v));
			parts.push(Buffer.from('\r\n'));
		}
		parts.push(Buffer.from(`--${boundary}--\r\n`));
		body = Buffer.concat(parts);
		headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
	} else {
		body = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${k === target ? BAD_MARK + bad.map((b) => '%' + b.toString(16).toUpperCase()).join('') : encodeURIComponent(v)}`).join('&');
		headers['content-type'] = 'application/x-www-form-urlencoded';
	}
	const r = await page.request.fetch(url, { method: 'POST', headers, data: body, maxRedirects: 0 });
	return r.status();
}

async function signIn(page, email) {
	await page.goto(server.url + '/login');
	await page.fill('#email', email);
	await page.fill('#password', 'demo-password');
	await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
	assert.doesNotMatch(page.url(), /\/login/, `${email} signs in`);
}

test('the inspection catches a script that runs, a CSP violation, an open <em> and a javascript: link', async () => {
	const faults = [];
	const context = await watchedContext(faults);
	const page = await context.newPage();
	const footer = '<footer class="site"><p>f</p></footer>';
	const pages = {
		'/self/script': ['', `<main><p>a</p></main><script>alert(1)</script>${footer}`],
		'/self/csp': ["script-src 'self'", `<main><img src=x onerror=alert(1)></main>${footer}`],
		'/self/em': ['', `<main><p>a <em>b</p></main>${footer}`],
		'/self/link': ["script-src 'self'", `<main><p><a href="javascript:alert(1)">x</a></p></main>${footer}`],
	};
	await page.route(server.url + '/self/*', (route) => {
		const [csp, body] = pages[new URL(route.request().url()).pathname] ?? [];
		if (body === undefined) return route.fulfill({ status: 404, body: '' });
		return route.fulfill({ contentType: 'text/html; charset=utf-8', headers: csp ? { 'content-security-policy': csp } : {}, body: `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>` });
	});
	const found = {};
	for (const path of Object.keys(pages)) {
		faults.length = 0;
		const response = await load(page, server.url + path);
		await inspect(page, response, path, faults);
		found[path] = faults.join('\n');
	}
	assert.match(found['/self/script'], /dialog \(a script ran\)/);
	assert.match(found['/self/csp'], /CSP violation: script-src/);
	assert.match(found['/self/csp'], /onerror/);
	assert.match(found['/self/em'], /unbalanced markup: <\/p> closes <em>/);
	assert.match(found['/self/em'], /the footer is inside <em>|the footer is italic|the footer holds an element/);
	assert.match(found['/self/link'], /href="javascript:alert\(1\)"/);
	await context.close();
});

test('hostile text in every form of the route table runs nowhere and leaves no tag open', async (t) => {
	const started = Date.now();
	const routes = routeTable();
	const pages = routes.filter(isPage);
	assert.ok(pages.length > 50, `the route table has its pages (${pages.length})`);
	// Anna is an administrator; a coordinator's role too opens the guide
	// programme's forms, which administrators as such do not see. Lise
	// makes welcome offers: their own forms are for their maker only.
	server.samskab(['user', 'grant', 'anna@demo.example', 'coordinator']);
	const faults = [];
	const who = {};
	for (const name of ['admin', 'lise', 'anonymous']) {
		who[name] = await (await watchedContext(faults)).newPage();
	}
	await signIn(who.admin, 'anna@demo.example');
	await signIn(who.lise, 'lise@demo.example');

	// Every page of the table, {id}s from links already seen: first as the
	// administrator; then as Lise the signed-in pages (what is her own)
	// and what the administrator could not reach; then, as an anonymous
	// visitor, the public pages.
	const links = [];
	const seen = new Set();
	const mine = {}; // identity -> the links of the pages it saw
	const concrete = new Map(); // pattern -> path
	const formsAt = new Map(); // key -> { url, who, action }
	// Keeps the links of name's page.
	const gather = async (name) => {
		mine[name] ??= [];
		for (const href of await who[name].evaluate(() => [...document.querySelectorAll('a[href], form[action]')]
			.map((e) => new URL(e.getAttribute('href') ?? e.getAttribute('action') ?? '', location.href))
			.filter((u) => u.origin === location.origin).map((u) => u.pathname + u.search))) {
			if (!seen.has(href)) { seen.add(href); links.push(href); }
			mine[name].push(href);
		}
	};
	// Loads url as name, inspects it, keeps its links and forms; its status.
	const visit = async (name, url) => {
		const page = who[name];
		const response = await load(page, server.url + url);
		await inspect(page, response, `${name} ${url}`, faults);
		if (!response || !(response.headers()['content-type'] ?? '').startsWith('text/html')) return response ? response.status() : 200;
		await gather(name);
		for (const f of await formsOf(page, routes))
			if (f.fields.length && !formsAt.has(f.key)) formsAt.set(f.key, { url, who: name, action: f.action });
		return response.status();
	};
	// Each wanted page once, its {x}s from the links seen so far (up to
	// four tries, for a page that is someone else's or no longer written
	// in), until no more of them can be filled in.
	const crawl = async (name, wanted) => {
		const done = new Set();
		for (let progress = true; progress;) {
			progress = false;
			for (const r of pages.filter(wanted)) {
				if (done.has(r.pattern)) continue;
				const tries = candidates(r.pattern, links, mine[name]).slice(0, 4);
				if (!tries.length) continue;
				done.add(r.pattern);
				progress = true;
				for (const url of tries) {
					const status = await visit(name, url);
					if (status < 400 || url === tries.at(-1)) {
						if (!concrete.has(r.pattern) || status < 400) concrete.set(r.pattern, url);
						break;
					}
				}
			}
		}
	};
	await crawl('admin', () => true);
	await crawl('lise', (r) => r.perm === 'signed-in');
	await crawl('anonymous', (r) => r.perm === 'anyone' && concrete.has(r.pattern));
	const unreached = pages.filter((r) => !concrete.has(r.pattern)).map((r) => r.pattern);
	const crawled = Date.now();

	// Finds the form with this key on its page or, when what an earlier
	// form did took it away (a proposal sent to the council is no longer
	// written in, one's own proposal takes no amendment), on another page
	// of the same route, as whoever it was found by or someone else signed
	// in.
	const find = async (key, at) => {
		const route = pages.find((r) => r.re.test(at.url.split('?')[0]));
		const others = route ? candidates(route.pattern, links).filter((l) => l !== at.url).slice(0, 4) : [];
		for (const name of [at.who, ...['admin', 'lise'].filter((n) => n !== at.who)]) {
			for (const url of [at.url, ...others]) {
				await load(who[name], server.url + url);
				const form = (await formsOf(who[name], routes)).find((f) => f.key === key);
				if (form) return { form, url, name };
			}
			if (at.who === 'anonymous') break;
		}
		return {};
	};

	// Each form once with payloads and, when it is refused and has
	// e-mail, URL or phone fields, again with valid values in those; POST
	// forms once more with bytes that are not UTF-8.
	let n = 0;
	const next = () => PAYLOADS[n++ % PAYLOADS.length];
	const skipped = [];
	let sent = 0, fields = 0, refused = 0, badBytes = 0;
	for (const [key, at] of formsAt) {
		const why = SKIP.find(([re]) => re.test(at.action));
		if (why) { skipped.push(`${key}: ${why[1]}`); continue; }
		let { form, url, name } = await find(key, at);
		if (!form) { faults.push(`${key}: on no page of ${at.url}'s route any more`); continue; }
		const page = who[name];
		for (const valid of [false, true]) {
			const strict = await page.evaluate((i) => document.forms[i].querySelector('input[type=email], input[type=url], input[type=tel]') !== null, form.index);
			const response = await send(page, form.index, next, valid);
			sent++;
			fields += form.fields.length;
			await inspect(page, response, `${name} ${key} answered`, faults);
			// What the form made (a new proposal, say) is where a form
			// that a later one takes away is found again.
			if (response && (response.headers()['content-type'] ?? '').startsWith('text/html')) await gather(name);
			const status = response?.status() ?? 200;
			assert.ok(status < 500, `${key}: ${status}`);
			await inspect(page, await load(page, server.url + url), `${name} ${key} then ${url}`, faults);
			form = (await formsOf(page, routes)).find((f) => f.key === key);
			if (status >= 400) refused++;
			if (status < 400 || valid || !strict || !form) break;
		}
		if (form && key.startsWith('POST ')) {
			const status = await sendBadBytes(page, form, BAD_UTF8[badBytes++ % BAD_UTF8.length]);
			if (status !== 400) faults.push(`${name} ${key}: bytes that are not UTF-8 answered ${status}, not 400`);
		}
	}
	const submitted = Date.now();

	// Every page again, where the stored text now shows.
	let showing = 0;
	for (const name of ['admin', 'anonymous']) {
		for (const r of pages) {
			if (!concrete.has(r.pattern) || (name === 'anonymous' && r.perm !== 'anyone')) continue;
			const url = concrete.get(r.pattern);
			const response = await load(who[name], server.url + url);
			await inspect(who[name], response, `${name} ${url} at the end`, faults);
			if (!response || !(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
			const html = await response.text();
			if (html.includes('alert(1)')) showing++;
			if (html.includes(BAD_MARK)) faults.push(`${name} ${url}: shows text sent with bytes that are not UTF-8`);
		}
	}
	for (const page of Object.values(who)) await page.context().close();

	const s = (t) => ((t - started) / 1000).toFixed(1);
	t.diagnostic(`${routes.length} routes, ${pages.length} HTML pages, ${concrete.size} reached (not: ${unreached.join(' ') || 'none'})`);
	t.diagnostic(`${formsAt.size} forms with text fields: ${sent} sendings (${fields} fields, ${refused} refused), ${skipped.length} skipped, ${badBytes} with bytes that are not UTF-8; ${PAYLOADS.length} payloads`);
	t.diagnostic(`skipped: ${skipped.join('; ') || 'none'}`);
	t.diagnostic(`hostile text shown on ${showing} pages; crawl ${s(crawled)} s, forms ${s(submitted)} s, all ${s(Date.now())} s`);
	assert.deepEqual(faults, []);
	// The test reached what it means to: forms to send, and the text they
	// stored shown back.
	assert.ok(sent >= 30, `forms sent: ${sent}`);
	assert.ok(showing >= 10, `pages showing hostile text: ${showing}`);
});
