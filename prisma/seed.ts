// `npm run db:seed` (and `prisma db seed`): the demo tenants contoso and fabrikam with their users and resources.
import "dotenv/config";
import { demoPassword, demoPasswordFile } from "@/lib/seed/demo-password";
import { seedDemo } from "@/lib/seed/seed-demo";

async function main() {
  const { password, source } = demoPassword();
  const { created } = await seedDemo(password);
  if (created.length === 0) {
    console.log("Demo data already present: nothing changed.");
  } else {
    console.log(`Seeded: ${created.join(", ")}.`);
  }
  if (source === "generated") console.log(`Demo password (generated, kept in ${demoPasswordFile()}): ${password}`);
  else console.log("Demo password: the value of KEYPORT_DEMO_PASSWORD.");
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
