import type { Page } from '@playwright/test';
import { expect, submitAndNavigate, test } from '../helpers/fixtures';
import { latestSignInCode } from '../helpers/maildir';
import { ALLOCATAIRE, NADIA, STAFF_PASSWORD } from '../helpers/portal';

// The pseudo-locale run (project "pseudo": Accept-Language fr-XA, a 360 px phone, with
// JavaScript). In fr-XA every catalogue text comes out in brackets with its vowels doubled
// (about 30 % longer): a word of the interface without brackets was written outside the
// catalogue, and a page wider than the screen breaks with longer words.

/** The words of the interface a person reads first: they must all come from the catalogue. */
const CHROME = 'h1, h2, h3, label, legend, button, thead th, dt, nav a, a.btn, .lead, footer p, .field-error:not(:empty), [role=alert]:not(:empty), [role=status]';

async function checkPage(page: Page, a11y: { check(state: string): Promise<void> }, name: string): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr-XA');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  expect(await page.title(), `${name}: title`).toMatch(/^\[.*\]$/);
  const texts = await page.locator(CHROME).evaluateAll((els) =>
    els
      // A person's name is data, marked translate="no" (as for browser translators).
      .filter((el) => !el.closest('[translate=no]'))
      .filter((el) => (el as HTMLElement).offsetParent !== null || el.tagName === 'DT')
      .map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter((t) => /\p{L}{2,}/u.test(t)),
  );
  expect(texts.length, `${name}: interface texts found`).toBeGreaterThan(1);
  const outside = texts.filter((t) => !t.includes('['));
  expect(outside, `${name}: texts outside the catalogue`).toEqual([]);
  // Nothing wider than the phone: no horizontal scrolling, no element sticking out.
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Inside a horizontally scrolling container (wide tables) is allowed by design.
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => !el.closest('.table-wrap') && el.getBoundingClientRect().right > width + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? '').trim().slice(0, 40)}`);
    return { scroll: document.documentElement.scrollWidth - width, wide };
  });
  expect(overflow.wide, `${name}: elements wider than 360 px`).toEqual([]);
  expect(overflow.scroll, `${name}: horizontal scrolling`).toBeLessThanOrEqual(0);
  await a11y.check(`${name} (fr-XA)`);
}

test('pseudo-locale: every word comes from the catalogue and nothing overflows at 360 px', async ({ page, a11y, islands }) => {
  await test.step('public pages', async () => {
    await page.goto('/');
    await checkPage(page, a11y, 'home');
    await page.goto('/avis');
    await checkPage(page, a11y, 'satisfaction page without a link');
    await page.goto('/connexion');
    await islands.ready();
    await checkPage(page, a11y, 'sign-in');
  });

  await test.step('the browser-side check speaks the page language', async () => {
    await page.locator('main form button[type=submit]').click();
    await expect(page.locator('#err-identifier')).toHaveText(/^\[.*\]$/);
    await checkPage(page, a11y, 'sign-in with an error');
  });

  await test.step('allocataire pages', async () => {
    await page.locator('input[name=identifier]').fill(ALLOCATAIRE.email);
    const asked = Date.now();
    await submitAndNavigate(page, page.locator('main form button[type=submit]'));
    await expect(page).toHaveURL(/\/connexion\/code$/);
    await checkPage(page, a11y, 'code');
    await page.locator('input[name=code]').fill(await latestSignInCode(ALLOCATAIRE.email, asked));
    await submitAndNavigate(page, page.locator('main form button[type=submit]'));
    await expect(page).toHaveURL(/\/espace$/);
    await checkPage(page, a11y, 'Mon espace');
    await page.goto('/espace/parcours');
    await checkPage(page, a11y, 'Mon parcours');
    await page.goto('/espace/avis');
    await checkPage(page, a11y, 'Mes avis');
    await page.goto('/espace/panel');
    await checkPage(page, a11y, 'panels and juries');
    await page.goto('/espace/questionnaires');
    await checkPage(page, a11y, 'Mes questionnaires');
    await page.goto('/rdv/prendre');
    await islands.ready();
    await checkPage(page, a11y, 'booking');
    await submitAndNavigate(page, page.locator('header form button[type=submit]').first());
    await checkPage(page, a11y, 'signed out');
  });

  await test.step('staff pages', async () => {
    await page.goto('/pro/connexion');
    await islands.ready();
    await checkPage(page, a11y, 'staff sign-in');
    await page.locator('input[name=email]').fill(NADIA.email);
    await page.locator('input[name=password]').fill(STAFF_PASSWORD);
    await submitAndNavigate(page, page.locator('main form button[type=submit]'));
    await expect(page).toHaveURL(/\/pro\/agenda$/);
    await checkPage(page, a11y, 'agenda');
    for (const path of ['/pro/agenda?semaine=1', '/pro/creneaux', '/pro/messages', '/pro/echeances', '/pro/avis', '/pro/allocataires']) {
      await page.goto(path);
      await checkPage(page, a11y, path);
    }
    await page.locator('main a[href^="/pro/allocataires/"]').first().click();
    await expect(page).toHaveURL(/\/pro\/allocataires\/\d+$/);
    await checkPage(page, a11y, 'allocataire file');
    await page.goto(`${page.url()}/parcours`);
    await islands.ready();
    await checkPage(page, a11y, 'parcours and contract');
  });
});
