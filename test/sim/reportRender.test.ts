// Renders report.html in headless Chromium (Debian package chromium-headless-shell or chromium)
// and checks the page draws its charts. .ci/run installs Chromium; under CI a missing browser is a
// failure, elsewhere the test is skipped with a message.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadScenario, runToDir } from "../../src/sim/run";

function findChromium(): string | undefined {
  for (const name of ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"]) {
    const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim() !== "") return r.stdout.trim();
  }
  return undefined;
}

// Chromium must not try the network (this machine has none): background services off.
const QUIET_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

function screenshot(chrome: string, file: string, png: string): void {
  const args = [...QUIET_FLAGS, "--hide-scrollbars", "--window-size=1400,2600", `--screenshot=${png}`, `file://${file}`];
  const r = spawnSync(chrome, args, { encoding: "utf8", timeout: 60_000 });
  if (!fs.existsSync(png)) throw new Error(`chromium produced no screenshot: ${r.stderr}`);
}

describe("report.html in headless Chromium", function () {
  this.timeout(120_000);

  it("renders the charts (the page's screenshot carries far more drawing than a blank page)", async function () {
    const chrome = findChromium();
    if (chrome === undefined) {
      if (process.env.CI) throw new Error("CI must install Chromium (.ci/run does: apt-get install chromium)");
      this.skip();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-render-"));
    const s = loadScenario(path.join(__dirname, "..", "..", "scenarios", "default.json"), { steps: 80, agents: 40 });
    await runToDir({ scenario: s, outDir: dir, economy: "fake" });
    const blank = path.join(dir, "blank.html");
    fs.writeFileSync(blank, "<!DOCTYPE html><html><body></body></html>");
    const dom = spawnSync(chrome as string, [...QUIET_FLAGS, "--dump-dom", `file://${path.join(dir, "report.html")}`], { encoding: "utf8", timeout: 60_000 });
    expect((dom.stdout.match(/<svg /g) ?? []).length).to.equal(7);
    screenshot(chrome as string, path.join(dir, "report.html"), path.join(dir, "report.png"));
    screenshot(chrome as string, blank, path.join(dir, "blank.png"));
    const full = fs.statSync(path.join(dir, "report.png")).size;
    const empty = fs.statSync(path.join(dir, "blank.png")).size;
    expect(full).to.be.above(empty * 5);
  });
});
