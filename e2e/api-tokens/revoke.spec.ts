import { generateToken } from "@/lib/tokens/generate-token";
import { findTokenRow } from "../support/e2e-data";
import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";

test("an admin revokes a reader's token and the reader's script gets 401", async ({ page, context, tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "Reader's nightly export" });
  expect((await callApi("/api/v1/whoami/", { token: token.value })).status).toBe(200);

  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/api-tokens");
  const revokeButton = page.getByRole("button", { name: "Revoke Reader's nightly export" });
  await revokeButton.click();

  const confirm = page.getByRole("dialog", { name: "Revoke token?" });
  await expect(confirm).toContainText("Reader's nightly export");
  // Cancelling keeps the token and puts focus back on the button that opened the dialog.
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(revokeButton).toBeFocused();
  expect((await callApi("/api/v1/whoami/", { token: token.value })).status).toBe(200);

  await revokeButton.click();
  await page.getByRole("dialog", { name: "Revoke token?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("toasts")).toContainText(`Token "Reader's nightly export" revoked.`);
  await expect(page.getByRole("row").filter({ hasText: "Reader's nightly export" })).toHaveCount(0);

  // Polled: with several instances, the ones that did not revoke it learn of it within a second.
  const refusal = async () => {
    const response = await callApi("/api/v1/whoami/", { token: token.value });
    return { status: response.status, code: response.json?.error?.code, challenges: Boolean(response.headers["www-authenticate"]) };
  };
  await expect.poll(refusal, { timeout: 3000 }).toEqual({ status: 401, code: "unauthorized", challenges: true });

  // Kept for the audit trail, marked revoked by the admin.
  const row = await findTokenRow(token.id);
  expect(row?.revokedAt).toBeTruthy();
  expect(row?.revokedByUserId).toBe(tenant.admin.id);
});

test("a reader revokes their own token from the table", async ({ page, context, tenant }) => {
  const token = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "Reader scratch token" });
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Revoke Reader scratch token" }).click();
  await page.getByRole("dialog", { name: "Revoke token?" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("No API tokens yet.")).toBeVisible();
  expect((await callApi("/api/v1/whoami/", { token: token.value })).status).toBe(401);
});
