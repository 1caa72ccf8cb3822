import fs from "node:fs";
import path from "node:path";
import { callApi } from "../support/api-client";
import { databaseRowsContaining } from "../support/e2e-data";
import { E2E_DIR, expect, gotoReady, ON_POSTGRES, signInContext, test } from "../support/fixtures";

function filesContaining(needle: string): string[] {
  const found: string[] = [];
  for (const name of fs.readdirSync(E2E_DIR)) {
    const file = path.join(E2E_DIR, name);
    if (fs.statSync(file).isFile() && fs.readFileSync(file).includes(Buffer.from(needle))) found.push(name);
  }
  return found;
}

test("after the generate step the token value is nowhere: not in the database, the log or any response", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.admin.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("button", { name: "Generate new token" }).click();
  await page.getByRole("textbox", { name: "Token name" }).fill("Secret scanner check");
  await page.getByRole("button", { name: "Next" }).click();
  const value = await page.getByRole("textbox", { name: "Token", exact: true }).inputValue();
  await page.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Secret scanner check" })).toBeVisible();

  const response = await callApi("/api/v1/whoami/", { token: value });
  expect(response.status).toBe(200);
  expect(response.text).not.toContain(value);

  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "Secret scanner check" })).toBeVisible();
  expect(await page.content()).not.toContain(value);
  expect(await page.content()).not.toContain(value.slice(5, 40));

  // The database (SQLite: its file and write-ahead log; PostgreSQL: every row of every table) and the servers' own logs.
  if (ON_POSTGRES) {
    expect(fs.existsSync(path.join(E2E_DIR, "server-a.log"))).toBe(true);
    expect(await databaseRowsContaining(value)).toEqual([]);
    expect(await databaseRowsContaining(value.slice(5, 40))).toEqual([]);
  } else {
    expect(fs.existsSync(path.join(E2E_DIR, "keyport-e2e.db"))).toBe(true);
    expect(fs.existsSync(path.join(E2E_DIR, "server.log"))).toBe(true);
  }
  expect(filesContaining(value)).toEqual([]);
  expect(filesContaining(value.slice(5, 40))).toEqual([]);
});
