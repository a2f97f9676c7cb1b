import { expect, frenchDay, parisDate, submitAndNavigate, test, weekday } from '../helpers/fixtures';
import { plainText, waitForMail } from '../helpers/maildir';
import { labels, signInStaff, signOut } from '../helpers/portal';

// The agency manager's pages (with JavaScript only: the "nojs" project ignores this file):
// the agency's booking rules and closure days, its audit trail, and its team, down to a
// new counsellor choosing a password with the link e-mailed to them and signing in.

const MANAGER = 'responsable@ali-bobigny.fr';

test('manager: booking rules, a closure day, the audit trail and a new counsellor', async ({ page, a11y, islands, apiRequests, browser }) => {
  const menu = page.getByRole('navigation', { name: 'Menu principal' });

  await test.step('the rules: checked in the browser, saved, then set back', async () => {
    await signInStaff(page, a11y, islands, MANAGER);
    await menu.getByRole('link', { name: 'Réglages' }).click();
    await expect(page).toHaveURL(/\/pro\/reglages$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réglages de ALI Bobigny');
    await islands.ready();
    await a11y.check('agency settings');
    const booking = page.getByLabel(/^Réservation en ligne au plus tard/);
    await expect(booking).toHaveValue('24');
    const before = apiRequests.length;
    await booking.fill('0');
    await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await expect(booking).toHaveAccessibleDescription(/entre 1 et 168/);
    await page.waitForTimeout(300);
    expect(apiRequests.slice(before).map((r) => r.url()), 'nothing sent').toEqual([]);
    await a11y.check('agency settings: a rule out of range');
    await booking.fill('12');
    await submitAndNavigate(page, page.getByRole('button', { name: 'Enregistrer les règles' }));
    await expect(page.getByRole('status')).toHaveText('Règles de prise de rendez-vous enregistrées.');
    await expect(page.getByLabel(/^Réservation en ligne au plus tard/)).toHaveValue('12');
    await a11y.check('agency settings saved');
    // Back to a day's notice: the other journeys count on it.
    await islands.ready();
    await page.getByLabel(/^Réservation en ligne au plus tard/).fill('24');
    await submitAndNavigate(page, page.getByRole('button', { name: 'Enregistrer les règles' }));
    await expect(page.getByLabel(/^Réservation en ligne au plus tard/)).toHaveValue('24');
    await a11y.check('agency settings set back');
  });

  await test.step('a closure day, added then removed', async () => {
    // Two months ahead, on a weekday: beyond the slots the other journeys use.
    let day = parisDate(60);
    for (let n = 61; [0, 6].includes(weekday(day)); n++) day = parisDate(n);
    await islands.ready();
    await page.getByLabel(/^Jour de fermeture/).fill(day);
    await page.getByLabel(/^Motif/).fill('Formation de l’équipe');
    await submitAndNavigate(page, page.getByRole('button', { name: 'Ajouter ce jour de fermeture' }));
    await expect(page.getByRole('status')).toContainText(`Fermeture du ${frenchDay(day)} enregistrée.`);
    const item = page.getByRole('listitem').filter({ hasText: frenchDay(day) });
    await expect(item).toContainText('Formation de l’équipe');
    await a11y.check('agency settings with a closure day');
    await submitAndNavigate(page, item.getByRole('button', { name: `Retirer la fermeture du ${frenchDay(day)}` }));
    await expect(page.getByRole('status')).toContainText("n'est plus un jour de fermeture");
    await expect(page.getByRole('listitem').filter({ hasText: frenchDay(day) })).toHaveCount(0);
    await a11y.check('agency settings after removing the closure day');
  });

  await test.step('the audit trail shows these changes, filtered by kind', async () => {
    await menu.getByRole('link', { name: 'Journal' }).click();
    await expect(page).toHaveURL(/\/pro\/journal$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Journal des accès : ALI Bobigny');
    await a11y.check('audit trail');
    await page.getByLabel("Type d'action").selectOption({ label: "Réglages de l'agence" });
    await submitAndNavigate(page, page.getByRole('button', { name: 'Filtrer' }));
    await expect(page).toHaveURL(/quoi=agency\./);
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows.filter({ hasText: 'Règles de rendez-vous modifiées' }).first()).toBeVisible();
    await expect(rows.filter({ hasText: 'Jour de fermeture retiré' }).first()).toBeVisible();
    await expect(rows.filter({ hasText: 'Dossier consulté' })).toHaveCount(0);
    await a11y.check('audit trail filtered');
  });

  const email = `e2e.${Date.now()}@ali-bobigny.fr`;
  const password = 'trois petits chats dans la cour';

  await test.step('the team: a new counsellor gets a link by e-mail', async () => {
    await menu.getByRole('link', { name: 'Équipe' }).click();
    await expect(page).toHaveURL(/\/pro\/equipe$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Équipe : ALI Bobigny');
    await expect(page.getByRole('rowheader', { name: 'Nadia Benali' })).toBeVisible();
    await islands.ready();
    await a11y.check('team');
    await page.getByLabel(/^Prénom/).fill('Léa');
    await page.getByLabel(/^Nom/).fill('Essai');
    await page.getByLabel(/^E-mail professionnel/).fill('pas-une-adresse');
    await page.getByLabel(/^Fonction/).fill('Conseillère en insertion');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await expect(page.getByLabel(/^E-mail professionnel/)).toHaveAccessibleDescription(/adresse e-mail valide/);
    await a11y.check('team: a wrong e-mail');
    await page.getByLabel(/^E-mail professionnel/).fill(email);
    const sent = Date.now();
    await submitAndNavigate(page, page.getByRole('button', { name: 'Créer le compte' }));
    await expect(page.getByRole('status')).toContainText(`Compte créé pour Léa Essai : un lien pour choisir son mot de passe part à ${email}.`);
    await expect(page.getByRole('row').filter({ hasText: email })).toContainText('Jamais connecté');
    await a11y.check('team with the new counsellor');

    const mail = await waitForMail({ to: email, subject: 'Votre compte sur le Portail ALI', after: sent - 1000 });
    const link = /https?:\/\/\S+\/r\/[A-Za-z0-9]+/.exec(plainText(mail));
    expect(link, plainText(mail)).not.toBeNull();
    const path = new URL(link![0]).pathname;

    // In another browser: the link, the password rules, then signing in.
    const other = await browser.newContext({ baseURL: new URL(page.url()).origin, viewport: { width: 360, height: 740 } });
    const newcomer = await other.newPage();
    await newcomer.goto(path);
    await expect(newcomer).toHaveURL(/\/mot-de-passe\/nouveau$/);
    await expect(newcomer.getByRole('heading', { level: 1 })).toHaveText('Choisir mon mot de passe');
    await newcomer.getByLabel(/^Nouveau mot de passe(?!,)/).fill(password);
    await newcomer.getByLabel(/^Nouveau mot de passe, encore une fois/).fill(password);
    await newcomer.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(newcomer).toHaveURL(/\/pro\/connexion$/);
    await expect(newcomer.getByRole('status')).toHaveText('Votre mot de passe est enregistré. Connectez-vous.');
    await newcomer.getByLabel(labels.staffEmail).fill(email);
    await newcomer.getByLabel(labels.password).fill(password);
    await newcomer.getByRole('button', { name: 'Me connecter' }).click();
    await expect(newcomer).toHaveURL(/\/pro\/agenda$/);
    await other.close();

    await page.reload();
    await expect(page.getByRole('row').filter({ hasText: email })).not.toContainText('Jamais connecté');
    await a11y.check('team after the first sign-in');
  });

  await test.step('on a desk screen the week is a grid, today marked', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/pro/agenda?semaine=1');
    const grid = page.getByRole('region', { name: 'La semaine, une colonne par jour et une ligne par demi-heure' });
    await expect(grid).toBeVisible();
    await expect(grid.getByRole('columnheader')).toHaveCount(8);
    await expect(grid.locator('th[aria-current="date"]')).toHaveCount(1);
    await a11y.check('week agenda at 1280 px');
    // The file active on a desk: the table scrolls in its region under a header that stays.
    await page.goto('/pro/allocataires?conseiller=');
    await a11y.check('file active at 1280 px');
    const region = page.locator('.table-wrap').filter({ has: page.getByRole('table') }).first();
    const header = region.locator('thead th').first();
    await expect(header).toHaveCSS('position', 'sticky');
    await region.evaluate((el) => el.scrollBy(0, 400));
    const [top, headerTop] = await Promise.all([
      region.evaluate((el) => el.getBoundingClientRect().top),
      header.evaluate((el) => el.getBoundingClientRect().top),
    ]);
    expect(Math.abs(headerTop - top), 'the header row stays at the top of the scrolled table').toBeLessThan(2);
    await page.goto('/pro/agenda?semaine=1');
    await a11y.check('week agenda again');
    await page.setViewportSize({ width: 360, height: 740 });
    await expect(grid).toBeHidden();
    await a11y.check('week agenda at 360 px: the day list');
  });

  await test.step('sign out', async () => {
    await signOut(page, a11y, /\/pro\/connexion$/);
  });
});
