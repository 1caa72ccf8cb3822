// Keyport's configuration: every environment variable it reads, what each accepts and its default, in
// one table (SETTINGS below). Nothing else in app/, components/ or lib/ reads process.env (npm run
// lint:deps fails if something does). The server checks the whole table when it starts
// (checkConfigOrExit, from the boot in lib/server/boot.ts): a value it cannot take stops the process
// with one line naming the variable and what it accepts, instead of surfacing on the first request
// that needs it, or never (a typo quietly meaning the default).
//
// Each value is read when asked for (config.apiRateLimitPerMinute) and kept until the variable's text
// changes, so a test that sets a variable sees it at once, and a hot path pays one lookup.
//
// One variable is the framework's own and not configuration: NEXT_PHASE (Next says it is building).
// NEXTAUTH_URL is next-auth's: Keyport sets it to the public URL when it is unset (tellNextAuthItsUrl),
// so next-auth builds no URL from a request's Host.
import ipaddr from "ipaddr.js";
import { z } from "zod";

type Setting = {
  /** The environment variable. */
  name: string;
  /** What it accepts (and its default), in the words of the error line and the README. */
  accepts: string;
  schema: z.ZodType;
  /** Never repeated in an error line (a password, a secret, credentials in a URL). */
  secret?: boolean;
  /** What of a secret value the error line may show. */
  shownAs?: (text: string) => string;
};

/** An unset variable and one set to blanks mean the same: the default. */
const blankIsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

function setting<Schema extends z.ZodType>(name: string, accepts: string, schema: Schema, options: Pick<Setting, "secret" | "shownAs"> = {}) {
  return { name, accepts, schema: z.preprocess(blankIsUnset, schema), ...options } satisfies Setting;
}

/** A whole number of at least `min` (digits only: "1e3", "12abc" and "1.5" are refused), or unset. */
function optionalWholeNumber(min: number) {
  return z
    .string()
    .trim()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(Number.MAX_SAFE_INTEGER))
    .optional();
}

/** A whole number of at least `min`, `fallback` when unset. */
function wholeNumber(min: number, fallback: number) {
  return optionalWholeNumber(min).transform((value) => value ?? fallback);
}

const optionalText = () => z.string().optional();

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
  } catch {
    return false;
  }
}

function isProxyEntry(entry: string): boolean {
  if (!entry.includes("/")) return ipaddr.isValid(entry);
  try {
    ipaddr.parseCIDR(entry);
    return true;
  } catch {
    return false;
  }
}

const commaList = (value: string) =>
  value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);

const SETTINGS = {
  // Where the data lives.
  databaseUrl: setting(
    "DATABASE_URL",
    "file:<path> (SQLite) or postgresql://user:password@host:5432/database (PostgreSQL); default file:<KEYPORT_DATA_DIR>/keyport.db",
    z.string().regex(/^(file:|postgres(ql)?:\/\/)/).optional(),
    { secret: true, shownAs: (text) => `${text.split(":")[0]}:…` },
  ),
  dataDir: setting("KEYPORT_DATA_DIR", "a folder for the SQLite database and generated secrets; default ./data", optionalText()),

  // Where Keyport is reached.
  port: setting("PORT", "the TCP port to serve on, 1 to 65535; default 3000", wholeNumber(1, 3000).pipe(z.number().max(65_535))),
  publicUrl: setting(
    "KEYPORT_PUBLIC_URL",
    "the portal's public origin, http(s)://host[:port] without a path (e.g. https://keyport.example.com); default http://localhost:<PORT>",
    z.string().trim().refine(isOrigin).optional(),
  ),
  tenantUrlTemplate: setting(
    "KEYPORT_TENANT_URL_TEMPLATE",
    "an http(s) URL with {tenant} for the tenant's slug and optionally {port} for PORT; default http://{tenant}.localhost:{port}",
    z
      .string()
      .trim()
      .regex(/^https?:\/\/.*\{tenant\}/)
      .optional()
      .transform((value) => value ?? "http://{tenant}.localhost:{port}"),
  ),
  trustedProxies: setting(
    "KEYPORT_TRUSTED_PROXIES",
    "comma-separated IP addresses or CIDR ranges of the reverse proxies whose X-Forwarded-For is believed; default none",
    z
      .string()
      .refine((value) => commaList(value).every(isProxyEntry))
      .optional()
      .transform((value) => commaList(value ?? "")),
  ),

  // Secrets.
  nextAuthSecret: setting("NEXTAUTH_SECRET", "any text, the same on every instance; default: one kept in the database (PostgreSQL) or in the data folder (SQLite)", optionalText(), {
    secret: true,
  }),
  authSecretAlias: setting("AUTH_SECRET", "another name for NEXTAUTH_SECRET, used when that is unset; default unset", optionalText(), { secret: true }),
  previousSecrets: setting(
    "KEYPORT_PREVIOUS_SECRETS",
    "comma-separated secrets used before the current one, newest first (they only open what they sealed); default none",
    z
      .string()
      .optional()
      .transform((value) => commaList(value ?? "")),
    { secret: true },
  ),
  demoPassword: setting("KEYPORT_DEMO_PASSWORD", "the demo users' password; default: generated once and kept in the data folder", optionalText(), { secret: true }),

  // Limits.
  apiRateLimitPerMinute: setting("KEYPORT_API_RATE_LIMIT_PER_MINUTE", "a whole number of API requests per credential a minute, at least 1; default 1200", wholeNumber(1, 1200)),
  authFailuresPerMinute: setting(
    "KEYPORT_AUTH_FAILURES_PER_MINUTE",
    "a whole number of failed authentications per client IP a minute before it is blocked for a minute, at least 1; default 100",
    wholeNumber(1, 100),
  ),
  signInIpLimit: setting("KEYPORT_SIGN_IN_IP_LIMIT", "a whole number of failed sign-ins per client IP within 15 minutes, at least 1; default 30", wholeNumber(1, 30)),
  leakReportsPerMinute: setting("KEYPORT_LEAK_REPORTS_PER_MINUTE", "a whole number of leak reports per client IP a minute, at least 1; default 60", wholeNumber(1, 60)),
  leakReportValuesPerMinute: setting(
    "KEYPORT_LEAK_REPORT_VALUES_PER_MINUTE",
    "a whole number of reported values the deployment checks a minute, at least 1 (1000 or more, or the largest reports never pass); default 10000",
    wholeNumber(1, 10_000),
  ),

  // Background work.
  backgroundJobs: setting(
    "KEYPORT_BACKGROUND_JOBS",
    "on or off (off: this process only serves, without the webhook worker and the scheduler); default on",
    z.enum(["on", "off"]).optional().transform((value) => value ?? "on"),
  ),
  schedulerIntervalMs: setting("KEYPORT_SCHEDULER_INTERVAL_MS", "milliseconds between two runs of the token expiry notices, at least 1; default 60000", wholeNumber(1, 60_000)),
  schedulerTickMs: setting("KEYPORT_SCHEDULER_TICK_MS", "milliseconds between two looks at the scheduler's due jobs, at least 1; default 15000", wholeNumber(1, 15_000)),
  workerId: setting("KEYPORT_WORKER_ID", "a name for this process's webhook delivery worker in the delivery log; default worker-<random>", optionalText()),
  webhookPollMs: setting("KEYPORT_WEBHOOK_POLL_MS", "milliseconds between two looks for due webhook deliveries, at least 1; default 1000", wholeNumber(1, 1_000)),
  webhookLeaseMs: setting("KEYPORT_WEBHOOK_LEASE_MS", "milliseconds a worker holds an endpoint it claimed, at least 1; default 60000", wholeNumber(1, 60_000)),
  webhookConcurrency: setting("KEYPORT_WEBHOOK_CONCURRENCY", "a whole number of webhook deliveries one worker sends at once, at least 1; default 16", wholeNumber(1, 16)),
  webhookPauseAfterFailures: setting(
    "KEYPORT_WEBHOOK_PAUSE_AFTER_FAILURES",
    "a whole number of failed attempts in a row after which an endpoint is paused, at least 1; default 12",
    wholeNumber(1, 12),
  ),
  webhookRetryBaseMs: setting(
    "KEYPORT_WEBHOOK_RETRY_BASE_MS",
    "milliseconds before a failed delivery's first retry (doubling after each failure), at least 1; default 30000",
    wholeNumber(1, 30_000),
  ),
  outboundPrivateNetworks: setting(
    "KEYPORT_OUTBOUND_PRIVATE_NETWORKS",
    "allow or deny (allow: webhooks and identity providers may be on loopback, private and link-local addresses, and an issuer may be http://); default deny, or KEYPORT_WEBHOOK_PRIVATE_NETWORKS when that older name is set",
    z.enum(["allow", "deny"]).optional(),
  ),
  // The older name of KEYPORT_OUTBOUND_PRIVATE_NETWORKS, from when only webhooks went out; the new name wins when both are set.
  webhookPrivateNetworks: setting(
    "KEYPORT_WEBHOOK_PRIVATE_NETWORKS",
    "allow or deny: the older name of KEYPORT_OUTBOUND_PRIVATE_NETWORKS; default deny",
    z.enum(["allow", "deny"]).optional(),
  ),

  // Email to token owners.
  smtpUrl: setting(
    "KEYPORT_SMTP_URL",
    "an smtp:// or smtps:// URL of the mail server owners' emails go through (e.g. smtps://user:password@mail.example.com:465), the same on every instance; default none: no email",
    z.string().trim().regex(/^smtps?:\/\/[^/?#]/).optional(),
    { secret: true, shownAs: (text) => `${text.split(":")[0]}:…` },
  ),
  mailFrom: setting("KEYPORT_MAIL_FROM", "the sender of owners' emails, an address or Name <address>; default Keyport <keyport@localhost>", z.string().trim().optional().transform((value) => value ?? "Keyport <keyport@localhost>")),
  mailIntervalMs: setting("KEYPORT_MAIL_INTERVAL_MS", "milliseconds between two sends of the queued email, at least 1; default 5000", wholeNumber(1, 5_000)),

  // Shutdown and connections.
  drainGraceMs: setting(
    "KEYPORT_DRAIN_GRACE_MS",
    "milliseconds an instance keeps serving after SIGTERM with its health check failing, 0 or more; default 5000",
    wholeNumber(0, 5_000),
  ),
  keepAliveTimeoutMs: setting(
    "KEYPORT_KEEP_ALIVE_TIMEOUT_MS",
    "milliseconds an idle keep-alive connection stays open, at least 1 (longer than the balancer's own); default 75000",
    wholeNumber(1, 75_000),
  ),
  dbQueryTimeoutMs: setting(
    "KEYPORT_DB_QUERY_TIMEOUT_MS",
    "milliseconds one PostgreSQL statement may run, 0 for no limit (bulk scripts); default 2500",
    // The default is the pool's own (lib/db/postgres.ts), beside the other bounds it is weighed against.
    optionalWholeNumber(0),
  ),
} satisfies Record<string, Setting>;

export type ConfigKey = keyof typeof SETTINGS;
export type Config = { readonly [Key in ConfigKey]: z.output<(typeof SETTINGS)[Key]["schema"]> };

/** A value the configuration cannot take: its message is the one line to show. */
export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const known = new Map<ConfigKey, { text: string | undefined; value: unknown }>();

function read<Key extends ConfigKey>(key: Key): Config[Key] {
  const { name, accepts, schema, secret, shownAs } = SETTINGS[key] as Setting;
  const text = process.env[name];
  const kept = known.get(key);
  if (kept && kept.text === text) return kept.value as Config[Key];
  const parsed = schema.safeParse(text);
  if (!parsed.success) {
    const shown = !secret ? ` (got ${JSON.stringify(text)})` : shownAs && text !== undefined ? ` (got ${shownAs(text)})` : "";
    throw new ConfigError(name, `${name} is not valid${shown}: it takes ${accepts}.`);
  }
  known.set(key, { text, value: parsed.data });
  return parsed.data as Config[Key];
}

/** The configuration, each value read and checked when asked for (see above). */
export const config: Config = Object.defineProperties(
  {},
  Object.fromEntries(Object.keys(SETTINGS).map((key) => [key, { enumerable: true, get: () => read(key as ConfigKey) }])),
) as Config;

/** Checks every variable; throws the ConfigError of the first one it cannot take. */
export function checkConfig(): void {
  for (const key of Object.keys(SETTINGS) as ConfigKey[]) read(key);
}

/** At a process's start: a value the configuration cannot take is one line on stderr, then exit 1. */
export function checkConfigOrExit(): void {
  try {
    checkConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`keyport: ${error.message}`);
    process.exit(1);
  }
}

/** The variables, what each accepts, in the table's order (for the README and for tests). */
export function configDocumentation(): { name: string; accepts: string }[] {
  return Object.values(SETTINGS).map(({ name, accepts }) => ({ name, accepts }));
}

/** Whether Next is building (a build never serves, so it needs no database-kept secret). */
export function isNextBuild(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}

/** next-auth builds its URLs from NEXTAUTH_URL: Keyport names its own origin there unless the operator did. */
export function tellNextAuthItsUrl(url: string): void {
  process.env.NEXTAUTH_URL ||= url;
}
