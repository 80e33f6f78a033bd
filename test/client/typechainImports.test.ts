// A value import from the typechain-types index loads every factory of the suite (184 modules, each
// an ABI and its bytecode), which every command then transpiles and runs at start: ~2 CPU-s before
// the simulation did anything. Values (factories) come from their own module; the index is for
// types only (erased at compile time). This scan keeps it so in the tool's code.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const DIRS = ["src", "scripts", "tasks", "deploy"];

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (e.name.endsWith(".ts")) out.push(p);
  }
  return out;
}

/** The value names a file imports from the typechain-types index ("file: A, B"), if any. */
export function indexValueImports(file: string, text: string): string[] {
  const found: string[] = [];
  const re = /import\s+(type\s+)?\{([^}]*)\}\s+from\s+"((?:\.\.?\/)+typechain-types)"/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[1] !== undefined) continue;
    const values = m[2].split(",").map((n) => n.trim()).filter((n) => n !== "" && !n.startsWith("type "));
    if (values.length > 0) found.push(`${path.relative(ROOT, file)}: ${values.join(", ")}`);
  }
  if (/require\(\s*"(?:\.\.?\/)+typechain-types"\s*\)/.test(text)) found.push(`${path.relative(ROOT, file)}: require of the index`);
  return found;
}

describe("typechain-types imports", () => {
  it("the scan finds a value import from the index and lets type imports and module imports pass", () => {
    const f = path.join(ROOT, "src", "x.ts");
    expect(indexValueImports(f, 'import { Foo__factory, type Foo } from "../typechain-types";')).to.deep.equal(["src/x.ts: Foo__factory"]);
    expect(indexValueImports(f, 'import type { Foo } from "../../typechain-types";')).to.deep.equal([]);
    expect(indexValueImports(f, 'import { type Foo, type Bar } from "../typechain-types";')).to.deep.equal([]);
    expect(indexValueImports(f, 'import { Foo__factory } from "../typechain-types/factories/contracts/Foo__factory";')).to.deep.equal([]);
    expect(indexValueImports(f, 'const t = require("../typechain-types");')).to.deep.equal(["src/x.ts: require of the index"]);
  });

  it("no file of the tool imports a value from the typechain-types index", () => {
    const files = [...DIRS.flatMap((d) => tsFiles(path.join(ROOT, d))), path.join(ROOT, "hardhat.config.ts")];
    expect(files.length).to.be.greaterThan(100);
    const found = files.flatMap((f) => indexValueImports(f, fs.readFileSync(f, "utf8")));
    expect(found, "import factories from their own module (typechain-types/factories/...)").to.deep.equal([]);
  });
});
