// A TCP proxy a test owns, standing between Keyport instances and PostgreSQL, to cut the database off
// without stopping the shared server. `pause()` is a network partition: nothing more is forwarded on
// the open connections (both directions), and new connections are accepted but never reach the
// server. `resume()` heals it: the held bytes flow on and waiting connections are put through.
// `pauseConnectionsNaming(text)` is the same partition for only the connections whose first bytes (a
// PostgreSQL startup message: user, database, application_name) contain `text`.
import net from "node:net";

type Pair = { client: net.Socket; upstream: net.Socket | null; held: { toUpstream: Buffer[]; toClient: Buffer[] }; opening: string | null };

export class TcpProxy {
  readonly #target: { host: string; port: number };
  readonly #server: net.Server;
  readonly #pairs = new Set<Pair>();
  #paused = false;
  #pausedNaming: string | null = null;

  constructor(target: { host: string; port: number }) {
    this.#target = target;
    this.#server = net.createServer((client) => this.#accept(client));
  }

  /** Starts listening on 127.0.0.1 (any free port when 0) and returns the port. */
  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(port, "127.0.0.1", () => resolve());
    });
    return this.port;
  }

  get port(): number {
    return (this.#server.address() as net.AddressInfo).port;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** How many client connections are open (held ones included). */
  get connections(): number {
    return this.#pairs.size;
  }

  pause(): void {
    this.#paused = true;
  }

  /** Holds the open and future connections whose first bytes contain `text`; the others flow on. */
  pauseConnectionsNaming(text: string): void {
    this.#pausedNaming = text;
  }

  resume(): void {
    this.#paused = false;
    this.#pausedNaming = null;
    for (const pair of this.#pairs) {
      if (!pair.upstream) this.#connect(pair);
      this.#flush(pair);
    }
  }

  async close(): Promise<void> {
    for (const pair of this.#pairs) this.#end(pair);
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #end(pair: Pair): void {
    this.#pairs.delete(pair);
    pair.client.destroy();
    pair.upstream?.destroy();
  }

  #held(pair: Pair): boolean {
    return this.#paused || (this.#pausedNaming !== null && (pair.opening ?? "").includes(this.#pausedNaming));
  }

  #flush(pair: Pair): void {
    if (this.#held(pair) || !pair.upstream || pair.upstream.connecting) return;
    for (const chunk of pair.held.toUpstream.splice(0)) pair.upstream.write(chunk);
    for (const chunk of pair.held.toClient.splice(0)) pair.client.write(chunk);
  }

  #accept(client: net.Socket): void {
    const pair: Pair = { client, upstream: null, held: { toUpstream: [], toClient: [] }, opening: null };
    this.#pairs.add(pair);
    client.on("error", () => this.#end(pair));
    client.on("close", () => this.#end(pair));
    client.on("data", (chunk: Buffer) => {
      pair.opening ??= chunk.toString("latin1");
      pair.held.toUpstream.push(chunk);
      this.#flush(pair);
    });
    if (!this.#paused) this.#connect(pair);
  }

  #connect(pair: Pair): void {
    if (pair.client.destroyed) return;
    const upstream = net.connect(this.#target.port, this.#target.host);
    pair.upstream = upstream;
    upstream.on("connect", () => this.#flush(pair));
    upstream.on("error", () => this.#end(pair));
    upstream.on("close", () => this.#end(pair));
    upstream.on("data", (chunk: Buffer) => {
      pair.held.toClient.push(chunk);
      this.#flush(pair);
    });
  }
}
