import { expect } from "chai";
import { orderBlock, segmentsBySender, SEND_BATCH_MAX } from "../../src/sim/ordering";

const tx = (from: string, nonce: number, fee: bigint, seq: number) => ({ from, nonce, fee, seq });

describe("block ordering by priority fee", () => {
  it("puts the highest fee first and breaks ties by arrival", () => {
    const out = orderBlock([tx("a", 0, 1n, 0), tx("b", 0, 5n, 1), tx("c", 0, 1n, 2), tx("d", 0, 3n, 3)]);
    expect(out.map((t) => t.from)).to.deep.equal(["b", "d", "a", "c"]);
  });

  it("keeps each sender's transactions in nonce order even when a later nonce pays more", () => {
    const out = orderBlock([tx("a", 1, 100n, 0), tx("a", 0, 1n, 1), tx("b", 0, 50n, 2)]);
    expect(out.map((t) => `${t.from}${t.nonce}`)).to.deep.equal(["b0", "a0", "a1"]);
  });

  it("lets a sandwich bracket its victim: front-run above, back-run below the victim's fee", () => {
    const out = orderBlock([tx("victim", 0, 10n, 0), tx("attacker", 0, 11n, 1), tx("attacker", 1, 9n, 2), tx("other", 0, 1n, 3)]);
    expect(out.map((t) => `${t.from}${t.nonce}`)).to.deep.equal(["attacker0", "victim0", "attacker1", "other0"]);
  });

  it("orders a large block completely and stably", () => {
    const txs = Array.from({ length: 5000 }, (_, i) => tx(`s${i % 700}`, Math.floor(i / 700), BigInt((i * 7919) % 13), i));
    const out = orderBlock(txs);
    expect(out).to.have.length(5000);
    const next = new Map<string, number>();
    const bad = out.filter((t) => {
      const want = next.get(t.from) ?? 0;
      next.set(t.from, want + 1);
      return t.nonce !== want;
    });
    expect(bad).to.deep.equal([]);
  });
});

describe("segmentsBySender (one JSON-RPC batch per run of distinct senders)", () => {
  const t = (from: string, n: number) => ({ from, n });
  it("keeps the order and never puts two transactions of one sender in a segment", () => {
    const order = [t("0xA", 0), t("0xb", 0), t("0xa", 1), t("0xC", 0), t("0xB", 1), t("0xa", 2), t("0xd", 0)];
    const segs = segmentsBySender(order);
    expect(segs.map((s) => s.map((x) => `${x.from.toLowerCase()}${x.n}`))).to.deep.equal([["0xa0", "0xb0"], ["0xa1", "0xc0", "0xb1"], ["0xa2", "0xd0"]]);
    expect(segs.flat()).to.deep.equal(order);
  });
  it("cuts a run of distinct senders at SEND_BATCH_MAX (anvil kept the order of a batch's first ~63 calls only)", () => {
    const many = Array.from({ length: 65 }, (_, i) => t(`0x${i.toString(16)}`, 0));
    expect(segmentsBySender(many).map((s) => s.length)).to.deep.equal([SEND_BATCH_MAX, SEND_BATCH_MAX, 5]);
    expect(segmentsBySender(many, 64).map((s) => s.length)).to.deep.equal([64, 1]);
    expect(segmentsBySender(many).flat()).to.deep.equal(many);
  });
  it("gives one segment when every sender sends once, none for an empty block", () => {
    expect(segmentsBySender([t("0x1", 0), t("0x2", 0), t("0x3", 0)])).to.have.length(1);
    expect(segmentsBySender([])).to.deep.equal([]);
  });
});

