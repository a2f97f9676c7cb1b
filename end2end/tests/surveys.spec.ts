import { expect, submitAndNavigate, test } from '../helpers/fixtures';
import { signInAs, signInStaff, signOut } from '../helpers/portal';

// Surveys, with JavaScript and without, on a 360 px phone: the Bobigny manager builds a
// survey, previews it as a phone and publishes it; a person answers the demo survey
// (server/src/seed.rs, DEMO_SURVEY) one section per page, leaves and comes back, is told
// what is missing (what was ticked stays ticked), reads the summary and sends. axe-core
// runs on every page.

const MANAGER = 'responsable@ali-bobigny.fr';
// The demo survey's two people (server/src/seed.rs, DEMO_FEEDBACK).
const PEOPLE = {
  js: { numero: '1000010', email: 'allocataire10@exemple.org' },
  nojs: { numero: '1000013', email: 'allocataire13@exemple.org' },
};

test('surveys: a manager builds, previews and publishes; a person answers section by section', async ({ page, a11y, islands }, testInfo) => {
  const person = PEOPLE[testInfo.project.name as keyof typeof PEOPLE];
  const title = `Horaires du samedi (${testInfo.project.name})`;

  await test.step('the manager builds a survey', async () => {
    await signInStaff(page, a11y, islands, MANAGER);
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Questionnaires' }).click();
    await expect(page).toHaveURL(/\/pro\/questionnaires$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Questionnaires');
    await a11y.check('surveys list');
    await page.getByLabel(/^Titre/).fill(title);
    await page.getByRole('radio', { name: /^Anonyme/ }).check();
    await page.getByLabel(/^Pour qui/).selectOption({ label: 'Une liste de personnes (numéros allocataire)' });
    await page.getByLabel('Numéros allocataire (pour une liste)').fill(person.numero);
    await submitAndNavigate(page, page.getByRole('button', { name: 'Créer le questionnaire' }));
    await expect(page).toHaveURL(/\/pro\/questionnaires\/\d+$/);
    await expect(page.getByRole('status')).toHaveText('Questionnaire créé. Ajoutez ses questions.');
    await a11y.check('survey builder: new');

    const add = page.getByRole('region', { name: 'Ajouter une question' });
    // A choice question without its choices is refused, what was typed kept.
    await add.getByLabel('Type de question').selectOption({ label: 'Choix unique' });
    await add.getByLabel('Question', { exact: true }).fill('Quel samedi ?');
    await submitAndNavigate(page, add.getByRole('button', { name: 'Ajouter la question' }));
    await expect(add.getByRole('alert')).toContainText('Le formulaire contient une erreur.');
    await expect(add.getByLabel('Question', { exact: true })).toHaveValue('Quel samedi ?');
    await a11y.check('survey builder: a choice without choices');
    await add.getByLabel('Choix proposés').fill('Le premier du mois\nLe dernier du mois');
    await add.getByLabel('Réponse obligatoire').check();
    await submitAndNavigate(page, add.getByRole('button', { name: 'Ajouter la question' }));
    await expect(page.getByRole('status')).toHaveText('Questions enregistrées.');
    await expect(page.locator('main')).toContainText('Le dernier du mois');
    await a11y.check('survey builder: one question');

    await page.getByRole('link', { name: 'Aperçu sur téléphone' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aperçu sur téléphone');
    const phone = page.getByRole('region', { name: 'Aperçu du questionnaire sur un écran de téléphone' });
    await expect(phone.getByRole('group', { name: /Quel samedi \?/ }).getByRole('radio')).toHaveCount(2);
    await expect(phone).toContainText('Ce questionnaire est anonyme');
    await a11y.check('survey preview');
    await page.getByRole('link', { name: 'Retour au questionnaire' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await a11y.check('survey builder: back from the preview');

    await submitAndNavigate(page, page.getByRole('button', { name: 'Publier et envoyer les invitations' }));
    await expect(page.getByRole('status')).toHaveText('Questionnaire publié : 1 invitation envoyée.');
    await expect(page.locator('main')).toContainText('Publié');
    await a11y.check('survey builder: published');
    await signOut(page, a11y, /\/pro\/connexion$/);
  });

  await test.step('the person starts the demo survey, leaves, and comes back', async () => {
    await signInAs(page, a11y, islands, person.email);
    await page.getByRole('link', { name: 'Mes questionnaires' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes questionnaires');
    await expect(page.locator('main')).toContainText(title);
    await a11y.check('my surveys');
    await page.getByRole('link', { name: 'Vos ateliers en 2027' }).click();
    await expect(page.locator('main')).toContainText('Ce questionnaire est anonyme');
    await a11y.check('survey: before the first question');
    await page.getByRole('link', { name: 'Commencer' }).click();
    await expect(page.getByText('Partie 1 sur 3')).toBeVisible();
    await page.getByRole('group', { name: /Quel atelier vous intéresse le plus/ }).getByRole('radio', { name: 'Faire son CV' }).check();
    await page.getByRole('group', { name: /Pouvez-vous venir le matin/ }).getByRole('radio', { name: 'Non' }).check();
    await a11y.check('survey: section 1');
    await submitAndNavigate(page, page.getByRole('button', { name: 'Continuer' }));
    await expect(page.getByRole('status')).toHaveText('Réponses gardées.');
    await expect(page.getByText('Partie 2 sur 3')).toBeVisible();
    await a11y.check('survey: section 2');

    await page.goto('/espace/questionnaires');
    await expect(page.getByRole('listitem').filter({ hasText: 'Vos ateliers en 2027' })).toContainText('Commencé');
    await a11y.check('my surveys: one started');
    await page.getByRole('link', { name: 'Vos ateliers en 2027' }).click();
    await expect(page.getByRole('link', { name: 'Reprendre' })).toBeVisible();
    await a11y.check('survey: resume');
    await page.getByRole('link', { name: 'Reprendre' }).click();
    await expect(page.getByText('Partie 2 sur 3')).toBeVisible();
    await a11y.check('survey: section 2 again');
  });

  await test.step('a missing answer is said, what was ticked stays ticked', async () => {
    const days = page.getByRole('group', { name: /Quels jours vous conviennent/ });
    await days.getByRole('checkbox', { name: 'Mardi' }).check();
    await days.getByRole('checkbox', { name: 'Jeudi' }).check();
    await submitAndNavigate(page, page.getByRole('button', { name: 'Continuer' }));
    await expect(page.getByRole('alert').first()).toContainText('Cette question demande une réponse.');
    await expect(days.getByRole('checkbox', { name: 'Mardi' })).toBeChecked();
    await expect(days.getByRole('checkbox', { name: 'Jeudi' })).toBeChecked();
    await a11y.check('survey: a required answer missing');
    await page.getByRole('group', { name: /Les ateliers de cette année/ }).getByRole('radio', { name: '4 sur 5' }).check();
    await submitAndNavigate(page, page.getByRole('button', { name: 'Continuer' }));
    await expect(page.getByText('Partie 3 sur 3')).toBeVisible();
    await page.getByLabel(/Qu'est-ce qui vous empêche de venir le matin/).fill(`Je dépose mes enfants à l'école (${testInfo.project.name}).`);
    await a11y.check('survey: section 3');
    await submitAndNavigate(page, page.getByRole('button', { name: 'Continuer' }));
  });

  await test.step('the summary, then sending once', async () => {
    await expect(page.getByRole('heading', { level: 2, name: "Vos réponses avant l'envoi" })).toBeVisible();
    await expect(page.locator('main')).toContainText('Faire son CV');
    await expect(page.locator('main')).toContainText('Mardi, Jeudi');
    await expect(page.locator('main')).toContainText('4 sur 5');
    await a11y.check('survey: summary');
    await submitAndNavigate(page, page.getByRole('button', { name: 'Envoyer mes réponses' }));
    await expect(page.getByRole('status')).toHaveText('Merci : vos réponses sont envoyées.');
    await expect(page.locator('main')).toContainText('Nous vous dirons en janvier');
    await expect(page.getByRole('button', { name: 'Envoyer mes réponses' })).toHaveCount(0);
    await a11y.check('survey: sent');
  });
});
