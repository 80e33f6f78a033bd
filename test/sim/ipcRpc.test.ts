// JSON-RPC over an IPC socket (ipcRpc.ts) against a fake node on a Unix socket, and the shared client code (jsonRpc.ts) over HTTP: answers framed by
// newlines however the stream splits them, one request in flight at a time in the order asked, a
// batch's answers matched by id, and every waiting request failed when the socket goes.
import { expect } from "chai";
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { IpcRpc } from "../../src/sim/chain/node/ipcRpc";
import { HttpRpc, RpcError } from "../../src/sim/chain/node/httpRpc";
import { nodeRpc } from "../../src/sim/chain/node/backend";

interface Req {
  readonly id: number;
  readonly method: string;
  readonly params: unknown[];
}

/** A fake node: `answer` turns each request text into the bytes to write back (in pieces, with pauses, as it likes). */
async function fakeNode(answer: (text: string, sock: net.Socket, seen: string[]) => void): Promise<{ path: string; seen: string[]; sockets: net.Socket[]; close: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-ipc-test-"));
  const file = path.join(dir, "node.ipc");
  const seen: string[] = [];
  const sockets: net.Socket[] = [];
  const srv = net.createServer((sock) => {
    sockets.push(sock);
    sock.on("data", (d: Buffer) => {
      const text = d.toString("utf8");
      seen.push(text);
      answer(text, sock, seen);
    });
    sock.on("error", () => undefined);
  });
  await new Promise<void>((r) => srv.listen(file, () => r()));
  return {
    path: file,
    seen,
    sockets,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => srv.close(() => r()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const result = (id: number, value: unknown) => JSON.stringify({ jsonrpc: "2.0", id, result: value });
const echo = (text: string): string => {
  const body = JSON.parse(text) as Req | Req[];
  return Array.isArray(body) ? JSON.stringify(body.map((q) => JSON.parse(result(q.id, q.method)))) : result(body.id, body.method);
};

describe("IPC JSON-RPC client", function () {
  this.timeout(20_000);

  it("reads an answer split over several writes, and sends the next request only after it", async () => {
    const node = await fakeNode((text, sock) => {
      const out = echo(text) + "\n";
      const cut = Math.floor(out.length / 2);
      sock.write(out.slice(0, 3));
      setTimeout(() => sock.write(out.slice(3, cut)), 10);
      setTimeout(() => sock.write(out.slice(cut)), 20);
    });
    const rpc = await IpcRpc.connect(node.path);
    try {
      const [a, b] = await Promise.all([rpc.send("eth_chainId", []), rpc.send("eth_blockNumber", [])]);
      expect([a, b]).to.deep.equal(["eth_chainId", "eth_blockNumber"]);
      // one request per write: the second was written after the first was answered
      expect(node.seen.map((t) => (JSON.parse(t) as Req).method)).to.deep.equal(["eth_chainId", "eth_blockNumber"]);
    } finally {
      rpc.close();
      await node.close();
    }
  });

  it("reads an answer whose multi-byte UTF-8 characters are split between writes (one byte per write)", async () => {
    const node = await fakeNode((text, sock) => {
      const q = JSON.parse(text) as Req;
      const out = Buffer.from(result(q.id, "é€😀 and a newline \n escaped") + "\n");
      let i = 0;
      const more = (): void => {
        if (i >= out.length) return;
        sock.write(out.subarray(i, i + 1));
        i += 1;
        setImmediate(more);
      };
      more();
    });
    const rpc = await IpcRpc.connect(node.path);
    try {
      expect(await rpc.send("eth_chainId", [])).to.equal("é€😀 and a newline \n escaped");
      expect(await rpc.send("eth_chainId", [])).to.equal("é€😀 and a newline \n escaped");
    } finally {
      rpc.close();
      await node.close();
    }
  });

  it("resolves the answer waited for and fails the connection on an answer nobody asked for (in the same write)", async () => {
    const node = await fakeNode((text, sock) => sock.write(echo(text) + "\n" + result(999, "extra") + "\n"));
    const rpc = await IpcRpc.connect(node.path);
    try {
      await expect(rpc.send("eth_chainId", [])).to.eventually.equal("eth_chainId");
      await expect(rpc.send("eth_chainId", [])).to.be.rejectedWith(/an answer came with no request waiting/);
    } finally {
      rpc.close();
      await node.close();
    }
  });

  it("takes an answer with another id (sent unasked) for no request: the request and the connection fail", async () => {
    const node = await fakeNode((text, sock) => {
      const q = JSON.parse(text) as Req;
      sock.write(result(q.id + 7, "not yours") + "\n");
    });
    const rpc = await IpcRpc.connect(node.path);
    try {
      await expect(rpc.send("eth_chainId", [])).to.be.rejectedWith(/an answer with id \d+ came while request \d+ \(eth_chainId\) was waiting/);
      await expect(rpc.send("eth_chainId", [])).to.be.rejectedWith(/an answer with id/);
    } finally {
      rpc.close();
      await node.close();
    }
  });

  it("the economy's connection to a spawned node: IPC when its socket answers, else HTTP with a note saying why", async () => {
    const node = await fakeNode((text, sock) => sock.write(echo(text) + "\n"));
    const viaIpc = await nodeRpc({ ipcPath: node.path, url: "http://127.0.0.1:1" });
    try {
      expect(viaIpc.transport).to.equal("ipc");
      expect(viaIpc.note).to.equal(undefined);
      expect(await viaIpc.rpc.send("eth_chainId", [])).to.equal("eth_chainId");
    } finally {
      viaIpc.rpc.close();
      await node.close();
    }
    const missing = await nodeRpc({ ipcPath: path.join(os.tmpdir(), "cipher-no-such-dir", "anvil.ipc"), url: "http://127.0.0.1:1" }, 100);
    expect(missing.transport).to.equal("http");
    expect(missing.rpc).to.be.instanceOf(HttpRpc);
    expect(missing.note).to.match(/^the node's IPC socket did not answer \(could not connect to the IPC socket .*\): using HTTP$/);
    missing.rpc.close();
    const none = await nodeRpc({ url: "http://127.0.0.1:1" });
    expect([none.transport, none.note]).to.deep.equal(["http", undefined]);
    none.rpc.close();
  });

  it("matches a batch's answers by id whatever their order, a missing one an error, a failed one failing alone", async () => {
    const node = await fakeNode((text, sock) => {
      const qs = JSON.parse(text) as Req[];
      const answers = [
        { jsonrpc: "2.0", id: qs[2].id, error: { code: -32601, message: "no such method" } },
        { jsonrpc: "2.0", id: qs[0].id, result: "first" },
      ];
      sock.write(JSON.stringify(answers) + "\n");
    });
    const rpc = await IpcRpc.connect(node.path);
    try {
      const got = await rpc.batch([{ method: "a", params: [] }, { method: "b", params: [] }, { method: "c", params: [] }]);
      expect(got[0]).to.deep.equal({ ok: true, value: "first" });
      expect(got[1].ok).to.equal(false);
      expect(!got[1].ok && got[1].error.message).to.equal("b: no answer in the batch");
      expect(!got[2].ok && got[2].error).to.be.instanceOf(RpcError);
      expect(!got[2].ok && (got[2].error as RpcError).code).to.equal(-32601);
      expect(await rpc.batch([])).to.deep.equal([]);
    } finally {
      rpc.close();
      await node.close();
    }
  });

  it("throws a single request's error as an RpcError with the node's code and data", async () => {
    const node = await fakeNode((text, sock) => {
      const q = JSON.parse(text) as Req;
      sock.write(JSON.stringify({ jsonrpc: "2.0", id: q.id, error: { code: 3, message: "execution reverted", data: "0x1234" } }) + "\n");
    });
    const rpc = await IpcRpc.connect(node.path);
    try {
      const e = await rpc.send("eth_call", []).then(() => undefined, (x: unknown) => x);
      expect(e).to.be.instanceOf(RpcError);
      expect((e as RpcError).message).to.equal("eth_call: execution reverted");
      expect((e as RpcError).data).to.equal("0x1234");
    } finally {
      rpc.close();
      await node.close();
    }
  });

  it("fails the request in flight and every queued one when the node closes the socket, and every later one", async () => {
    const node = await fakeNode((_text, sock) => setTimeout(() => sock.destroy(), 20));
    const rpc = await IpcRpc.connect(node.path);
    try {
      const all = await Promise.allSettled([rpc.send("a", []), rpc.send("b", []), rpc.batch([{ method: "c", params: [] }])]);
      expect(all.map((r) => r.status)).to.deep.equal(["rejected", "rejected", "rejected"]);
      expect(String((all[1] as PromiseRejectedResult).reason)).to.match(/IPC socket .* closed/);
      await expect(rpc.send("d", [])).to.be.rejectedWith(/closed/);
      expect(node.seen.length).to.equal(1);
    } finally {
      rpc.close();
      await node.close();
    }
  });

  it("close() fails what waits, and a socket that never appears is an error naming it", async () => {
    const node = await fakeNode(() => undefined); // never answers
    const rpc = await IpcRpc.connect(node.path);
    const waiting = rpc.send("eth_chainId", []);
    rpc.close();
    await expect(waiting).to.be.rejectedWith(/closed by this process/);
    await node.close();
    const missing = path.join(os.tmpdir(), "cipher-no-such-dir", "node.ipc");
    await expect(IpcRpc.connect(missing, 100)).to.be.rejectedWith(new RegExp(`could not connect to the IPC socket ${missing.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  });
});

describe("JSON-RPC over HTTP (the same client code)", () => {
  it("an answer with another id than the request's is an error; a batch's answers are matched by id", async () => {
    const srv = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const q = JSON.parse(body) as Req | Req[];
        res.end(Array.isArray(q) ? JSON.stringify([...q].reverse().map((x) => JSON.parse(result(x.id, x.method)))) : result(q.id + 1, "stray"));
      });
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
    const url = `http://127.0.0.1:${(srv.address() as net.AddressInfo).port}`;
    const rpc = new HttpRpc(url);
    try {
      await expect(rpc.send("eth_chainId", [])).to.be.rejectedWith(new RegExp(`^${url.replace(/[.]/g, "\\.")}: an answer with id \\d+ came while request \\d+ \\(eth_chainId\\) was waiting$`));
      expect(await rpc.batch([{ method: "a", params: [] }, { method: "b", params: [] }])).to.deep.equal([{ ok: true, value: "a" }, { ok: true, value: "b" }]);
    } finally {
      rpc.close();
      await new Promise<void>((r) => srv.close(() => r()));
    }
  });
});
