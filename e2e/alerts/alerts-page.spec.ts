// The portal's alerts list: the tenant's own alerts, filtered by state and severity, paged.
import { generateToken } from "@/lib/tokens/generate-token";
import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";

test("a reader opens Alerts from the header, filters open high-severity alerts and pages through them", async ({ page, context, tenant }) => {
  const { value: token } = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "compare" });
  const openHigh = (await callApi("/api/v1/alerts/", { token, body: { filters: { alertOpen: { eq: true }, severity: { eq: [2] } } } })).json.total;
  const open = (await callApi("/api/v1/alerts/", { token, body: { filters: { alertOpen: { eq: true } } } })).json.total;

  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/settings/api-tokens");
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Alerts" }).click();
  await expect(page.getByRole("heading", { name: "Alerts" })).toBeVisible();
  await expect(page.getByText(`${open} alert${open === 1 ? "" : "s"} in ${tenant.name}`)).toBeVisible();
  const table = page.getByRole("table", { name: "Alerts" });
  await expect(table.getByRole("row")).toHaveCount(Math.min(open, 25) + 1);

  await page.getByRole("combobox", { name: "Severity" }).selectOption({ label: "High" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/severity=2/);
  await expect(page.getByText(`${openHigh} alert${openHigh === 1 ? "" : "s"} in ${tenant.name}`)).toBeVisible();
  const rows = table.getByRole("row");
  await expect(rows).toHaveCount(Math.min(openHigh, 25) + 1);
  for (const cell of await table.locator("tbody tr td:nth-child(2)").allTextContents()) expect(cell).toBe("High");

  await page.getByRole("combobox", { name: "State" }).selectOption({ label: "All" });
  await page.getByRole("combobox", { name: "Severity" }).selectOption({ label: "All" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText(`40 alerts in ${tenant.name}`)).toBeVisible();
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(15 + 1);
});
