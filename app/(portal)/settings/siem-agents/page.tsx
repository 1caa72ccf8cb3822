import { requireUser } from "@/lib/auth/session";
export default async function Page() {
  await requireUser();
  return <p>todo</p>;
}
