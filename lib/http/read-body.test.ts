import { describe, expect, it } from "vitest";
import { readBodyBytes, readBodyForm, readBodyText } from "@/lib/http/read-body";

class TooLarge extends Error {}
const tooLarge = () => new TooLarge("too large");

/** A request whose body is produced chunk by chunk, counting how much of it was ever pulled. */
function streamedRequest(chunks: number, chunkBytes: number, headers: Record<string, string> = {}) {
  const state = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= chunks) return controller.close();
      state.pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x61));
    },
  }, { highWaterMark: 0 });
  const request = new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { request, state };
}

describe("readBodyBytes", () => {
  it("reads a body within the limit", async () => {
    const { request } = streamedRequest(4, 1000);
    expect((await readBodyBytes(request, 4000, tooLarge)).byteLength).toBe(4000);
  });

  it("stops at the first chunk past the limit of a chunked body, without reading the rest", async () => {
    const { request, state } = streamedRequest(10_000, 16 * 1024);
    await expect(readBodyBytes(request, 64 * 1024, tooLarge)).rejects.toBeInstanceOf(TooLarge);
    // 64 KiB is four chunks; the fifth passes the limit. A stream may pull one chunk ahead.
    expect(state.pulled).toBeLessThanOrEqual(6);
  });

  it("refuses a declared Content-Length over the limit before reading anything", async () => {
    const { request, state } = streamedRequest(100, 1024, { "content-length": String(100 * 1024) });
    await expect(readBodyBytes(request, 1024, tooLarge)).rejects.toBeInstanceOf(TooLarge);
    expect(state.pulled).toBe(0);
  });

  it("does not trust a small declared length either: the bytes are counted", async () => {
    const { request } = streamedRequest(8, 1024, { "content-length": "10" });
    await expect(readBodyBytes(request, 4096, tooLarge)).rejects.toBeInstanceOf(TooLarge);
  });

  it("reads no body as empty", async () => {
    expect((await readBodyBytes(new Request("http://localhost/x", { method: "POST" }), 10, tooLarge)).byteLength).toBe(0);
  });
});

describe("readBodyText and readBodyForm", () => {
  it("decodes UTF-8, replacing malformed sequences", async () => {
    const request = new Request("http://localhost/x", { method: "POST", body: new Uint8Array([0x68, 0xc3, 0xa9, 0xff]) });
    expect(await readBodyText(request, 100, tooLarge)).toBe("hé\ufffd");
  });

  it("parses a multipart form after reading it within the limit", async () => {
    const boundary = "b0undary";
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.log"\r\nContent-Type: text/plain\r\n\r\nline one\r\n--${boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\nsquid\r\n--${boundary}--\r\n`;
    const request = new Request("http://localhost/x", { method: "POST", body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
    const form = await readBodyForm(request, 10_000, tooLarge);
    expect(form.get("source")).toBe("squid");
    expect(await (form.get("file") as Blob).text()).toBe("line one");
  });

  it("fails on a garbled multipart body (the caller answers 400)", async () => {
    const request = new Request("http://localhost/x", { method: "POST", body: "garbage", headers: { "content-type": "multipart/form-data; boundary=x" } });
    await expect(readBodyForm(request, 10_000, tooLarge)).rejects.toThrow();
  });
});
