// Seeded API resources for a tenant: enough alerts and activities that paging and filters have
// something to page and filter. Deterministic per tenant (a seeded PRNG), timestamps spread over the
// last 30 days before `now`.
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { newResourceId } from "@/lib/resources/ids";
import { CATALOG } from "@/lib/resources/discovery-catalog";
import { RESOLUTION } from "@/lib/resources/alerts";

export type ResourceScale = { alerts: number; activities: number; people: number };
export const DEMO_SCALE: ResourceScale = { alerts: 300, activities: 600, people: 12 };

const DAY = 24 * 60 * 60 * 1000;

function prng(seed: string) {
  let state = createHash("sha256").update(seed).digest().readUInt32LE(0) || 1;
  const next = () => {
    // xorshift32: good enough to vary demo data, and repeatable.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}

const FIRST = ["Alex", "Blair", "Casey", "Devon", "Emery", "Finley", "Gray", "Harper", "Indy", "Jordan", "Kai", "Logan", "Morgan", "Noa", "Parker", "Quinn"];
const LAST = ["Adams", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen", "Kowalski", "Lopez", "Moreau", "Nakamura"];
const APPS = [
  { id: 11161, name: "Microsoft 365" },
  { id: 20893, name: "Microsoft Exchange Online" },
  { id: 15600, name: "Microsoft OneDrive for Business" },
  { id: 11114, name: "Salesforce" },
  { id: 11522, name: "Box" },
  { id: 11770, name: "Google Workspace" },
];
const EVENT_TYPES = ["Log on", "Failed log on", "Download file", "Upload file", "Share file", "Delete file", "Create mailbox rule", "Change password", "Add member to role"];
const COUNTRIES = ["US", "GB", "DE", "FR", "NL", "IN", "BR", "JP", "AU", "NG"];
const POLICIES = [
  { title: "Impossible travel activity", severity: 2 },
  { title: "Activity from infrequent country", severity: 1 },
  { title: "Mass download by a single user", severity: 1 },
  { title: "Suspicious inbox forwarding", severity: 2 },
  { title: "Multiple failed login attempts", severity: 0 },
  { title: "Unusual file deletion activity", severity: 1 },
  { title: "Activity from anonymous IP addresses", severity: 0 },
  { title: "Ransomware activity", severity: 2 },
];

/** Adds resources to a tenant that has none; a tenant that already has alerts is left alone. */
export async function seedTenantResources(tenant: { id: string; slug: string }, scale: ResourceScale = DEMO_SCALE, now = new Date()): Promise<boolean> {
  if (await db.alert.findFirst({ where: { tenantId: tenant.id }, select: { id: true } })) return false;
  const random = prng(tenant.slug);
  const at = (maxDaysAgo: number) => new Date(now.getTime() - random.int(maxDaysAgo * DAY));

  // Entities: people (user), each with one or two accounts (children), and the IPs they come from.
  const entities: Prisma.EntityCreateManyInput[] = [];
  const people: { id: string; upn: string; name: string }[] = [];
  const accounts: { id: string; upn: string }[] = [];
  const ips: { id: string; address: string; country: string }[] = [];
  for (let index = 0; index < scale.people; index++) {
    const name = `${FIRST[index % FIRST.length]} ${LAST[(index * 7) % LAST.length]}`;
    const upn = `${name.toLowerCase().replace(" ", ".")}@${tenant.slug}.test`;
    const person = { id: newResourceId(), upn, name };
    people.push(person);
    entities.push({ id: person.id, tenantId: tenant.id, type: "user", displayName: name, email: upn, domain: `${tenant.slug}.test`, isAdmin: index % 5 === 0, threatScore: random.int(100), lastSeenAt: at(7) });
    for (const app of [APPS[0], APPS[random.int(APPS.length)]].filter((app, i, all) => all.indexOf(app) === i)) {
      const account = { id: newResourceId(), upn };
      accounts.push(account);
      entities.push({ id: account.id, tenantId: tenant.id, type: "account", displayName: `${upn} (${app.name})`, email: upn, domain: `${tenant.slug}.test`, parentId: person.id, threatScore: random.int(100), lastSeenAt: at(7) });
    }
  }
  for (let index = 0; index < Math.max(4, Math.round(scale.people / 2)); index++) {
    const address = `${20 + random.int(180)}.${random.int(256)}.${random.int(256)}.${1 + random.int(254)}`;
    const ip = { id: newResourceId(), address, country: random.pick(COUNTRIES) };
    ips.push(ip);
    entities.push({ id: ip.id, tenantId: tenant.id, type: "ip", displayName: address, isExternal: index % 3 === 0, threatScore: random.int(100), lastSeenAt: at(14) });
  }
  await db.entity.createMany({ data: entities });

  const alerts = [];
  const links = [];
  for (let index = 0; index < scale.alerts; index++) {
    const policy = random.pick(POLICIES);
    const person = random.pick(people);
    const ip = random.pick(ips);
    const createdAt = at(30);
    const closed = random.next() < 0.3;
    const resolutionStatus = closed ? random.pick([RESOLUTION.BENIGN, RESOLUTION.FALSE_POSITIVE, RESOLUTION.TRUE_POSITIVE]) : RESOLUTION.OPEN;
    const id = newResourceId();
    alerts.push({
      id,
      tenantId: tenant.id,
      title: policy.title,
      description: `${policy.title} for ${person.upn} from ${ip.address} (${ip.country}).`,
      severity: policy.severity,
      resolutionStatus,
      isRead: closed || random.next() < 0.4,
      policyName: policy.title,
      resolvedAt: closed ? new Date(Math.min(now.getTime(), createdAt.getTime() + random.int(3 * DAY))) : null,
      resolvedBy: closed ? `admin@${tenant.slug}.test` : null,
      comment: closed ? "Reviewed during triage." : null,
      createdAt,
    });
    links.push({ alertId: id, entityId: person.id }, { alertId: id, entityId: ip.id });
  }
  await db.alert.createMany({ data: alerts });
  await db.alertEntity.createMany({ data: links });

  const activities = [];
  for (let index = 0; index < scale.activities; index++) {
    const person = random.pick(people);
    const app = random.pick(APPS);
    const ip = random.pick(ips);
    const eventType = random.pick(EVENT_TYPES);
    activities.push({
      id: newResourceId(),
      tenantId: tenant.id,
      eventType,
      description: `${eventType} in ${app.name} by ${person.upn}`,
      userName: person.upn,
      appId: app.id,
      appName: app.name,
      ipAddress: ip.address,
      countryCode: ip.country,
      userAgent: random.pick(["Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)", "python-requests/2.32"]),
      occurredAt: at(30),
    });
  }
  await db.activity.createMany({ data: activities });

  await db.subnet.createMany({
    data: [
      { name: "Headquarters", category: 1, organization: tenant.slug, cidrs: ["10.0.0.0/8", "192.168.10.0/24"], tags: ["corp", "hq"] },
      { name: "Admin jump hosts", category: 2, organization: tenant.slug, cidrs: ["10.20.0.0/28"], tags: ["admin"] },
      { name: "Known bad actors", category: 3, organization: null, cidrs: ["203.0.113.0/24", "198.51.100.7/32"], tags: ["threat-intel"] },
      { name: "Corporate VPN", category: 4, organization: tenant.slug, cidrs: ["172.16.0.0/12", "2001:db8:10::/48"], tags: ["corp", "vpn"] },
      { name: "Azure egress", category: 5, organization: "Microsoft", cidrs: ["20.33.0.0/16"], tags: [] },
    ].map(({ cidrs, tags, ...rest }) => ({ id: newResourceId(), tenantId: tenant.id, ...rest, cidrsJson: JSON.stringify(cidrs), tagsJson: JSON.stringify(tags) })),
  });

  const streams = [
    { id: newResourceId(), tenantId: tenant.id, displayName: "Global view", sourceType: "generic" },
    { id: newResourceId(), tenantId: tenant.id, displayName: "Zscaler - continuous", sourceType: "zscaler" },
    { id: newResourceId(), tenantId: tenant.id, displayName: "Palo Alto firewall - HQ", sourceType: "paloalto" },
  ];
  await db.discoveryStream.createMany({ data: streams });
  const apps = [];
  for (const stream of streams) {
    for (const app of CATALOG) {
      if (random.next() < 0.35) continue;
      apps.push({
        id: newResourceId(),
        tenantId: tenant.id,
        streamId: stream.id,
        name: app.name,
        domain: app.domain,
        category: app.category,
        riskScore: app.riskScore,
        // The riskiest apps are marked unsanctioned: they are what the block script blocks.
        unsanctioned: app.riskScore <= 3,
        transactions: 10 + random.int(5000),
        lastSeenAt: at(14),
      });
    }
  }
  await db.discoveredApp.createMany({ data: apps });
  return true;
}
