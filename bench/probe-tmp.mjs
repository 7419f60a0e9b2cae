import { chromium } from '@playwright/test';
import { addSerialisedProduct, fillRangeReceive, settle } from './lib.js';
const url = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const context = await browser.newContext();
await context.addInitScript(() => {
  const p = window.__p = { marks: [] };
  const mark = (n) => p.marks.push([n, performance.now()]);
  window.__mark = mark;
  window.addEventListener('keydown', (e) => { if (e.key === 'Enter') { p.marks = []; mark('enter'); } }, true);
  const push = history.pushState.bind(history);
  history.pushState = (...a) => { mark('pushState'); return push(...a); };
  new MutationObserver(() => {
    const h1 = document.querySelector('main h1');
    if (h1 && h1.textContent.replace(/\s+/g,'') === 'Serial' + window.__want && !p.marks.some(m => m[0] === 'h1')) { mark('h1'); requestAnimationFrame(() => mark('raf')); }
  }).observe(document, { childList: true, subtree: true, characterData: true });
});
const page = await context.newPage();
const id = await addSerialisedProduct(page, url, { name: 'P', stockCode: 'P1' });
const button = await fillRangeReceive(page, url, { productId: id, supplier: 'S', isNewSupplier: true, first: 'R100001', last: 'R200000', count: 100000 });
await button.click();
await page.getByRole('heading', { name: '100,000 serials generated' }).waitFor({ timeout: 180000 });
await page.goto(url + '/stock');
await settle(page);
const rt = await page.evaluate(async () => {
  const db = await new Promise((res) => { const o = indexedDB.open('unitrack'); o.onsuccess = () => res(o.result); });
  const keys = await new Promise((res) => { const r = db.transaction('receipts').objectStore('receipts').getAllKeys(); r.onsuccess = () => res(r.result); });
  const times = [];
  for (let i = 0; i < 5; i++) { const t0 = performance.now(); await new Promise((res) => { const r = db.transaction('receipts').objectStore('receipts').get(keys[0]); r.onsuccess = () => res(r.result); }); times.push(performance.now() - t0); }
  return times.map(t => t.toFixed(1)).join(' ');
});
console.log('receipt get ms:', rt);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
const send = (t, p) => cdp.send('Input.dispatchKeyEvent', { ...p, timestamp: t });
for (let n = 1; n <= 10; n++) {
  const serial = 'R' + String(100000 + n * 997).padStart(6, '0');
  await page.evaluate((s) => (window.__want = s), serial);
  let at = Date.now() / 1000;
  const sending = [];
  for (const char of serial) {
    const t = (at += 0.002);
    const shift = /[A-Z]/.test(char);
    const code = shift ? 'Key' + char : 'Digit' + char;
    if (shift) sending.push(send(t - 0.0002, { type: 'rawKeyDown', key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16, modifiers: 8 }));
    sending.push(send(t, { type: 'keyDown', key: char, code, text: char, unmodifiedText: char, windowsVirtualKeyCode: char.charCodeAt(0), modifiers: shift ? 8 : 0 }));
    sending.push(send(t + 0.0003, { type: 'keyUp', key: char, code, windowsVirtualKeyCode: char.charCodeAt(0), modifiers: shift ? 8 : 0 }));
    if (shift) sending.push(send(t + 0.0004, { type: 'keyUp', key: 'Shift', code: 'ShiftLeft', windowsVirtualKeyCode: 16 }));
  }
  sending.push(send((at += 0.002), { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' }));
  sending.push(send(at + 0.0003, { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 }));
  await Promise.all(sending);
  await page.waitForTimeout(800);
  const marks = await page.evaluate(() => window.__p.marks);
  const t0 = marks[0]?.[1] ?? 0;
  console.log(marks.map(([n, t]) => `${n} +${(t - t0).toFixed(1)}`).join('  '));
  await settle(page);
}
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas; let total = 0;
profile.samples.forEach((id, i) => { const n = byId.get(id); const f = n.callFrame; const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`; self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0)); total += dt[i] ?? 0; });
console.log('total ms', (total/1000).toFixed(0));
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30).forEach(([k, v]) => console.log((v / 1000).toFixed(1).padStart(8), k));
await browser.close();
