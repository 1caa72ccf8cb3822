// How an instance leaves a deployment and how long it keeps idle connections, read from the
// environment:
//   - KEYPORT_DRAIN_GRACE_MS (default 5 000): after SIGTERM the instance fails its health check but
//     keeps serving, everything with `Connection: close`, for this long, so a balancer notices and stops
//     sending before the instance stops taking connections;
//   - KEYPORT_KEEP_ALIVE_TIMEOUT_MS (default 75 000): how long an idle keep-alive connection stays open.
//     It must outlast the balancer's own idle timeout (nginx's upstream keepalive_timeout is 60 s): the
//     side that closes an idle connection first must be the balancer, or a request it sends just as
//     Keyport closes the connection is lost (a balancer does not resend a POST).
// (Whether the instance is draining is kept in lib/shutdown.ts.)
import { config } from "@/lib/config";

export function drainGraceMs(): number {
  return config.drainGraceMs;
}

export function keepAliveTimeoutMs(): number {
  return config.keepAliveTimeoutMs;
}

/**
 * The server's connection timeouts: the keep-alive timeout as configured, and the time allowed for a
 * request's headers above it, so that no limit on reading a request closes a kept-alive connection
 * before the keep-alive timeout does.
 */
export function connectionTimeouts(): { keepAliveTimeout: number; headersTimeout: number; requestTimeout: number } {
  const keepAliveTimeout = keepAliveTimeoutMs();
  const headersTimeout = keepAliveTimeout + 1_000;
  // Node's default whole-request limit (5 minutes), raised if the header limit is above it (Node
  // requires requestTimeout ≥ headersTimeout).
  return { keepAliveTimeout, headersTimeout, requestTimeout: Math.max(300_000, headersTimeout) };
}
