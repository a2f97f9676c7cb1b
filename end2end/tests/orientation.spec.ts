import { expect, parisDate, submitAndNavigate, test } from '../helpers/fixtures';
import { signInStaff } from '../helpers/portal';

// The monthly orientation file, with JavaScript and without: the manager of ALI Bobigny
// uploads a CSV (UTF-8, commas), reads the preview (new people, a rejected row and its
// reason), confirms, and gets the letter to print for the person with neither phone nor
// e-mail. The admin's commune table is checked too. axe-core runs on every page.

const MANAGER = 'responsable@ali-bobigny.fr';
const ADMIN = 'admin@seinesaintdenis.fr';

test('a manager imports the monthly orientation file', async ({ page, a11y, islands }, testInfo) => {
  // Numéros of this run only (the projects share the demo data).
  const base = `8${String(Date.now()).slice(-7)}${testInfo.project.name === 'nojs' ? 1 : 2}`;
  const day = parisDate(-3);
  const csv = [
    'numero_allocataire,nom,prenom,date_naissance,adresse,telephone,email,date_orientation,type,agence',
    `${base}1,Nguyen,Linh,1990-05-04,"12 rue Hector Berlioz, 93000 Bobigny",06 98 76 54 32,,${day},Accompagnement ALI,Bobigny`,
    `${base}2,Traoré,Binta,,"5 rue de la Liberté, 93000 Bobigny",,,${day},Accompagnement ALI,ALI Bobigny`,
    `${base}3,Petit,Marc,,,06 12,,${day},Accompagnement ALI,Bobigny`,
  ].join('\n');

  await signInStaff(page, a11y, islands, MANAGER);
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: "Fichier d'orientation" }).click();
  await expect(page).toHaveURL(/\/pro\/orientation$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Fichier mensuel d'orientation");
  await a11y.check('orientation file page');

  await page.getByLabel('Fichier CSV').setInputFiles({ name: 'orientations.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await submitAndNavigate(page, page.getByRole('button', { name: "Voir l'aperçu" }));
  await expect(page).toHaveURL(/\/pro\/orientation\/\d+$/);
  // The other project's people, imported from an earlier file, are no longer listed in this one.
  await expect(page.getByRole('status').filter({ hasText: 'nouvelles personnes' })).toHaveText(
    /^2 nouvelles personnes, 0 dossier modifié, 0 inchangé, \d+ personnes? qui ne (?:figure|figurent) plus dans le fichier, 1 ligne refusée\.$/,
  );
  await expect(page.getByRole('region', { name: 'Nouvelles personnes du fichier' }).getByRole('row').filter({ hasText: `${base}2` })).toContainText('Binta Traoré');
  await expect(page.getByRole('row').filter({ hasText: `${base}3` })).toContainText('Téléphone mal formé');
  await a11y.check('orientation preview');

  await submitAndNavigate(page, page.getByRole('button', { name: "Confirmer l'import" }));
  await expect(page.getByRole('status').first()).toContainText('2 dossiers créés, 0 mis à jour, 1 invitation envoyée, 1 courrier à imprimer');
  const letters = page.getByRole('link', { name: "Imprimer les courriers d'invitation (1)" });
  await expect(letters).toBeVisible();
  const pdf = await page.request.get((await letters.getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  await a11y.check('orientation applied');

  // A file that is not a CSV: the reason next to the field, nothing kept.
  await page.getByRole('link', { name: "Retour au fichier d'orientation" }).click();
  await expect(page).toHaveURL(/\/pro\/orientation$/);
  await expect(page.getByRole('link', { name: 'orientations.csv' }).first()).toBeVisible();
  await a11y.check('orientation file page with the applied file');
  await page.getByLabel('Fichier CSV').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0x00, 0x10]) });
  await submitAndNavigate(page, page.getByRole('button', { name: "Voir l'aperçu" }));
  await expect(page).toHaveURL(/\/pro\/orientation$/);
  await expect(page.getByLabel('Fichier CSV')).toHaveAccessibleDescription(/pas un fichier CSV lisible/);
  await a11y.check('orientation file refused');
});

test('the admin keeps the commune table', async ({ page, a11y, islands }) => {
  await signInStaff(page, a11y, islands, ADMIN);
  await page.goto('/pro/communes');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Communes et agences');
  await expect(page.getByRole('row').filter({ hasText: 'Saint-Ouen-sur-Seine' })).toContainText("ALI L'Île-Saint-Denis – Saint-Ouen");
  await a11y.check('commune table');
  await page.getByLabel(/^Commune/).fill('St-Ouen');
  await page.locator('#f-agency_id').selectOption({ label: "ALI L'Île-Saint-Denis – Saint-Ouen" });
  await submitAndNavigate(page, page.getByRole('button', { name: 'Enregistrer' }));
  await expect(page.getByRole('status')).toContainText("St-Ouen : rattachée à l'ALI L'Île-Saint-Denis – Saint-Ouen.");
  await expect(page.getByRole('row').filter({ hasText: 'St-Ouen' }).first()).toBeVisible();
  await a11y.check('commune table with an alias');
});
