// Recomputes a 双随机 draw in the browser from its published draw file (SubtleCrypto SHA-256, BigInt).
// The same algorithm as zhifa.inspections.drawing (zhifa-draw/1); keep the two in step.
"use strict";

const ALGORITHM = "zhifa-draw/1";
const STRATA = ["A", "B", "C", "D"];
const TWO_64 = 1n << 64n;

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function fromHex(hex) {
  return new Uint8Array(hex.match(/../g).map((b) => parseInt(b, 16)));
}

// json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
function canonical(value) {
  if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort(byCodePoint);
    return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}";
  }
  return JSON.stringify(value);
}

function byCodePoint(a, b) {
  const x = Array.from(a), y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

// Step 1: the random stream of a label — SHA-256(seed ‖ 0x00 ‖ label ‖ 0x00 ‖ block as 8 bytes big-endian),
// four 64-bit big-endian words per block.
class Stream {
  constructor(seedBytes, label) {
    const labelBytes = new TextEncoder().encode(label);
    this.prefix = new Uint8Array(seedBytes.length + labelBytes.length + 2);
    this.prefix.set(seedBytes, 0);
    this.prefix.set(labelBytes, seedBytes.length + 1);
    this.block = 0n;
    this.words = [];
  }

  async next() {
    if (this.words.length === 0) {
      const input = new Uint8Array(this.prefix.length + 8);
      input.set(this.prefix, 0);
      new DataView(input.buffer).setBigUint64(this.prefix.length, this.block, false);
      this.block += 1n;
      const view = new DataView((await sha256(input)).buffer);
      for (let i = 0; i < 4; i++) this.words.push(view.getBigUint64(8 * i, false));
    }
    return this.words.shift();
  }

  async below(m) {
    const big = BigInt(m), limit = TWO_64 - (TWO_64 % big);
    for (;;) {
      const word = await this.next();
      if (word < limit) return Number(word % big);
    }
  }
}

// k = ⌈N × ratio ÷ 100⌉, capped at N; the ratio is decimal text, computed exactly (no floating point).
function sampleSize(count, ratio) {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(String(ratio).trim());
  if (!match) throw new Error(`抽查比例“${ratio}”不是数字`);
  const fraction = match[2] || "";
  const scaled = BigInt(match[1] + fraction), scale = 10n ** BigInt(fraction.length);
  if (scaled > 100n * scale) throw new Error(`抽查比例“${ratio}”应在0至100之间`);
  const numerator = BigInt(count) * scaled, denominator = 100n * scale;
  const k = (numerator + denominator - 1n) / denominator;
  return Math.min(count, Number(k));
}

// Step 2: a partial Fisher–Yates shuffle per stratum, stream "subjects:<stratum>".
async function drawSubjects(seedBytes, candidates, ratios) {
  const drawn = {};
  for (const stratum of STRATA) {
    const codes = candidates[stratum] || [];
    const k = sampleSize(codes.length, ratios[stratum] === undefined ? "0" : ratios[stratum]);
    const stream = new Stream(seedBytes, "subjects:" + stratum);
    const order = codes.map((_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + await stream.below(codes.length - i);
      [order[i], order[j]] = [order[j], order[i]];
    }
    drawn[stratum] = order.slice(0, k).map((i) => codes[i]);
  }
  return drawn;
}

// Step 3: inspectors for each drawn subject and pool, one stream "inspectors" for the whole draw.
async function drawInspectors(seedBytes, input, subjects) {
  const conflicted = new Map();
  for (const [subject, inspector] of input.conflicts) {
    if (!conflicted.has(subject)) conflicted.set(subject, new Set());
    conflicted.get(subject).add(inspector);
  }
  const stream = new Stream(seedBytes, "inspectors");
  const assigned = {};
  for (const subject of subjects) {
    const excluded = conflicted.get(subject) || new Set();
    const chosen = [];
    for (const pool of input.inspector_pools) {
      const members = pool.inspectors;
      const eligible = members.filter((code) => !excluded.has(code) && !chosen.includes(code)).length;
      if (eligible < input.per_subject) throw new Error(`对象${subject}可选检查人员不足`);
      const wanted = chosen.length + input.per_subject;
      while (chosen.length < wanted) {
        const code = members[await stream.below(members.length)];
        if (!excluded.has(code) && !chosen.includes(code)) chosen.push(code);
      }
    }
    assigned[subject] = chosen;
  }
  return assigned;
}

async function recompute(seed, input) {
  if (typeof seed !== "string" || !/^[0-9a-fA-F]{64}$/.test(seed)) throw new Error("随机种子应为64位十六进制字符");
  const seedBytes = fromHex(seed);
  const subjects = await drawSubjects(seedBytes, input.candidates, input.ratios);
  const inOrder = STRATA.flatMap((s) => subjects[s]);
  return { subjects, inspectors: await drawInspectors(seedBytes, input, inOrder) };
}

function drawInput(input) {
  return {
    candidates: input.candidates,
    ratios: input.ratios,
    inspector_pools: input.inspector_pools.map((p) => ({ agency: p.agency, inspectors: p.inspectors })),
    per_subject: input.per_subject,
    conflicts: input.conflicts,
  };
}

// Returns [ok, message in plain Chinese].
async function verifyDrawFile(text) {
  let file;
  try { file = JSON.parse(text); } catch (e) { return [false, "不是抽取文件：无法读取文件内容"]; }
  if (!file || typeof file !== "object" || file.algorithm !== ALGORITHM || !file.input || !file.result) {
    return [false, "不是本平台公布的抽取文件，无法核验"];
  }
  let input;
  try { input = drawInput(file.input); } catch (e) { return [false, "抽取文件内容不完整，无法核验"]; }
  const encode = (s) => new TextEncoder().encode(s);
  if (toHex(await sha256(encode(canonical(input)))) !== file.candidate_hash) {
    return [false, "未通过：候选名单与抽取前公布的哈希值不一致，名单可能被改动过"];
  }
  if (typeof file.seed !== "string" || toHex(await sha256(encode(file.seed))) !== file.seed_commitment) {
    return [false, "未通过：随机种子与抽取前公布的种子承诺不一致"];
  }
  let expected;
  try { expected = await recompute(file.seed, input); } catch (e) { return [false, "未通过：无法重新抽取（" + e.message + "）"]; }
  if (canonical(expected) !== canonical(file.result)) {
    return [false, "未通过：按公布的随机种子重新抽取，结果与公布名单不一致"];
  }
  const subjects = STRATA.reduce((n, s) => n + expected.subjects[s].length, 0);
  const officers = new Set(Object.values(expected.inspectors).flat()).size;
  const overrides = (file.overrides || []).length;
  const note = overrides ? `；另有人工调整${overrides}处，已在抽取公示页面列明理由` : "";
  return [true, `已核验：按公布的随机种子重新抽取，结果与公布名单一致（抽取对象${subjects}个，执法人员${officers}名）。候选名单和随机种子均与抽取前公布的哈希值一致${note}。`];
}

document.addEventListener("DOMContentLoaded", () => {
  const input = document.getElementById("draw-file");
  const result = document.getElementById("draw-verify-result");
  if (!input || !result) return;
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    const [ok, message] = await verifyDrawFile(await file.text());
    result.hidden = false;
    result.className = ok ? "notice info" : "notice";
    result.textContent = message;
  });
});
