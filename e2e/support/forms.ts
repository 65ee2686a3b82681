import { expect, type Page } from "@playwright/test";

/**
 * After a refused submit: the error summary has the focus, lists exactly these messages, each a
 * link to its field, and each field shows its own message (components/forms/error-summary.tsx).
 */
export async function expectErrorSummary(page: Page, formId: string, errors: Record<string, string>): Promise<void> {
  const summary = page.locator(`[data-error-summary]:has(#${formId}-erreurs)`);
  await expect(summary).toBeFocused();
  const count = Object.keys(errors).length;
  await expect(summary.getByRole("heading")).toHaveText(count === 1 ? "Le formulaire contient 1 erreur" : `Le formulaire contient ${count} erreurs`);
  const links = summary.getByRole("link");
  await expect(links).toHaveCount(count);
  for (const [field, message] of Object.entries(errors)) {
    const id = `${formId}-${field}`;
    await expect(summary.locator(`a[href="#${id}"]`)).toHaveText(message);
    const group = page
      .locator(`[id="${id}"]`)
      .locator("xpath=ancestor-or-self::*[contains(@class,'fr-input-group') or contains(@class,'fr-select-group') or contains(@class,'fr-fieldset')][1]");
    await expect(group.locator(".fr-messages-group")).toContainText(message);
  }
}
