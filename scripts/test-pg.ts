// The TypeScript half of scripts/test-pg.sh:
//   ping [url]   exit 0 when the server answers, else print why and exit 1
//   create       create a throwaway database on KEYPORT_TEST_PG_URL's server and print its URL
//   drop <url>   drop that database
import { dropDatabase, unreachableReason } from "./db/postgres-admin";
import { createThrowawayDatabase, testServerUrl } from "./db/test-postgres";

async function main(): Promise<number> {
  const [command, url] = process.argv.slice(2);
  switch (command) {
    case "ping": {
      const reason = await unreachableReason(url || testServerUrl());
      if (reason) console.error(reason);
      return reason ? 1 : 0;
    }
    case "create":
      console.log(await createThrowawayDatabase());
      return 0;
    case "drop":
      if (!url) throw new Error("drop needs the database URL");
      await dropDatabase(url);
      return 0;
    default:
      console.error("usage: test-pg.ts ping [url] | create | drop <url>");
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
