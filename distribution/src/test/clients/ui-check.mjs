// Drives Debian's Chromium (headless, through playwright-core) over Bobine's pages, for UiBrowserIT.
// Usage: node ui-check.mjs <base URL> <short UUID of a playable public video> <root password> <screenshot dir>
// Prints one JSON line with what it saw; exits with 1 and the reason on the first check that fails.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, shortUuid, password, shots] = process.argv.slice(2);
const origin = new URL(base).origin;
const seen = {};
mkdirSync(shots, { recursive: true });

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const profile = mkdtempSync(join(tmpdir(), 'bobine-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.BOBINE_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--autoplay-policy=no-user-gesture-required'],
  viewport: { width: 1280, height: 800 },
  colorScheme: 'light',
  locale: 'en-US',
});

const foreign = [];
const policyViolations = [];
function watchPage(page) {
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      foreign.push(url);
    }
  });
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) {
      policyViolations.push(message.text());
    }
  });
  return page;
}

async function noHorizontalScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

try {
  const page = watchPage(context.pages()[0] || await context.newPage());

  // Anonymous home page: the grid, the tabs, the skip link first in keyboard order.
  let response = await page.goto(`${base}/`);
  check(response.status() === 200, `home answered ${response.status()}`);
  check(await page.locator(`a[href="/w/${shortUuid}"]`).count() > 0, 'the home page does not list the video');
  check(await page.locator('.tabs a[aria-current="page"]').count() === 1, 'the home page has no current tab');
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.classList.contains('skip')),
    'the first Tab does not reach the skip link');
  seen.homeHorizontalScroll = !(await noHorizontalScroll(page));
  await page.screenshot({ path: join(shots, 'home.png'), fullPage: true });

  // The watch page plays the uploaded video: its time advances.
  response = await page.goto(`${base}/w/${shortUuid}`);
  check(response.status() === 200, `watch page answered ${response.status()}`);
  await page.evaluate(() => { const v = document.getElementById('player'); v.muted = true; return v.play(); });
  await page.waitForFunction(() => document.getElementById('player').currentTime > 0.5, null, { timeout: 20000 });
  seen.playedSeconds = await page.evaluate(() => document.getElementById('player').currentTime);
  await page.screenshot({ path: join(shots, 'watch.png') });

  // Night mode: follows the system until chosen, switches at once, and the server remembers it (no flash).
  check(await page.evaluate(() => getComputedStyle(document.body).backgroundColor) === 'rgb(255, 255, 255)',
    'the light theme is not white by default in a light system');
  await page.click('[data-toggle="scheme"]');
  check(await page.evaluate(() => document.documentElement.dataset.scheme) === 'dark', 'night mode did not switch');
  const nightBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  check(nightBackground !== 'rgb(255, 255, 255)', 'night mode did not change the background');
  response = await page.reload();
  check((await response.text()).includes('data-scheme="dark"'), 'the server did not render the night mode');
  check(await page.evaluate(() => getComputedStyle(document.body).backgroundColor) === nightBackground,
    'night mode was not kept after a reload');
  await page.screenshot({ path: join(shots, 'watch-night.png') });

  // Theater mode: a wider player, kept after a reload.
  const normalWidth = await page.evaluate(() => document.getElementById('player').getBoundingClientRect().width);
  await page.click('[data-toggle="theater"]');
  check(await page.evaluate(() => document.body.classList.contains('theater')), 'theater mode did not switch');
  response = await page.reload();
  check((await response.text()).includes('<body class="theater">'), 'the server did not render theater mode');
  const theaterWidth = await page.evaluate(() => document.getElementById('player').getBoundingClientRect().width);
  check(theaterWidth >= normalWidth, `theater mode is not wider (${theaterWidth} < ${normalWidth})`);
  seen.playerWidths = [normalWidth, theaterWidth];
  await page.screenshot({ path: join(shots, 'watch-theater.png') });
  await page.click('[data-toggle="theater"]');
  await page.click('[data-toggle="scheme"]');

  // The language switcher (it submits on change), then back to English.
  await page.selectOption('#lang', 'fr');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  seen.frenchTitle = await page.title();
  await page.selectOption('#lang', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');

  // A phone: nothing scrolls sideways at 320 px.
  const phone = watchPage(await context.newPage());
  await phone.setViewportSize({ width: 320, height: 640 });
  for (const [path, name] of [['/', 'home-320.png'], [`/w/${shortUuid}`, 'watch-320.png']]) {
    await phone.goto(`${base}${path}`);
    check(await noHorizontalScroll(phone), `${path} scrolls sideways at 320 px`);
    await phone.screenshot({ path: join(shots, name), fullPage: true });
  }
  await phone.close();

  // Logged in: the login form, the pages with the user, then logout.
  await page.goto(`${base}/login`);
  await page.fill('#username', 'root');
  await page.fill('#password', 'wrong password');
  await page.click('#login-form button[type="submit"]');
  check(await page.locator('#login-error').count() === 1, 'a wrong password shows no error');
  await page.fill('#password', password);
  await page.click('#login-form button[type="submit"]');
  await page.waitForURL(`${base}/`);
  check((await page.textContent('header')).includes('Logged in as root'), 'the header does not show the user');
  response = await page.goto(`${base}/w/${shortUuid}`);
  check(response.status() === 200 && (await page.textContent('header')).includes('root'),
    'the watch page does not render for the logged-in user');
  const session = (await context.cookies()).find((c) => c.name === 'bobine_session');
  check(session && session.httpOnly && session.sameSite === 'Lax', 'the session cookie is not HttpOnly and Lax');
  await page.screenshot({ path: join(shots, 'watch-logged-in.png') });
  await page.click('form[action="/logout"] button');
  await page.waitForURL(`${base}/`);
  check((await page.textContent('header')).includes('Log in'), 'logout did not end the session');

  check(foreign.length === 0, `requests left the instance: ${foreign.join(', ')}`);
  check(policyViolations.length === 0, `Content-Security-Policy violations: ${policyViolations.join(' | ')}`);
  console.log(JSON.stringify({ ok: true, ...seen }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error && error.message || error), ...seen }));
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
