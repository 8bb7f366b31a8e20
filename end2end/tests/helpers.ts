import { expect, Page } from '@playwright/test';

/** Opens a console page and waits until the wasm bundle has hydrated it. */
export async function openHydrated(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
}
