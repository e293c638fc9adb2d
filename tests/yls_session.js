#!/usr/bin/env node
// yls_session.js - one editing session with the real yaml-language-server
// over stdio, for tests/test_yls.c: open DOC (a data file whose first line
// names the schema), wait for the diagnostics that use the schema, ask
// for a completion and a hover, and print what the server said as JSON:
//   {"diagnostics": [[line, character, message], ...],
//    "completion": [label, ...], "hover": "text"}
//
//   node yls_session.js SERVER DOC COMPLETE_LINE COMPLETE_CHAR HOVER_LINE HOVER_CHAR
// Lines and characters are 0-based, as LSP counts them. Exits 1, saying
// why, when the server does not answer within 60 s.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");

const [server, doc, cl, cc, hl, hc] = process.argv.slice(2);
const uri = pathToFileURL(path.resolve(doc)).href;
const text = fs.readFileSync(doc, "utf8");
const child = spawn(process.execPath, [server, "--stdio"], {
  stdio: ["pipe", "pipe", "inherit"],
});
const deadline = setTimeout(() => fail("no answer from the server in 60 s"), 60000);

function fail(why) {
  process.stderr.write("yls_session: " + why + "\n");
  child.kill();
  process.exit(1);
}

let next = 1;
const waiting = new Map();
function send(msg) {
  const body = Buffer.from(JSON.stringify(Object.assign({ jsonrpc: "2.0" }, msg)));
  child.stdin.write("Content-Length: " + body.length + "\r\n\r\n");
  child.stdin.write(body);
}
function request(method, params) {
  const id = next++;
  send({ id, method, params });
  return new Promise((resolve) => waiting.set(id, resolve));
}
const notify = (method, params) => send({ method, params });

const settings = {
  yaml: { validate: true, hover: true, completion: true, format: { enable: false },
          schemaStore: { enable: false } },
};
let onDiagnostics = null;
function handle(msg) {
  if (msg.id !== undefined && waiting.has(msg.id) && msg.method === undefined) {
    waiting.get(msg.id)(msg.result);
    waiting.delete(msg.id);
  } else if (msg.method === "workspace/configuration") {
    send({ id: msg.id, result: msg.params.items.map((i) =>
      i.section ? i.section.split(".").reduce((o, k) => (o || {})[k], settings) : settings) });
  } else if (msg.id !== undefined && msg.method) {
    send({ id: msg.id, result: null }); // client/registerCapability and the like
  } else if (msg.method === "textDocument/publishDiagnostics" && msg.params.uri === uri) {
    if (onDiagnostics) onDiagnostics(msg.params.diagnostics);
  }
}

let buf = Buffer.alloc(0);
child.stdout.on("data", (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  for (;;) {
    const head = buf.indexOf("\r\n\r\n");
    if (head < 0) return;
    const m = /Content-Length: (\d+)/i.exec(buf.slice(0, head).toString());
    const len = m ? Number(m[1]) : 0;
    if (buf.length < head + 4 + len) return;
    const body = buf.slice(head + 4, head + 4 + len).toString();
    buf = buf.slice(head + 4 + len);
    handle(JSON.parse(body));
  }
});
child.on("exit", (code) => fail("the server ended (status " + code + ")"));

function hoverText(h) {
  if (!h) return "";
  const c = h.contents;
  if (typeof c === "string") return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === "string" ? x : x.value)).join("\n");
  return c.value;
}

(async () => {
  await request("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(path.dirname(path.resolve(doc))).href,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        completion: { completionItem: { snippetSupport: false } },
        hover: { contentFormat: ["plaintext"] },
        publishDiagnostics: {},
      },
    },
  });
  notify("initialized", {});
  notify("workspace/didChangeConfiguration", { settings });
  // The first diagnostics may come before the schema is read: wait for a
  // set that holds a message of the schema's (any that is not YAML's own
  // syntax), or for the second set.
  const diags = await new Promise((resolve) => {
    let sets = 0;
    onDiagnostics = (d) => {
      sets++;
      if (d.some((x) => x.source !== "YAML") || sets >= 2) resolve(d);
    };
    notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
  });
  const completion = await request("textDocument/completion", {
    textDocument: { uri }, position: { line: Number(cl), character: Number(cc) },
  });
  const hover = await request("textDocument/hover", {
    textDocument: { uri }, position: { line: Number(hl), character: Number(hc) },
  });
  const items = Array.isArray(completion) ? completion : (completion || {}).items || [];
  process.stdout.write(JSON.stringify({
    diagnostics: diags.map((d) => [d.range.start.line, d.range.start.character, d.message])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]),
    completion: items.map((i) => i.label).sort(),
    hover: hoverText(hover),
  }, null, 1) + "\n");
  clearTimeout(deadline);
  await request("shutdown", null);
  child.removeAllListeners("exit");
  notify("exit", null);
  process.exit(0);
})();
