"use client";
// The API reference for people: Scalar's renderer of the OpenAPI document, bundled into Keyport's own
// assets (no CDN, no outside font, no telemetry, no proxy, no developer toolbar: an offline deployment
// shows it whole).
import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";

export function ApiReference({ documentUrl }: { documentUrl: string }) {
  return (
    <ApiReferenceReact
      configuration={{
        url: documentUrl,
        withDefaultFonts: false,
        telemetry: false,
        showDeveloperTools: "never",
        persistAuth: false,
        agent: { disabled: true },
        mcp: { disabled: true },
        documentDownloadType: "json",
        defaultOpenFirstTag: true,
      }}
    />
  );
}
