import type { Page } from '@playwright/test';
import { expect, submitAndNavigate, test } from '../helpers/fixtures';
import { ALLOCATAIRE, parisWallClock, signInAs, signInStaff, signOut } from '../helpers/portal';

// Collective workshops on a phone, with JavaScript and without: a counsellor opens a
// one-seat session; Camille takes the last seat; a second person joins the waiting list
// and is offered the seat when Camille leaves, then confirms it; the counsellor signs
// the attendance. axe-core and the layout checks run on every page.

/** A second demo allocataire of ALI Bobigny, with an e-mail on file. */
const SECOND = { email: 'allocataire4@exemple.org' };

type Check = { check(state: string): Promise<void> };

async function openWorkshops(page: Page, a11y: Check, state: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Ateliers' }).click();
  await expect(page).toHaveURL(/\/espace\/ateliers$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ateliers collectifs');
  await a11y.check(state);
}

test('workshops: the last seat, the waiting list, a freed seat offered and taken, attendance', async ({ page, a11y, islands }, testInfo) => {
  // Unique per run and project: both projects share the demo data.
  const title = `Atelier CV ${testInfo.project.name} ${Date.now() % 100000}`;
  const card = () => page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: title }) });
  // Starts in 40 minutes: registration is open until the start, attendance from an hour before.
  const [day, time] = parisWallClock(Date.now() + 40 * 60_000).split(' ');

  await test.step('a counsellor opens a one-seat session', async () => {
    await signInStaff(page, a11y, islands);
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Ateliers' }).click();
    await expect(page).toHaveURL(/\/pro\/ateliers$/);
    await islands.ready();
    await a11y.check('staff workshops');
    // A capacity of 0 is refused, and what was typed stays.
    await page.getByLabel(/^Titre/).fill(title);
    await page.getByLabel(/^Thème/).selectOption({ label: "Techniques de recherche d'emploi" });
    await page.getByLabel(/^Date/).fill(day);
    await page.getByLabel(/^Heure de début/).fill(time);
    await page.getByLabel(/^Durée/).fill('60');
    await page.getByLabel(/^Lieu/).fill('Salle 3, ALI Bobigny');
    await page.getByLabel(/^Nombre de places/).fill('0');
    await page.getByLabel(/^Fin des inscriptions/).fill('0');
    const submit = page.getByRole('button', { name: "Créer l'atelier" });
    if (islands.enabled) await submit.click();
    else await submitAndNavigate(page, submit);
    await expect(page.getByLabel(/^Nombre de places/)).toHaveAccessibleDescription(/de 1 à 200/);
    await expect(page.getByLabel(/^Titre/)).toHaveValue(title);
    await a11y.check('staff workshops: capacity 0 refused');
    await islands.ready();
    await page.getByLabel(/^Nombre de places/).fill('1');
    await submitAndNavigate(page, page.getByRole('button', { name: "Créer l'atelier" }));
    await expect(page).toHaveURL(/\/pro\/ateliers\/\d+$/);
    await expect(page.getByRole('status')).toHaveText('Atelier créé.');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await a11y.check('a new session');
    await signOut(page, a11y, /\/pro\/connexion$/);
  });

  await test.step('Camille takes the last seat', async () => {
    await signInAs(page, a11y, islands, ALLOCATAIRE.email);
    await openWorkshops(page, a11y, 'workshops (Camille)');
    await expect(card()).toContainText('1 place restante');
    await submitAndNavigate(page, card().getByRole('button', { name: "M'inscrire" }));
    await expect(page.getByRole('status')).toContainText(`Vous êtes inscrit ou inscrite à « ${title} »`);
    await expect(card()).toContainText('Inscrit ou inscrite');
    await a11y.check('workshops: registered');
    await signOut(page, a11y, /\/connexion$/);
  });

  await test.step('the session is full: a second person joins the waiting list', async () => {
    await signInAs(page, a11y, islands, SECOND.email);
    await openWorkshops(page, a11y, 'workshops (second person)');
    await expect(card()).toContainText("Complet — liste d'attente");
    await submitAndNavigate(page, card().getByRole('button', { name: "Rejoindre la liste d'attente" }));
    await expect(page.getByRole('status')).toContainText("vous êtes sur la liste d'attente");
    await expect(card()).toContainText('Vous êtes le prochain ou la prochaine');
    await a11y.check('workshops: on the waiting list');
    await signOut(page, a11y, /\/connexion$/);
  });

  await test.step('Camille leaves: the seat is offered to the person waiting', async () => {
    await signInAs(page, a11y, islands, ALLOCATAIRE.email);
    await openWorkshops(page, a11y, 'workshops (Camille again)');
    await submitAndNavigate(page, card().getByRole('button', { name: 'Me désinscrire' }));
    await expect(page.getByRole('status')).toContainText(`Vous n'êtes plus inscrit ou inscrite à « ${title} »`);
    await a11y.check('workshops: left');
    await signOut(page, a11y, /\/connexion$/);
  });

  await test.step('the second person confirms the seat offered', async () => {
    await signInAs(page, a11y, islands, SECOND.email);
    await openWorkshops(page, a11y, 'workshops: a seat offered');
    await expect(card()).toContainText("Une place s'est libérée pour vous");
    await submitAndNavigate(page, card().getByRole('button', { name: 'Confirmer ma place' }));
    await expect(page.getByRole('status')).toContainText(`Vous êtes inscrit ou inscrite à « ${title} »`);
    await expect(card()).toContainText('Inscrit ou inscrite');
    await a11y.check('workshops: the offered seat taken');
    await signOut(page, a11y, /\/connexion$/);
  });

  await test.step('the counsellor signs the attendance', async () => {
    await signInStaff(page, a11y, islands);
    await page.goto('/pro/ateliers');
    await a11y.check('staff workshops with the session');
    await page.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await a11y.check('the session: one registered');
    const item = page.getByRole('listitem').filter({ has: page.getByLabel(/^Présence de/) });
    await expect(item).toHaveCount(1);
    await item.getByLabel(/^Présence de/).selectOption({ label: 'Présent ou présente' });
    await submitAndNavigate(page, item.getByRole('button', { name: 'Enregistrer' }));
    await expect(page.getByRole('status')).toHaveText('Présence enregistrée : Présent ou présente.');
    await a11y.check('the session: attendance signed');
    // The attendance sheet is one link away.
    await expect(page.getByRole('link', { name: "Imprimer la feuille d'émargement (PDF)" })).toHaveAttribute('href', /\/emargement\.pdf$/);
    // Another room: the form is filled with the session, and the person registered is told.
    await expect(page.getByLabel(/^Titre/)).toHaveValue(title);
    await page.getByLabel(/^Lieu/).fill('Salle 4, ALI Bobigny');
    await islands.ready();
    await submitAndNavigate(page, page.getByRole('button', { name: 'Enregistrer les modifications' }));
    await expect(page.getByRole('status')).toHaveText('Atelier modifié : une personne est prévenue du changement.');
    await expect(page.locator('dl')).toContainText('Salle 4, ALI Bobigny');
    await a11y.check('the session: moved to another room');
    await signOut(page, a11y, /\/pro\/connexion$/);
  });
});
