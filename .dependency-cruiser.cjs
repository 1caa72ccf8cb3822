// Import rules, checked by `npm run lint:deps` (part of `npm test`). Imports run one way:
// app/ (routes) → components/ (UI) → lib/ (the domain), and nothing imports in a circle.
// scripts/check-folder-cycles.mjs adds the one rule this file cannot express: no circle among the
// folders of lib/ (lib/a → lib/b → lib/a), even when no single module is in a circle.
/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "lib-and-components-never-import-app",
      comment: "app/ holds routes only. Server actions live in lib/actions/, shared UI in components/: import them from there.",
      severity: "error",
      from: { path: "^(lib|components)/" },
      to: { path: "^app/" },
    },
    {
      name: "lib-never-imports-components",
      comment: "lib/ is the domain and knows nothing of the UI; move what both need into lib/.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^components/" },
    },
    {
      name: "no-circular",
      comment: "Modules that import each other, directly or through others, cannot be read, tested or moved apart.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to nothing: a typo, a moved file, or a package missing from package.json.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "no-undeclared-dependencies",
      comment: "Every package imported by the code is declared in package.json (npm may not install the ones that are not).",
      severity: "error",
      from: {},
      to: { dependencyTypes: ["npm-no-pkg", "npm-unknown"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // The generated Prisma client is not ours to arrange; build output and test data are not code.
    exclude: { path: "^(lib/db/generated(-pg)?|\\.next|data|\\.e2e|\\.vitest|reports|bench/results)/" },
    // See type-only imports too: `import type { X } from "@/app/…"` ties lib/ to app/ just the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
  },
};
