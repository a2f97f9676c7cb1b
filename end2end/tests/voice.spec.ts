import { expect, parisDate, submitAndNavigate, test, weekday } from '../helpers/fixtures';
import { plainText, waitForMail } from '../helpers/maildir';
import { signInStaff, signOut } from '../helpers/portal';

// The satisfaction question, with JavaScript and without, on a 360 px phone: Nadia
// Benali records last working day's rendez-vous as honoré; the person gets the question
// by e-mail and answers from its link without signing in (a first try without an answer
// keeps the comment); the agency's manager publishes the comment with the phone number
// masked, and reads the results. axe-core runs on every page.

const MANAGER = 'responsable@ali-bobigny.fr';
// The demo's two people with a rendez-vous to record (server/src/seed.rs, DEMO_FEEDBACK).
const PEOPLE = {
  js: { lastName: 'Moreau', email: 'allocataire10@exemple.org' },
  nojs: { lastName: 'Lefèvre', email: 'allocataire13@exemple.org' },
};

test('satisfaction: asked after a rendez-vous honoré, answered from the link, moderated', async ({ page, a11y, islands }, testInfo) => {
  const person = PEOPLE[testInfo.project.name as keyof typeof PEOPLE];
  await signInStaff(page, a11y, islands);

  const outcome = page
    .getByRole('listitem')
    .filter({ hasText: person.lastName })
    .filter({ has: page.getByRole('button', { name: 'Enregistrer' }) });
  await test.step('the counsellor records the rendez-vous as honoré', async () => {
    // The last working day (a public holiday is skipped by looking further back).
    for (let back = 1; back <= 7; back++) {
      const day = parisDate(-back);
      if (weekday(day) === 0 || weekday(day) === 6) continue;
      await page.goto(`/pro/agenda?jour=${day}`);
      await a11y.check(`agenda of ${day}`);
      if ((await outcome.count()) > 0) break;
    }
    await expect(outcome).toHaveCount(1);
    await outcome.getByLabel('Résultat').selectOption({ label: 'Honoré' });
    await submitAndNavigate(page, outcome.getByRole('button', { name: 'Enregistrer' }));
    await expect(page.getByRole('status')).toHaveText('Résultat enregistré : Honoré.');
    await a11y.check('agenda: honoré recorded');
  });
  const before = Date.now() - 60_000;
  const mail = await waitForMail({ to: person.email, subject: 'Votre avis sur votre rendez-vous', after: before });
  const link = /https?:\/\/\S+\/a\/[0-9a-f]{64}/.exec(plainText(mail))?.[0];
  expect(link, plainText(mail)).toBeTruthy();
  await signOut(page, a11y, /\/pro\/connexion$/);

  const comment = `Des conseils clairs (${testInfo.project.name}). Joignable au 06 11 22 33 44.`;
  await test.step('the person answers from the link, signed out', async () => {
    await page.goto(link!);
    // The token leaves the address bar at once; the page shows the question only.
    await expect(page).toHaveURL(/\/avis$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Votre avis');
    const question = page.getByRole('group', { name: 'Ce rendez-vous vous a-t-il été utile ?' });
    await expect(question.getByRole('radio')).toHaveCount(5);
    await expect(page.locator('main')).not.toContainText(person.lastName);
    await a11y.check('satisfaction link: the question');

    await page.getByLabel(/^Un commentaire/).fill(comment);
    await submitAndNavigate(page, page.getByRole('button', { name: 'Envoyer ma réponse' }));
    await expect(page.getByRole('alert')).toContainText('Choisissez une des cinq réponses.');
    await expect(page.getByLabel(/^Un commentaire/)).toHaveValue(comment);
    await a11y.check('satisfaction link: no answer chosen');

    await question.getByRole('radio', { name: 'Utile', exact: true }).check();
    await submitAndNavigate(page, page.getByRole('button', { name: 'Envoyer ma réponse' }));
    await expect(page.getByRole('status')).toHaveText("Merci pour votre réponse. Votre commentaire sera relu avant d'être publié.");
    await expect(page.locator('main')).toContainText('Merci, votre réponse est enregistrée.');
    await expect(page.getByRole('radio')).toHaveCount(0);
    await a11y.check('satisfaction link: answered');
  });

  await test.step('the manager publishes the comment with the phone number masked', async () => {
    await signInStaff(page, a11y, islands, MANAGER);
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Modération' }).click();
    await expect(page).toHaveURL(/\/pro\/moderation$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modération');
    await a11y.check('moderation queue');
    const item = page.getByRole('article').filter({ hasText: comment });
    const masked = `Des conseils clairs (${testInfo.project.name}). Joignable au […].`;
    await expect(item.getByLabel('Texte publié, passages masqués')).toHaveValue(masked);
    await submitAndNavigate(page, item.getByRole('button', { name: 'Publier en masquant' }));
    await expect(page.getByRole('status')).toHaveText('Décision enregistrée : Publié avec des passages masqués.');
    await expect(page.getByRole('listitem').filter({ hasText: comment })).toContainText(masked);
    await a11y.check('moderation: comment published, masked');

    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Avis', exact: true }).click();
    await expect(page).toHaveURL(/\/pro\/avis$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Avis des personnes accompagnées');
    // A handful of answers: no figure, no comment (fewer than 11 respondents).
    await expect(page.getByRole('region', { name: 'Réponses à « Ce rendez-vous vous a-t-il été utile ? »' })).toContainText('moins de 11 réponses');
    await expect(page.locator('main')).not.toContainText('Joignable');
    await a11y.check('satisfaction results');
  });
});
