// Verifies a downloaded publication proof in the browser (RFC 6962 inclusion proof, SubtleCrypto SHA-256).
// The same algorithm as zhifa.publicity.merkle.root_from_inclusion and `zhifa verify-publication`.
"use strict";

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

function concat(prefix, ...parts) {
  const out = new Uint8Array(1 + parts.reduce((n, p) => n + p.length, 0));
  out[0] = prefix;
  let at = 1;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

function fromHex(hex) {
  if (typeof hex !== "string" || !/^[0-9a-f]{64}$/.test(hex)) throw new Error("哈希格式不正确");
  return new Uint8Array(hex.match(/../g).map((b) => parseInt(b, 16)));
}

function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function rootFromInclusion(index, size, leaf, path) {
  if (!(index >= 0 && index < size)) return null;
  let fn = index, sn = size - 1, r = leaf;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(concat(1, p, r));
      while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else {
      r = await sha256(concat(1, r, p));
    }
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

async function verifyBundle(text) {
  let bundle;
  try { bundle = JSON.parse(text); } catch (e) { return [false, "不是证明文件：无法读取 JSON"]; }
  const keys = ["entry", "format", "inclusion_proof", "leaf_index", "root", "tree_size"];
  if (!bundle || typeof bundle !== "object" || bundle.format !== "zhifa-publication-proof/1" ||
      typeof bundle.entry !== "string" || Object.keys(bundle).sort().join() !== keys.join() ||
      !Number.isInteger(bundle.leaf_index) || !Number.isInteger(bundle.tree_size)) {
    return [false, "不是证明文件：格式不是 zhifa-publication-proof/1"];
  }
  let root, path;
  try {
    root = fromHex(bundle.root);
    path = bundle.inclusion_proof.map(fromHex);
  } catch (e) { return [false, "不是证明文件：" + e.message]; }
  const index = bundle.leaf_index, size = bundle.tree_size;
  const leaf = await sha256(concat(0, new TextEncoder().encode(bundle.entry)));
  const computed = await rootFromInclusion(index, size, leaf, path);
  if (computed && toHex(computed) === toHex(root)) {
    return [true, `验证通过：该条目是共 ${size} 条、根哈希为 ${bundle.root} 的检查点中的第 ${index} 条。请与检查点页面公布的根哈希核对。`];
  }
  return [false, "验证未通过：条目内容或证明路径与根哈希不符（文件可能被改动）。"];
}

document.addEventListener("DOMContentLoaded", () => {
  const input = document.getElementById("proof-file");
  const result = document.getElementById("verify-result");
  if (!input) return;
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    const [ok, message] = await verifyBundle(await file.text());
    result.hidden = false;
    result.className = ok ? "notice info" : "notice";
    result.textContent = message;
  });
});
