// Runs in the browser before the app's own modules. zod builds its object parsers with `new Function`
// when it may, and finds out by trying once; under the pages' Content-Security-Policy (no
// 'unsafe-eval', see proxy.ts) that try is refused and reported as a violation. Without JIT zod never
// tries, and parses the same way.
import { config } from "zod";

config({ jitless: true });
