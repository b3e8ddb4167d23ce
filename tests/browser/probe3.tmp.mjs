import { chromium } from 'playwright-core';
const [,, url, lang, width] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const c = await b.newContext({ viewport: { width: Number(width), height: 800 }, extraHTTPHeaders: { 'Accept-Language': lang } });
const p = await c.newPage();
await p.goto(url);
console.log(await p.evaluate(() => {
  const W = document.documentElement.clientWidth, out = [];
  for (const e of document.querySelectorAll('body *')) { const b = e.getBoundingClientRect(); if (b.width && (b.right > W + 0.5 || b.left < -0.5)) out.push(`${e.tagName}.${e.className} [${Math.round(b.left)},${Math.round(b.right)}] ${(e.textContent||'').slice(0,40)}`); }
  const u = document.querySelector('footer ul'); const cs = getComputedStyle(u);
  out.push('footer ul ' + JSON.stringify(u.getBoundingClientRect()) + ' pad ' + cs.paddingLeft + ' ' + cs.paddingRight + ' m ' + cs.marginLeft + ' ' + cs.marginRight);
  return out.join('\n');
}));
await b.close();
