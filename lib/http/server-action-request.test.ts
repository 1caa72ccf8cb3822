import { describe, expect, it } from "vitest";
import { actionBodyParts, actionOriginAllowed, actionPayloadProblem, isServerActionRequest } from "@/lib/http/server-action-request";

const text = async (body: string) => actionPayloadProblem((await actionBodyParts("text/plain;charset=UTF-8", Buffer.from(body)))!);
const form = async (parts: [string, string][]) => {
  const body = parts.map(([name, value]) => `--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + "--b--\r\n";
  const decoded = await actionBodyParts("multipart/form-data; boundary=b", Buffer.from(body));
  return decoded === null ? "unreadable" : actionPayloadProblem(decoded);
};

describe("server-action requests", () => {
  it("are POSTs naming an action, or multipart forms posted to a page", () => {
    expect(isServerActionRequest("POST", { "next-action": "7f00" })).toBe(true);
    expect(isServerActionRequest("POST", { "content-type": "multipart/form-data; boundary=x" })).toBe(true);
    expect(isServerActionRequest("POST", { "content-type": "application/x-www-form-urlencoded" })).toBe(false);
    expect(isServerActionRequest("GET", { "next-action": "7f00" })).toBe(false);
  });

  it("come from the request's own origin, compared whole, or from no browser", () => {
    const own = "http://localhost:3000";
    expect(actionOriginAllowed(own, own)).toBe(true);
    expect(actionOriginAllowed(undefined, own)).toBe(true);
    for (const origin of ["null", "", `${own}.evil.example`, `${own}/`, "https://localhost:3000", "http://localhost:30000", "http://LOCALHOST:3000", [own, own]]) {
      expect(actionOriginAllowed(origin, own), JSON.stringify(origin)).toBe(false);
    }
  });

  it("take what a browser encodes: an argument array, with self-contained values and references back to parts sent first", async () => {
    for (const body of ['[{"name":"x","days":30}]', "[]", '["$$dollar","$undefined","$NaN","$Infinity","$-Infinity","$-0","$D2026-01-01T00:00:00.000Z","$n123","$T"]', '[{"a":1},"$0:0:a"]']) {
      expect(await text(body), body).toBeNull();
    }
    expect(await form([["1", '[["k",1]]'], ["2", "[1,2]"], ["3", '{"x":"$2"}'], ["0", '["$Q1","$W2","$3","$K4"]']])).toBeNull();
  });

  it("refuse scalars, objects, garbage, unknown kinds and references to parts that are missing, later, files or the list itself", async () => {
    for (const body of ["5", '"x"', "null", "{}", "", "[{", '["$"]', '["${x}"]', '["$n1x"]', '["$F1"]', '["$1"]', '["$0"]', '["$0:9"]', `${"[".repeat(100)}${"]".repeat(100)}`]) {
      expect(await text(body), body).not.toBeNull();
    }
    expect(await form([["0", '["$Q1"]'], ["1", '[["k",1]]']])).not.toBeNull();
    expect(await form([["1", "5"], ["0", '["$Q1"]']])).not.toBeNull();
    expect(await form([["1", "{"], ["0", '["$1"]']])).not.toBeNull();
    expect(await form([["a", "[]"]])).not.toBeNull();
    expect(await form([["0", "[]"], ["0", "[]"]])).toBe("unreadable");
    expect(await actionBodyParts("multipart/form-data; boundary=b", Buffer.from("garbage"))).toBeNull();
  });
});
