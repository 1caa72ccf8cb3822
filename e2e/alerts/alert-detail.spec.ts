// Alerts: severity shown in colour and words, sorting kept in the URL, a detail page per alert, and
// closing (benign / false positive / true positive) for those who may — the same rule and the same
// record as the API's close endpoints.
import { generateToken } from "@/lib/tokens/generate-token";
import { callApi } from "../support/api-client";
import { expect, gotoReady, signInContext, test } from "../support/fixtures";

test("sort by severity both ways; each severity has its own colour", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/alerts?state=all");
  const table = page.getByRole("table", { name: "Alerts" });
  const severityHeader = table.getByRole("columnheader", { name: "Severity" });
  await expect(table.getByRole("columnheader", { name: "When" })).toHaveAttribute("aria-sort", "descending");
  await severityHeader.getByRole("link").click();
  await expect(page).toHaveURL(/sort=severity&dir=desc/);
  await expect(severityHeader).toHaveAttribute("aria-sort", "descending");
  const severities = () => table.locator("tbody tr td:nth-child(2)").allTextContents();
  const rank = { High: 2, Medium: 1, Low: 0 } as Record<string, number>;
  const descending = (await severities()).map((label) => rank[label]);
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  await severityHeader.getByRole("link").click();
  await expect(severityHeader).toHaveAttribute("aria-sort", "ascending");
  const ascending = (await severities()).map((label) => rank[label]);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  // The filter form keeps the order.
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/sort=severity/);

  const colours = new Set<string>();
  for (const [value, label] of [["2", "High"], ["1", "Medium"], ["0", "Low"]]) {
    await gotoReady(page, `/alerts?state=all&severity=${value}`);
    colours.add(await table.locator("tbody tr td:nth-child(2) span", { hasText: label }).first().evaluate((element) => getComputedStyle(element).backgroundColor));
  }
  expect(colours.size).toBe(3);
});

test("an operator opens an alert, closes it as a false positive with a comment, and the API sees it", async ({ page, context, tenant }) => {
  const { value: token } = await generateToken({ tenantId: tenant.id, userId: tenant.reader.id, kind: "API_TOKEN", name: "check" });
  await signInContext(context, tenant.operator.email);
  await gotoReady(page, "/alerts");
  const first = page.getByRole("table", { name: "Alerts" }).locator("tbody tr").first().getByRole("link");
  const title = (await first.textContent())!;
  await first.click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  const alertId = page.url().split("/").pop()!;
  await expect(page.getByText(alertId)).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor();

  await page.getByRole("button", { name: "Close alert" }).click();
  const dialog = page.getByRole("dialog", { name: "Close alert" });
  await dialog.getByRole("button", { name: "Close alert" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Choose why the alert is closed.");
  await dialog.getByRole("radio", { name: /False positive/ }).check();
  await dialog.getByRole("textbox", { name: /Comment/ }).fill("Scanner of our own");
  await dialog.getByRole("button", { name: "Close alert" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Closed as false positive." })).toBeFocused();
  await expect(page.getByRole("main")).toContainText("Scanner of our own");
  await expect(page.getByRole("main")).toContainText(tenant.operator.email);

  const seen = await callApi(`/api/v1/alerts/${alertId}/`, { token });
  expect(seen.json).toMatchObject({ resolutionStatusValue: 3, comment: "Scanner of our own", handledByUser: tenant.operator.email });

  // The breadcrumb leads back to the list.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Alerts" }).click();
  await expect(page).toHaveURL(/\/alerts$/);
});

test("a reader reads an alert but is not offered closing it", async ({ page, context, tenant }) => {
  await signInContext(context, tenant.reader.email);
  await gotoReady(page, "/alerts");
  await page.getByRole("table", { name: "Alerts" }).locator("tbody tr").first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Close alert" })).toHaveCount(0);
  await expect(page.getByText("Closing alerts needs the Security operator or Global administrator role.")).toBeVisible();
});
