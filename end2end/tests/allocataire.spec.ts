import fs from 'node:fs';
import type { Locator, Page, Request } from '@playwright/test';
import { expect, submitAndNavigate, test } from '../helpers/fixtures';
import { calendarPart, icsValue, latestSignInCode, plainText, waitForMail } from '../helpers/maildir';
import { ALLOCATAIRE, appointmentId, labels, parisWallClock, pickSlot, signOut, slotRadio } from '../helpers/portal';

// The allocataire's journey, run twice: with JavaScript (the FormCheck islands check the
// forms in the browser first) and without (plain form posts, errors after a redirect).

/**
 * Submits a form that must be refused. With JavaScript, the island refuses it in the
 * browser: nothing is sent and the page stays. Without, the server answers with a redirect
 * back to the form carrying the errors.
 */
async function submitInvalid(page: Page, button: Locator, js: boolean, apiRequests: Request[]): Promise<void> {
  if (!js) {
    await submitAndNavigate(page, button);
    return;
  }
  const before = apiRequests.length;
  const url = page.url();
  await button.click();
  await expect(page.locator('.field-error:not(:empty)').first()).toBeVisible();
  // A post would have started by now: make sure none did.
  await page.waitForTimeout(300);
  expect(
    apiRequests.slice(before).map((r) => `${r.method()} ${r.url()}`),
    'the browser-side check must not send the form',
  ).toEqual([]);
  expect(page.url()).toBe(url);
}

/** The field error shown for a field, found through the field's accessible description. */
async function expectFieldError(field: Locator, message: string | RegExp): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(message instanceof RegExp ? message : new RegExp(escape(message)));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('allocataire: sign in with a code by e-mail, book, move and cancel an appointment', async ({
  page,
  a11y,
  islands,
  apiRequests,
  bookings,
}) => {
  const js = islands.enabled;
  const identifier = page.getByLabel(labels.identifier);
  const codeField = page.getByLabel(labels.code);

  await test.step('home page', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Portail des agences locales d'insertion");
    await a11y.check('home page');
    await page.getByRole('main').getByRole('link', { name: 'Me connecter' }).click();
    await expect(page).toHaveURL(/\/connexion$/);
    await islands.ready();
    await a11y.check('sign-in page');
  });

  await test.step('empty sign-in form: French error, nothing sent (JS) / error after redirect (no JS)', async () => {
    await submitInvalid(page, page.getByRole('button', { name: 'Recevoir un code' }), js, apiRequests);
    await expect(page).toHaveURL(/\/connexion$/);
    await expect(page.locator('.field-error').filter({ hasText: /\S/ })).toContainText('numéro');
    await expectFieldError(identifier, /numéro/);
    const summary = page.locator('[data-summary]');
    await expect(summary).toContainText('Le formulaire contient une erreur');
    // The summary takes the focus (autofocus without JavaScript) and links to the field.
    await expect(summary).toBeFocused();
    await a11y.check('sign-in page: empty form error');
    await summary.getByRole('link', { name: /numéro/ }).click();
    await expect(page).toHaveURL(/#f-identifier$/);
    await expect(identifier).toBeFocused();
    await a11y.check('sign-in page: error summary link followed');
  });

  await test.step('invalid identifier: error, and what was typed stays', async () => {
    await identifier.fill('06 12');
    await submitInvalid(page, page.getByRole('button', { name: 'Recevoir un code' }), js, apiRequests);
    await expectFieldError(identifier, 'Saisissez votre numéro allocataire (5 à 12 chiffres)');
    await expect(identifier).toHaveValue('06 12');
    await a11y.check('sign-in page: invalid identifier error');
  });

  let asked = 0;
  await test.step('ask for a code by e-mail', async () => {
    await identifier.fill(ALLOCATAIRE.email);
    asked = Date.now();
    await submitAndNavigate(page, page.getByRole('button', { name: 'Recevoir un code' }));
    await expect(page).toHaveURL(/\/connexion\/code$/);
    await expect(page.getByRole('status')).toContainText('Si un compte correspond');
    await islands.ready();
    await a11y.check('code page');
  });

  const code = await test.step('read the code in the e-mail', () => latestSignInCode(ALLOCATAIRE.email, asked));

  await test.step('a code that is not 6 digits is refused', async () => {
    await codeField.fill('12');
    await submitInvalid(page, page.getByRole('button', { name: 'Me connecter' }), js, apiRequests);
    await expectFieldError(codeField, 'Le code contient 6 chiffres');
    // Without JavaScript, the server never writes a code back into the page.
    await expect(codeField).toHaveValue(js ? '12' : '');
    await a11y.check('code page: malformed code error');
  });

  await test.step('a wrong code is refused by the server', async () => {
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await codeField.fill(wrong);
    await submitAndNavigate(page, page.getByRole('button', { name: 'Me connecter' }));
    await expect(page).toHaveURL(/\/connexion\/code$/);
    await expectFieldError(codeField, "Ce code n'est pas le bon ou il a expiré");
    await expect(codeField).toHaveValue('');
    await islands.ready();
    await a11y.check('code page: wrong code error');
  });

  await test.step('the right code opens Mon espace, with the référente', async () => {
    await codeField.fill(code);
    await submitAndNavigate(page, page.getByRole('button', { name: 'Me connecter' }));
    await expect(page).toHaveURL(/\/espace$/);
    await expect(page.getByRole('status')).toContainText('Connexion réussie.');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bonjour ${ALLOCATAIRE.firstName}`);
    await expect(page.getByRole('region', { name: 'La personne qui me suit' })).toContainText(ALLOCATAIRE.referent);
    // Nothing booked yet: each test leaves the demo allocataire without an appointment.
    await expect(page.getByRole('region', { name: 'Mon prochain rendez-vous' })).toContainText(
      "Vous n'avez pas de rendez-vous prévu.",
    );
    await a11y.check('Mon espace');
  });

  await test.step('booking page: a slot must be chosen', async () => {
    await page.getByRole('region', { name: 'Mon prochain rendez-vous' }).getByRole('link', { name: 'Prendre rendez-vous' }).click();
    await expect(page).toHaveURL(/\/rdv\/prendre$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Prendre rendez-vous');
    await islands.ready();
    await a11y.check('booking page');
    await submitInvalid(page, page.getByRole('button', { name: 'Réserver ce rendez-vous' }), js, apiRequests);
    await expect(page.getByRole('group', { name: 'Choisissez un créneau' })).toHaveAccessibleDescription('Choisissez un créneau.');
    await a11y.check('booking page: no slot chosen error');
  });

  const modality = page.getByRole('group', { name: 'Comment voulez-vous faire ce rendez-vous ?' });
  // Appointments less than 24 h away cannot be changed online: book beyond, with margin.
  const notBefore = parisWallClock(Date.now() + 26 * 3600_000);
  let id = 0;
  let firstSlot = '';
  let booked = 0;
  await test.step('book a slot with Nadia Benali, on site', async () => {
    await islands.ready();
    const slot = await pickSlot(page, { counsellor: ALLOCATAIRE.referent, notBefore });
    firstSlot = slot.id;
    await slotRadio(page, slot.id).check();
    // The choice's name says its day (not only « 9 h – 9 h 45 »); the référent is named
    // once, in the group's legend.
    await expect(slotRadio(page, slot.id)).toHaveAccessibleName(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} [a-zéû]+ \d{4}, \d{1,2} h/);
    await expect(page.getByRole('group', { name: 'Choisissez un créneau avec Nadia Benali' })).toBeVisible();
    await modality.getByRole('radio', { name: 'Sur place' }).check();
    booked = Date.now();
    await submitAndNavigate(page, page.getByRole('button', { name: 'Réserver ce rendez-vous' }));
    await expect(page).toHaveURL(/\/rdv\/\d+$/);
    id = appointmentId(page);
    bookings.add(id);
    await expect(page.getByRole('status')).toContainText('Votre rendez-vous est confirmé');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon rendez-vous');
    await expect(page.getByRole('main')).toContainText(ALLOCATAIRE.referent);
    await expect(page.getByRole('main')).toContainText('Sur place');
    await a11y.check('appointment page after booking');
  });

  let uid = '';
  let firstStart = '';
  await test.step('the confirmation e-mail carries a calendar file', async () => {
    const mail = await waitForMail({ to: ALLOCATAIRE.email, subject: 'Votre rendez-vous est confirmé', after: booked });
    expect(plainText(mail)).toContain('Votre rendez-vous est confirmé.');
    expect(plainText(mail)).toContain(ALLOCATAIRE.referent);
    const ics = calendarPart(mail);
    expect(ics, 'a text/calendar part').toBeDefined();
    expect(ics!.params.method).toBe('PUBLISH');
    uid = icsValue(ics!.text, 'UID') ?? '';
    expect(uid).not.toBe('');
    expect(icsValue(ics!.text, 'SUMMARY')).toBe('Rendez-vous ALI');
    expect(icsValue(ics!.text, 'STATUS')).toBe('CONFIRMED');
    firstStart = icsValue(ics!.text, 'DTSTART') ?? '';
  });

  await test.step('the calendar file of the page is the same event', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Ajouter à mon agenda (fichier calendrier)' }).click();
    const file = await (await download).path();
    const ics = fs.readFileSync(file, 'utf8');
    expect(icsValue(ics, 'UID')).toBe(uid);
    expect(icsValue(ics, 'SUMMARY')).toBe('Rendez-vous ALI');
  });

  let moveSlot = '';
  let moveStart = '';
  await test.step('move page: a reason is required, the chosen slot stays', async () => {
    await page.getByRole('link', { name: 'Déplacer ce rendez-vous' }).click();
    await expect(page).toHaveURL(new RegExp(`/rdv/${id}/deplacer$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déplacer mon rendez-vous');
    await islands.ready();
    await a11y.check('move page');
    const slot = await pickSlot(page, { counsellor: ALLOCATAIRE.referent, notBefore, exclude: firstSlot });
    moveSlot = slot.id;
    moveStart = slot.startLabel;
    await slotRadio(page, moveSlot).check();
    await submitInvalid(page, page.getByRole('button', { name: 'Déplacer le rendez-vous' }), js, apiRequests);
    const reason = page.getByLabel('Pourquoi déplacez-vous ce rendez-vous ?');
    await expectFieldError(reason, 'Expliquez en quelques mots');
    await expect(slotRadio(page, moveSlot)).toBeChecked();
    await a11y.check('move page: missing reason error');
  });

  await test.step('move to the other slot with a reason', async () => {
    await islands.ready();
    await page.getByLabel('Pourquoi déplacez-vous ce rendez-vous ?').fill("J'ai un entretien d'embauche ce jour-là.");
    const moved = Date.now();
    await submitAndNavigate(page, page.getByRole('button', { name: 'Déplacer le rendez-vous' }));
    await expect(page).toHaveURL(new RegExp(`/rdv/${id}$`));
    await expect(page.getByRole('status')).toContainText('Votre rendez-vous est déplacé');
    await expect(page.getByRole('definition').first()).toContainText(`à ${moveStart} (`);
    await a11y.check('appointment page after moving');
    const mail = await waitForMail({ to: ALLOCATAIRE.email, subject: 'Votre rendez-vous a été déplacé', after: moved });
    const ics = calendarPart(mail);
    expect(ics, 'a text/calendar part').toBeDefined();
    expect(icsValue(ics!.text, 'UID'), 'the same calendar event').toBe(uid);
    expect(icsValue(ics!.text, 'DTSTART')).not.toBe(firstStart);
    expect(Number(icsValue(ics!.text, 'SEQUENCE'))).toBeGreaterThan(0);
  });

  await test.step('cancel: a reason is required', async () => {
    await islands.ready();
    await submitInvalid(page, page.getByRole('button', { name: 'Annuler le rendez-vous' }), js, apiRequests);
    await expectFieldError(page.getByLabel('Pourquoi annulez-vous ?'), 'Expliquez en quelques mots');
    await a11y.check('appointment page: missing cancel reason error');
  });

  await test.step('cancel with a reason: back on Mon espace', async () => {
    await islands.ready();
    await page.getByLabel('Pourquoi annulez-vous ?').fill('Je suis malade.');
    const cancelled = Date.now();
    await submitAndNavigate(page, page.getByRole('button', { name: 'Annuler le rendez-vous' }));
    await expect(page).toHaveURL(/\/espace$/);
    await expect(page.getByRole('status')).toHaveText('Votre rendez-vous est annulé. Le créneau est libéré.');
    bookings.done(id);
    await expect(page.getByRole('region', { name: 'Mon prochain rendez-vous' })).toContainText(
      "Vous n'avez pas de rendez-vous prévu.",
    );
    await expect(page.getByRole('region', { name: 'Mes rendez-vous passés ou annulés' })).toContainText(
      "Annulé par l'allocataire",
    );
    await a11y.check('Mon espace after cancelling');
    const mail = await waitForMail({ to: ALLOCATAIRE.email, subject: 'Votre rendez-vous est annulé', after: cancelled });
    const ics = calendarPart(mail);
    expect(ics, 'a text/calendar part').toBeDefined();
    expect(ics!.params.method).toBe('CANCEL');
    expect(icsValue(ics!.text, 'UID')).toBe(uid);
    expect(icsValue(ics!.text, 'STATUS')).toBe('CANCELLED');
  });

  await test.step('sign out', async () => {
    await signOut(page, a11y, /\/connexion$/);
  });
});

test.describe('negative control: without the WASM', () => {
  test.use({ allowPageErrors: true });

  test('the browser-side check does not run, the server answers instead', async ({ page, a11y, apiRequests }, testInfo) => {
    test.skip(testInfo.project.name !== 'js', 'Only meaningful with JavaScript.');
    await page.route('**/*.wasm', (route) => route.abort());
    const wasmFailed = page.waitForEvent('requestfailed', (r) => r.url().endsWith('.wasm'));
    await page.goto('/connexion');
    await wasmFailed;
    // The loader script still defines __hydrateIsland (it does so before the WASM is
    // instantiated): that alone does not prove hydration.
    await page.waitForFunction(() => window.__hydrateIsland !== undefined);
    await page.waitForTimeout(300);
    const listening = await page.evaluate(() =>
      [...document.querySelectorAll('leptos-island form')].some((f) => window.__e2eSubmitForms?.has(f)),
    );
    expect(listening, 'no island attached its submit listener').toBe(false);
    await a11y.check('sign-in page without WASM');

    await submitAndNavigate(page, page.getByRole('button', { name: 'Recevoir un code' }));
    const posts = apiRequests.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/connexion/code');
    expect(posts, 'the form was posted to the server').toHaveLength(1);
    await expect(page).toHaveURL(/\/connexion$/);
    await expect(page.locator('.field-error').filter({ hasText: /\S/ })).toContainText('numéro');
    await expectFieldError(page.getByLabel(labels.identifier), /numéro/);
    await a11y.check('sign-in page without WASM: server error');
  });
});
