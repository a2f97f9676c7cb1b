import { expect, parisDate, submitAndNavigate, test } from '../helpers/fixtures';
import { signInAs, signInStaff, signOut } from '../helpers/portal';

// The parcours and the contract on a phone. With JavaScript and without, a person reads
// the contract proposed to them, sees its deadline in plain words, signs it and says
// what they wish for the next meeting (each project signs its own demo person's
// contract: the projects share the demo data). With JavaScript, a counsellor drafts a
// contract (a wrong field refused first), proposes it, records a placement and closes
// the parcours. axe-core and the layout checks run on every page.

/** Demo people of ALI Bobigny with a contract proposed (seed: DEMO_CONTRACTS). */
const SIGNER = { js: 'allocataire4@exemple.org', nojs: 'allocataire7@exemple.org' };
/** Met last week, no contract yet. */
const TO_DRAFT = '1000008';

test('an allocataire reads the contract proposed, sees the deadline and signs it', async ({ page, a11y, islands }, testInfo) => {
  const email = testInfo.project.name === 'nojs' ? SIGNER.nojs : SIGNER.js;
  await signInAs(page, a11y, islands, email);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mon parcours' }).click();
  await expect(page).toHaveURL(/\/espace\/parcours$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon parcours');
  await expect(page.getByText(/^Votre contrat doit être signé avant le \S+ \d+ \S+ \d{4}\.$/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: "Ce que je m'engage à faire" })).toBeVisible();
  await expect(page.getByText('À lire et à signer')).toBeVisible();
  await a11y.check('Mon parcours: a contract to sign');

  await page.getByLabel("J'ai lu ce contrat et je l'accepte.").check();
  await submitAndNavigate(page, page.getByRole('button', { name: 'Signer mon contrat' }));
  await expect(page).toHaveURL(/\/espace\/parcours$/);
  await expect(page.getByRole('status')).toHaveText('Votre contrat est signé. Merci !');
  await expect(page.locator('.contract .badge').first()).toHaveText('Signé');
  await expect(page.getByText(/^Signé en ligne par .+ le /)).toBeVisible();
  // The next deadline is the review, a year after the contract's start.
  await expect(page.getByText(/^Le bilan de votre accompagnement est prévu le /)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Signer mon contrat' })).toHaveCount(0);
  await a11y.check('Mon parcours: signed');

  await page.getByLabel('Mes objectifs').fill('Travailler dans la petite enfance.');
  await page.getByLabel('Les transports').check();
  await submitAndNavigate(page, page.getByRole('button', { name: 'Enregistrer', exact: true }));
  await expect(page.getByRole('status')).toHaveText("C'est enregistré. Votre référent·e le lira.");
  await expect(page.getByLabel('Mes objectifs')).toHaveValue('Travailler dans la petite enfance.');
  await expect(page.getByLabel('Les transports')).toBeChecked();
  await a11y.check('Mon parcours: wishes saved');
  await signOut(page, a11y, /\/connexion$/);
});

test('a counsellor drafts a contract, records a placement and closes the parcours', async ({ page, a11y, islands }) => {
  test.skip(!islands.enabled, 'the staff journeys run with JavaScript');
  await signInStaff(page, a11y, islands);
  await page.goto(`/pro/allocataires?recherche=${TO_DRAFT}`);
  await a11y.check('caseload: one person found');
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/pro\/allocataires\/\d+$/);
  await a11y.check('the file');
  await page.getByRole('link', { name: 'Parcours et contrat' }).click();
  await expect(page).toHaveURL(/\/pro\/allocataires\/\d+\/parcours$/);
  await islands.ready();
  await expect(page.getByText('État du parcours : accueilli·e, contrat à construire.')).toBeVisible();
  await a11y.check('parcours: welcomed, no contract');

  await test.step('a draft: a short objective is refused in the browser, then it is written and proposed', async () => {
    await page.getByLabel('Ce que nous voulons atteindre').fill('Un emploi');
    await page.getByLabel("Ce que je m'engage à faire").fill('Venir aux rendez-vous et chercher des offres.');
    await page.getByLabel("Ce que l'agence s'engage à faire").fill('Un rendez-vous par mois et des offres ciblées.');
    await page.getByLabel(/^Début du contrat/).fill(parisDate(0));
    await page.getByRole('button', { name: 'Créer le brouillon' }).click();
    await expect(page.getByLabel('Ce que nous voulons atteindre')).toHaveAccessibleDescription(/entre 10 et 2 000 caractères/);
    await expect(page.getByLabel("Ce que je m'engage à faire")).toHaveValue('Venir aux rendez-vous et chercher des offres.');
    await a11y.check('parcours: draft refused in the browser');
    await page.getByLabel('Ce que nous voulons atteindre').fill('Trouver un emploi dans la vente.');
    await submitAndNavigate(page, page.getByRole('button', { name: 'Créer le brouillon' }));
    await expect(page.getByRole('status')).toHaveText('Brouillon enregistré.');
    await a11y.check('parcours: a draft');
    await submitAndNavigate(page, page.getByRole('button', { name: 'Proposer à la personne' }));
    await expect(page.getByRole('status')).toHaveText('Le contrat est proposé. La personne est prévenue par SMS ou e-mail.');
    await expect(page.getByText('En attente de la signature de la personne.')).toBeVisible();
    await a11y.check('parcours: contract proposed');
  });

  await test.step('a placement on a training', async () => {
    await islands.ready();
    await page.getByLabel(/^Type d'étape/).selectOption({ label: 'Positionnement' });
    await page.getByLabel(/^Objet/).selectOption({ label: 'Formation' });
    await page.getByLabel(/^Action/).fill('Formation vendeur conseil, GRETA Bobigny');
    await page.getByLabel(/^Date de début/).fill(parisDate(7));
    await submitAndNavigate(page, page.getByRole('button', { name: "Ajouter l'étape" }));
    await expect(page.getByRole('status')).toHaveText('Étape ajoutée au parcours.');
    await expect(page.getByRole('listitem').filter({ hasText: 'Formation vendeur conseil, GRETA Bobigny' }).first()).toBeVisible();
    await a11y.check('parcours: a placement recorded');
  });

  await test.step('the exit', async () => {
    await islands.ready();
    await page.getByLabel(/^Motif de sortie/).selectOption({ label: 'déménagement' });
    await submitAndNavigate(page, page.getByRole('button', { name: 'Clore le parcours' }));
    await expect(page.getByRole('status')).toHaveText('Le parcours est clos.');
    await expect(page.getByText(/^Parcours terminé le .+ : déménagement\.$/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Clore le parcours' })).toHaveCount(0);
    await a11y.check('parcours: closed');
  });

  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Échéances' }).click();
  await expect(page).toHaveURL(/\/pro\/echeances$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Échéances');
  await a11y.check('deadline list');
  await signOut(page, a11y, /\/pro\/connexion$/);
});
