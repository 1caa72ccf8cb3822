// Revoke-to-refusal on the other instance (PostgreSQL): a token is in the other instance's cache, the
// revoke goes to one instance through the API, and the other instance is asked again and again from
// the moment the revoke is sent. Reported: how long the revoke took to answer, how long after it was
// sent the other instance first refused the token (p50 / p99), and how many calls the other instance
// accepted after the revoke had answered (the promise: none).
import http from "node:http";

export type RevocationReport = {
  rounds: number;
  revokeAnswerMs: { p50: number; p99: number };
  refusalOnOtherMs: { p50: number; p99: number };
  acceptedAfterAnswer: number;
};

type Target = { port: number; host: string };

function call(target: Target, path: string, token: string, method = "GET"): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port: target.port, path, method, headers: { host: target.host, authorization: `Token ${token}`, "content-length": "0" } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", reject);
    request.end();
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
};

/** `newToken` makes a token the admin may revoke; `revoker` takes the revoke, `other` is hammered. */
export async function measureRevocation(options: {
  revoker: Target;
  other: Target;
  adminToken: string;
  newToken: () => Promise<{ id: string; value: string }>;
  rounds: number;
}): Promise<RevocationReport> {
  const answers: number[] = [];
  const refusals: number[] = [];
  let acceptedAfterAnswer = 0;
  for (let round = 0; round < options.rounds; round++) {
    const token = await options.newToken();
    // In the other instance's cache right before the revoke.
    for (let i = 0; i < 2; i++) if ((await call(options.other, "/api/v1/whoami/", token.value)) !== 200) throw new Error("bench: a new token was refused before its revoke");
    const sent = performance.now();
    const at: { answered: number | null; refused: number | null } = { answered: null, refused: null };
    const revoke = call(options.revoker, `/api/v1/tokens/${token.id}/revoke/`, options.adminToken, "POST").then((status) => {
      if (status !== 200) throw new Error(`bench: the revoke answered ${status}`);
      at.answered = performance.now();
    });
    revoke.catch(() => {});
    // Ask the other instance until it refuses and the revoke has answered; count what it accepts after the answer.
    while (at.refused === null || at.answered === null) {
      const askedAt = performance.now();
      const status = await call(options.other, "/api/v1/whoami/", token.value);
      if (status === 200 && at.answered !== null && askedAt >= at.answered) acceptedAfterAnswer++;
      if (status !== 200 && at.refused === null) at.refused = performance.now();
      if (performance.now() - sent > 30_000) throw new Error("bench: no refusal within 30 s");
    }
    await revoke;
    answers.push(at.answered - sent);
    refusals.push(at.refused - sent);
  }
  return {
    rounds: options.rounds,
    revokeAnswerMs: { p50: percentile(answers, 50), p99: percentile(answers, 99) },
    refusalOnOtherMs: { p50: percentile(refusals, 50), p99: percentile(refusals, 99) },
    acceptedAfterAnswer,
  };
}
