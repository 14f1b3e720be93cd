// The prediction page in a real browser against the real app and a real model.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { drawMolecule, loadRdkit } from '../../../data-engineering/src/build/render-molecule';
import { RAW_DATA_DIR, interleaved, rawCompounds, readRawImages } from '../monitoring/__tests__/drawings';
import { makeStore, startMonitoredApp } from '../monitoring/__tests__/monitored-app';
import { openPageForEachTest, saveScreenshot } from './__tests__/browser';

const ui = openPageForEachTest('/', async () => {
  const compounds = await rawCompounds();
  const root = await makeStore(await readRawImages(interleaved(compounds, 4, 0, 100)));
  const running = await startMonitoredApp(root, { MONITORING_DIR: path.join(root, 'log') });
  return {
    app: running.app,
    close: async () => {
      await running.close();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
});

describe('the prediction page (GET / in a browser)', () => {
  it('when a raw-data drawing is picked, then the page shows the count, confidence, version and a bar per class', async () => {
    await ui.page.locator('#serving-version', { hasText: 'v1' }).waitFor();
    await ui.page.setInputFiles('#image-input', path.join(RAW_DATA_DIR, 'images', 'NSC5.png'));
    await ui.page.locator('#probabilities-chart[data-rendered="true"]').waitFor();
    const count = await ui.page.locator('#predicted-count').textContent();
    expect(count).toMatch(/^\d\+?$/);
    expect(await ui.page.locator('#confidence').textContent()).toMatch(/^\d{1,3}\.\d%$/);
    expect(await ui.page.locator('#model-version').textContent()).toBe('v1');
    expect(await ui.page.locator('#probabilities-chart svg .mark-rect.role-mark path').count()).toBe(7);
    expect(await ui.page.locator('#error').isHidden()).toBe(true);
    await saveScreenshot(ui.page, 'prediction-page');
    expect(ui.errors).toEqual([]);
  });

  it('when a file that is not an image is dropped, then the API’s own error message is shown', async () => {
    const file = path.join(RAW_DATA_DIR, 'images', 'BAD-not-an-image.png');
    await ui.page.setInputFiles('#image-input', file);
    const error = ui.page.locator('#error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/BAD-not-an-image\.png: .*\(UNSUPPORTED_IMAGE_TYPE\)$/);
    expect(await ui.page.locator('#result').isHidden()).toBe(true);
    expect(ui.errors.filter((e) => !e.includes('415'))).toEqual([]);
  });

  it('when used on a phone-sized screen with the keyboard alone, then the file can be chosen and nothing overflows sideways', async () => {
    await ui.page.setViewportSize({ width: 360, height: 740 });
    let focused = '';
    for (let tab = 0; tab < 8 && focused !== 'image-input'; tab++) {
      await ui.page.keyboard.press('Tab');
      focused = String(await ui.page.evaluate('document.activeElement.id'));
    }
    expect(focused).toBe('image-input');
    const [chooser] = await Promise.all([
      ui.page.waitForEvent('filechooser'),
      ui.page.keyboard.press('Space'),
    ]);
    await chooser.setFiles(path.join(RAW_DATA_DIR, 'images', 'NSC5.png'));
    await ui.page.locator('#probabilities-chart[data-rendered="true"]').waitFor();
    const widths = await ui.page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]');
    expect(widths).toEqual([360, 360]);
    await saveScreenshot(ui.page, 'prediction-page-phone');
    expect(ui.errors).toEqual([]);
  });

  it('when a SMILES is typed, then RDKit draws it as the training data was drawn, and the prediction sits beside RDKit’s ring count', async () => {
    const [compound] = (await rawCompounds()).filter((c) => c.num_rings === 3);
    await ui.page.fill('#smiles-input', compound.smiles);
    await ui.page.press('#smiles-input', 'Enter');
    await ui.page.locator('#probabilities-chart[data-rendered="true"]').waitFor();
    expect(await ui.page.locator('#rdkit-count').textContent()).toBe('3');
    expect(await ui.page.locator('#rdkit-figure').isVisible()).toBe(true);
    expect(await ui.page.locator('#predicted-count').textContent()).toMatch(/^\d\+?$/);
    const src = (await ui.page.locator('#preview').getAttribute('src')) ?? '';
    const drawnHere = decodeURIComponent(src.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    const asTrained = drawMolecule(await loadRdkit(), compound.smiles);
    expect(drawnHere).toBe(asTrained?.svg);
    await saveScreenshot(ui.page, 'prediction-page-smiles');
    expect(ui.errors).toEqual([]);
  });

  it('when a SMILES RDKit cannot read is typed, then the page says so', async () => {
    await ui.page.fill('#smiles-input', 'C1CC(');
    await ui.page.press('#smiles-input', 'Enter');
    await ui.page.locator('#error', { hasText: 'RDKit cannot read this SMILES' }).waitFor();
    expect(await ui.page.locator('#result').isHidden()).toBe(true);
    expect(ui.errors).toEqual([]);
  });
});
