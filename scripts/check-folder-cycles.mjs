// No circle among the folders of lib/: if lib/a imports lib/b, nothing in lib/b imports lib/a,
// directly or through other folders. Each folder (and each file at the top of lib/, such as
// lib/errors.ts) is one unit; a circle between units is reported even when no single module is in
// one, because it still means neither folder can be understood or moved without the other.
// Tests are left out: a test may set up data through any folder without making the code depend on it.
// Reads the module graph from dependency-cruiser, with the repository's resolution settings.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cruise = spawnSync(process.execPath, [path.join(root, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs"), "lib", "--config", ".dependency-cruiser.cjs", "--output-type", "json"], {
  cwd: root,
  encoding: "utf8",
  maxBuffer: 256 * 1024 * 1024,
});
if (!cruise.stdout) {
  console.error(cruise.stderr || "dependency-cruiser printed nothing");
  process.exit(2);
}
const { modules } = JSON.parse(cruise.stdout);

const unitOf = (file) => file.match(/^lib\/[^/]+/)?.[0];
const isTest = (file) => /\.test\.tsx?$/.test(file);

/** unit → unit → one module-level import that makes the edge (for the report). */
const edges = new Map();
for (const module of modules) {
  const from = unitOf(module.source);
  if (!from || isTest(module.source)) continue;
  for (const dependency of module.dependencies) {
    const to = unitOf(dependency.resolved);
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${module.source} → ${dependency.resolved}`);
  }
}

// Tarjan's strongly connected components: every component of more than one unit contains a circle.
const units = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((targets) => [...targets.keys()])])].sort();
const index = new Map();
const lowLink = new Map();
const stack = [];
const onStack = new Set();
const components = [];
let counter = 0;
function connect(unit) {
  index.set(unit, counter);
  lowLink.set(unit, counter);
  counter++;
  stack.push(unit);
  onStack.add(unit);
  for (const next of edges.get(unit)?.keys() ?? []) {
    if (!index.has(next)) {
      connect(next);
      lowLink.set(unit, Math.min(lowLink.get(unit), lowLink.get(next)));
    } else if (onStack.has(next)) {
      lowLink.set(unit, Math.min(lowLink.get(unit), index.get(next)));
    }
  }
  if (lowLink.get(unit) === index.get(unit)) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== unit);
    if (component.length > 1) components.push(component.sort());
  }
}
for (const unit of units) if (!index.has(unit)) connect(unit);

if (components.length === 0) {
  console.log(`✔ no import cycle among the ${units.length} folders and top-level files of lib/`);
  process.exit(0);
}
for (const component of components) {
  console.log(`\n  error folder cycle: ${component.join(", ")} import each other`);
  const members = new Set(component);
  for (const from of component) {
    for (const [to, example] of edges.get(from) ?? []) if (members.has(to)) console.log(`    ${from} → ${to}   e.g. ${example}`);
  }
}
console.log(`\nx ${components.length} import cycle(s) among lib/ folders`);
process.exit(1);
