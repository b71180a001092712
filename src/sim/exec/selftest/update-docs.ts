/**
 * Runs every test of the kernel's IOMMUFD selftest (linux-source-7.2 from the corpus) under
 * `uapi-gen sim exec` and writes the table of results into docs/sim.md. Takes a minute or
 * two: one run of all, then one traced run of each failure to tell "out of scope" from "fail".
 *
 * usage: npm run sim:selftest-table [-- --check]   (--check: exit 1 if the table would change)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSelftest } from "./build.js";
import { classifySelftests } from "./run.js";
import { renderTable, writeTable } from "./table.js";
import { PACKAGE_ROOT } from "../../../util/package-root.js";

const docs = join(PACKAGE_ROOT, "docs", "sim.md");
const before = readFileSync(docs, "utf8");
const rows = await classifySelftests(buildSelftest());
const table = renderTable(rows, "linux-source-7.2's tools/testing/selftests/iommu/iommufd.c");
if (!writeTable(docs, table)) {
  console.error("docs/sim.md has no selftest-table markers");
  process.exit(2);
}
const changed = readFileSync(docs, "utf8") !== before;
console.log(table.split("\n").slice(0, 2).join(" "));
if (process.argv.includes("--check") && changed) {
  console.error("docs/sim.md: the selftest table was out of date (now rewritten)");
  process.exit(1);
}
