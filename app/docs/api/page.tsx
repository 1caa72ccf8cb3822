import type { Metadata } from "next";
import { ApiReference } from "@/components/docs/api-reference";

export const metadata: Metadata = { title: "API reference" };

/** /docs/api: the reference of the HTTP API, rendered from GET /api/v1/openapi.json. Public, like the document. */
export default function ApiReferencePage() {
  return (
    <main>
      <h1 className="sr-only">Keyport API reference</h1>
      <ApiReference documentUrl="/api/v1/openapi.json" />
    </main>
  );
}
