import fs from 'node:fs';
import { expect, frenchDay, parisDate, submitAndNavigate, test, weekday } from '../helpers/fixtures';
import { icsStartDay } from '../helpers/maildir';
import {
  ALLOCATAIRE,
  NADIA,
  STAFF_PASSWORD,
  appointmentId,
  labels,
  offeredSlots,
  parisWallClock,
  pickSlot,
  signInAllocataire,
  signInStaff,
  signOut,
  slotRadio,
} from '../helpers/portal';

// The counsellor's journey (with JavaScript only: the "nojs" project ignores this file).

test('counsellor: open a slot, record an outcome, read the caseload and the messages sent', async ({
  page,
  a11y,
  islands,
  apiRequests,
  bookings,
}) => {
  let day = '';
  let id = 0;

  await test.step('the allocataire books an appointment with Nadia Benali', async () => {
    await signInAllocataire(page, a11y, islands);
    await page.getByRole('region', { name: 'Mon prochain rendez-vous' }).getByRole('link', { name: 'Prendre rendez-vous' }).click();
    await expect(page).toHaveURL(/\/rdv\/prendre$/);
    await islands.ready();
    await a11y.check('booking page');
    const slot = await pickSlot(page, { counsellor: NADIA.name, notBefore: parisWallClock(Date.now() + 26 * 3600_000) });
    await slotRadio(page, slot.id).check();
    await submitAndNavigate(page, page.getByRole('button', { name: 'Réserver ce rendez-vous' }));
    await expect(page).toHaveURL(/\/rdv\/\d+$/);
    id = appointmentId(page);
    bookings.add(id);
    await expect(page.getByRole('status')).toContainText('Votre rendez-vous est confirmé');
    await a11y.check('appointment page after booking');
    // The appointment's day, from its calendar file.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Ajouter à mon agenda (fichier calendrier)' }).click();
    day = icsStartDay(fs.readFileSync(await (await download).path(), 'utf8'));
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await signOut(page, a11y, /\/connexion$/);
  });

  await test.step('staff sign-in: a wrong password is refused, the e-mail stays', async () => {
    await page.goto('/pro/connexion');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion professionnelle');
    await islands.ready();
    await a11y.check('staff sign-in page');
    await page.getByLabel(labels.staffEmail).fill(NADIA.email);
    await page.getByLabel(labels.password).fill('pas-le-bon-mot-de-passe');
    await submitAndNavigate(page, page.getByRole('button', { name: 'Me connecter' }));
    await expect(page).toHaveURL(/\/pro\/connexion$/);
    await expect(page.getByLabel(labels.password)).toHaveAccessibleDescription(/Adresse e-mail ou mot de passe incorrect\./);
    await expect(page.getByLabel(labels.staffEmail)).toHaveValue(NADIA.email);
    await expect(page.getByLabel(labels.password)).toHaveValue('');
    await a11y.check('staff sign-in page: wrong password error');
  });

  await test.step('Nadia signs in and sees her agenda', async () => {
    await islands.ready();
    await page.getByLabel(labels.password).fill(STAFF_PASSWORD);
    await submitAndNavigate(page, page.getByRole('button', { name: 'Me connecter' }));
    await expect(page).toHaveURL(/\/pro\/agenda$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Agenda');
    await expect(page.getByRole('banner')).toContainText(NADIA.name.split(' ')[0]);
    await a11y.check('agenda (today)');
  });

  const menu = page.getByRole('navigation', { name: 'Menu principal' });
  // 20 days ahead, on a weekday; 16 h 30 stays clear of the demo slots (9 h – 16 h 15).
  let slotDay = parisDate(20);
  while ([0, 6].includes(weekday(slotDay))) slotDay = parisDate(20 + (weekday(slotDay) === 6 ? 2 : 1));

  await test.step('open one slot', async () => {
    await menu.getByRole('link', { name: 'Créneaux' }).click();
    await expect(page).toHaveURL(/\/pro\/creneaux$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Créneaux de rendez-vous');
    await islands.ready();
    await a11y.check('slots page');

    // The browser check first: no date, no time.
    const before = apiRequests.length;
    await page.getByRole('button', { name: 'Ouvrir', exact: true }).click();
    await expect(page.getByLabel(/^Date/)).toHaveAccessibleDescription(/date valide/);
    await page.waitForTimeout(300);
    expect(apiRequests.slice(before).map((r) => r.url()), 'nothing sent').toEqual([]);
    await a11y.check('slots page: missing date error');

    await page.getByLabel(/^Date/).fill(slotDay);
    await page.getByLabel('Heure de début').fill('16:30');
    await expect(page.getByLabel("Durée d'un rendez-vous (minutes)")).toHaveValue('45');
    await expect(page.getByRole('checkbox', { name: 'Sur place' })).toBeChecked();
    await submitAndNavigate(page, page.getByRole('button', { name: 'Ouvrir', exact: true }));
    await expect(page).toHaveURL(/\/pro\/creneaux(\?.*)?$/);
    await expect(page.getByRole('status')).toHaveText(/^1 créneau ouvert\./);
    await expect(page.getByRole('heading', { level: 3, name: frenchDay(slotDay) })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: '16 h 30 – 17 h 15' })).toBeVisible();
    await a11y.check('slots page after opening one');
  });

  await test.step('record the outcome of the appointment: excused', async () => {
    await page.goto(`/pro/agenda?jour=${day}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Agenda');
    await a11y.check('agenda of the appointment day');
    const item = page
      .getByRole('listitem')
      .filter({ hasText: ALLOCATAIRE.firstName })
      .filter({ has: page.getByRole('button', { name: 'Enregistrer' }) });
    await expect(item).toHaveCount(1);
    await item.getByLabel('Résultat').selectOption({ label: 'Absence excusée' });
    await submitAndNavigate(page, item.getByRole('button', { name: 'Enregistrer' }));
    await expect(page).toHaveURL(new RegExp(`/pro/agenda\\?jour=${day}$`));
    await expect(page.getByRole('status')).toHaveText('Résultat enregistré : Absence excusée.');
    bookings.done(id);
    await expect(
      page.getByRole('listitem').filter({ hasText: ALLOCATAIRE.firstName }).filter({ hasText: 'Absence excusée' }),
    ).not.toHaveCount(0);
    await a11y.check('agenda after recording the outcome');
  });

  await test.step('caseload', async () => {
    await menu.getByRole('link', { name: 'Allocataires' }).click();
    await expect(page).toHaveURL(/\/pro\/allocataires$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Allocataires suivis (file active)');
    await expect(page.getByRole('table')).toBeVisible();
    await expect(page.getByRole('rowheader', { name: /MARTIN Camille/ })).toBeVisible();
    await a11y.check('caseload');
  });

  await test.step('messages sent', async () => {
    await menu.getByRole('link', { name: 'Messages envoyés' }).click();
    await expect(page).toHaveURL(/\/pro\/messages$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Messages envoyés');
    // Demo mode: the sign-in codes are shown, and the SMS sent on booking are listed.
    await expect(
      page.getByRole('listitem').filter({ hasText: 'Votre code de connexion' }).filter({ hasText: ALLOCATAIRE.email }).first(),
    ).toContainText(/votre code de connexion est \d{6}/);
    await expect(
      page.getByRole('listitem').filter({ hasText: 'Votre rendez-vous est confirmé' }).filter({ hasText: 'SMS' }).first(),
    ).toBeVisible();
    await a11y.check('messages sent');
  });

  await test.step('sign out', async () => {
    await signOut(page, a11y, /\/pro\/connexion$/);
  });
});

test('every slot offered online can still be moved or cancelled online (24-hour rule)', async ({ page, a11y, islands }) => {
  // Appointments less than 24 h away cannot be moved or cancelled online ("appelez votre
  // référent·e"); the booking page must therefore not offer such slots (the service says:
  // "Not within the cut-off: a slot taken now must still be movable").
  const [date, time] = parisWallClock(Date.now() + 3 * 3600_000).split(' ');

  await test.step('Nadia opens a slot in about 3 hours', async () => {
    await signInStaff(page, a11y, islands);
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Créneaux' }).click();
    await expect(page).toHaveURL(/\/pro\/creneaux$/);
    await islands.ready();
    await a11y.check('slots page');
    await page.getByLabel(/^Date/).fill(date);
    await page.getByLabel('Heure de début').fill(time);
    await submitAndNavigate(page, page.getByRole('button', { name: 'Ouvrir', exact: true }));
    await expect(page.getByRole('status')).toHaveText(/^1 créneau ouvert\./);
    await a11y.check('slots page after opening one');
    await signOut(page, a11y, /\/pro\/connexion$/);
  });

  await test.step('the allocataire is not offered slots less than 24 h away', async () => {
    await signInAllocataire(page, a11y, islands);
    await page.getByRole('region', { name: 'Mon prochain rendez-vous' }).getByRole('link', { name: 'Prendre rendez-vous' }).click();
    await expect(page).toHaveURL(/\/rdv\/prendre$/);
    await islands.ready();
    await a11y.check('booking page');
    const limit = parisWallClock(Date.now() + 24 * 3600_000);
    const tooSoon = (await offeredSlots(page)).filter((s) => s.start < limit).map((s) => `${s.start} ${s.label}`);
    expect(tooSoon, `slots offered before ${limit} (they could not be moved or cancelled online once booked)`).toEqual([]);
    await signOut(page, a11y, /\/connexion$/);
  });
});
