// --steps and --agents keep overriding the scenario, but say what they drop: every event and phase
// past the last step and every family scaled to 0 agents is a note on the resolved scenario,
// recorded in summary.json (settings.changes) and printed as a warning.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseScenario, resolveScenario } from "../../src/sim/scenario";
import { readScenarioJson } from "../../src/sim/scenarioFile";
import { runToDir } from "../../src/sim/run";

const file = (name: string) => parseScenario(readScenarioJson(path.join(__dirname, "..", "..", "scenarios", `${name}.json`)));

describe("scenario overrides: notes for what --steps and --agents drop", () => {
  it("--steps 100 on governance-change names the three events it drops", () => {
    const s = resolveScenario(file("governance-change"), { steps: 100 });
    expect(s.events).to.deep.equal([]);
    expect(s.overrideNotes?.map((n) => `${n.setting} | ${n.asked} | ${n.used} | ${n.why}`)).to.deep.equal([
      "events: setFees | at step 150 | not run | --steps 100 ends the run after step 99",
      "events: setCurveParam | at step 250 | not run | --steps 100 ends the run after step 99",
      "events: grant | at step 300 | not run | --steps 100 ends the run after step 99",
    ]);
  });

  it("--steps 80 on whale-exit names the exit phase at step 120 (the idle phase at 40 still runs)", () => {
    const s = resolveScenario(file("whale-exit"), { steps: 80 });
    const notes = s.overrideNotes ?? [];
    expect(notes).to.have.length(1);
    expect(notes[0].setting).to.equal("population[4] (noise): phases[1]");
    expect(notes[0].asked).to.equal("exit from step 120");
    expect(notes[0].used).to.equal("never reached");
  });

  it("--agents 20 on the default scenario names every family left with 0 agents", () => {
    const s = resolveScenario(file("default"), { seed: 5, steps: 60, agents: 20 });
    const zero = [...new Set(s.population.filter((p) => p.count === 0).map((p) => p.family))];
    expect(zero.length).to.be.greaterThan(0);
    const noted = (s.overrideNotes ?? []).filter((n) => n.used === "0 agents").map((n) => n.setting);
    expect(noted).to.deep.equal(zero.map((f) => `population: ${f}`));
    for (const f of ["sandwich", "whale", "govAttacker", "griefer"]) expect(noted).to.include(`population: ${f}`);
    const sandwich = (s.overrideNotes ?? []).find((n) => n.setting === "population: sandwich");
    expect(sandwich?.asked).to.equal("1 agent");
    const total = file("default").population.reduce((n, p) => n + p.count, 0);
    expect(sandwich?.why).to.equal(`--agents 20 scales the scenario's ${total} agents proportionally, by largest remainder`);
  });

  it("no note when nothing is dropped, and none for adversaries the scenario itself turns off", () => {
    expect(resolveScenario(file("governance-change"))).not.to.have.property("overrideNotes");
    expect(resolveScenario(file("governance-change"), { steps: 301 })).not.to.have.property("overrideNotes");
    expect(resolveScenario(file("default"), { agents: 76 })).not.to.have.property("overrideNotes");
  });

  it("a run records the notes in summary.json settings.changes and prints them as warnings", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-notes-"));
    const s = resolveScenario(file("governance-change"), { steps: 20, agents: 10 });
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    (process.stderr as { write: unknown }).write = (chunk: string) => (lines.push(String(chunk)), true);
    try {
      await runToDir({ scenario: s, outDir: out, economy: "fake" });
    } finally {
      (process.stderr as { write: unknown }).write = write;
    }
    const sum = JSON.parse(fs.readFileSync(path.join(out, "summary.json"), "utf8")) as { settings: { changes: Array<{ setting: string; used: string }> } };
    expect(sum.settings.changes.filter((c) => c.setting.startsWith("events: ")).map((c) => c.setting)).to.deep.equal(["events: setFees", "events: setCurveParam", "events: grant"]);
    expect(lines.join("")).to.include("events: grant: the scenario asked at step 300");
  });
});
