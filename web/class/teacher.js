// The teacher's console (`/teacher`): sign in with the teacher code, then every table at a
// glance with its controls (start, pause, timer, reveal, who plays each seat), links to
// each table's save and projector view, and the class's results side by side.

import {
  t, h, redraw, applyStatic, setLang, lang, initialLang, storeLang, loadDigest, Link,
  phaseName, quadrantName, strengthName, clock, stateName, langSwitch, showAlert, hideAlert,
} from "./class.js";

const CODE_KEY = "amu-class-teacher-code";
const STRENGTHS = ["easy", "normal", "hard", "strong"];

const $ = (id) => document.getElementById(id);

let digest = null;
const S = {
  code: null,
  signedIn: false,
  className: "",
  tables: [],
  at: 0, // performance.now() when the tables came (timers count down from there)
  drafts: new Map(), // values typed into inputs and selects, by data-key
  statusText: "",
};

const link = new Link({
  onOpen: () => {
    if (S.code) link.send({ t: "teacher", code: S.code });
    setStatus(t("status.online"));
  },
  onMessage: (msg) => onMessage(msg),
  onDown: (secs) => setStatus(t("status.lost", { secs })),
});

function readCode() {
  try {
    return sessionStorage.getItem(CODE_KEY);
  } catch {
    return null;
  }
}

function writeCode(code) {
  try {
    if (code) sessionStorage.setItem(CODE_KEY, code);
    else sessionStorage.removeItem(CODE_KEY);
  } catch {
    // Storage off: the code lasts as long as the page.
  }
}

async function boot() {
  setLang(initialLang());
  applyStatic();
  drawLangs();
  try {
    digest = await loadDigest(lang());
  } catch (e) {
    showAlert(t("join.content-failed", { error: e.message }));
  }
  $("signin-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const code = $("teacher-code").value.trim();
    if (!code) {
      $("teacher-code").focus();
      return;
    }
    signIn(code);
  });
  $("signout").addEventListener("click", () => signOut());
  const code = readCode();
  if (code) signIn(code);
  else showSignin();
}

function drawLangs() {
  redraw($("langs"), langSwitch((l) => changeLang(l)));
}

async function changeLang(l) {
  try {
    digest = await loadDigest(l);
  } catch (e) {
    showAlert(t("join.content-failed", { error: e.message }));
    return;
  }
  setLang(l);
  storeLang(l);
  applyStatic();
  drawLangs();
  $("langs").querySelector(`[data-lang="${l}"]`)?.focus();
  S.statusText = null;
  setStatus(link.open ? t("status.online") : "");
  draw();
}

function showSignin(error = "") {
  $("console").hidden = true;
  $("signin").hidden = false;
  const el = $("signin-error");
  el.textContent = error;
  el.hidden = !error;
  document.title = `${t("app.title")} · ${t("teacher.title")}`;
}

function signIn(code) {
  S.code = code;
  S.signedIn = false;
  setStatus(t("status.connecting"));
  link.restart();
}

function signOut() {
  link.stop();
  writeCode(null);
  S.code = null;
  S.signedIn = false;
  S.tables = [];
  $("teacher-code").value = "";
  setStatus("");
  showSignin();
  $("teacher-code").focus();
}

function onMessage(msg) {
  if (msg.t === "class") {
    const first = !S.signedIn;
    S.signedIn = true;
    writeCode(S.code);
    S.className = String(msg.class ?? "");
    S.tables = Array.isArray(msg.tables) ? msg.tables : [];
    S.at = performance.now();
    $("signin").hidden = true;
    $("console").hidden = false;
    draw();
    if (first) {
      $("class-heading").setAttribute("tabindex", "-1");
      if (!document.activeElement || document.activeElement === document.body || $("signin").contains(document.activeElement)) {
        $("class-heading").focus();
      }
    }
  } else if (msg.t === "refused") {
    const reason = String(msg.reason ?? "");
    if (!S.signedIn) {
      link.stop();
      writeCode(null);
      S.code = null;
      setStatus("");
      showSignin(t("teacher.refused", { reason }));
      showAlert(t("teacher.refused", { reason }));
      $("teacher-code").focus();
    } else {
      showAlert(t("teacher.refused", { reason }));
    }
  }
}

function steer(table, act) {
  if (!link.send({ t: "steer", table, act })) return;
  hideAlert();
}

// ---------------------------------------------------------------- status and alerts


function setStatus(text) {
  if (text === S.statusText) return;
  S.statusText = text;
  $("status").textContent = text;
}

// ---------------------------------------------------------------- drawing

function draft(key, fallback) {
  return S.drafts.has(key) ? S.drafts.get(key) : fallback;
}

function keep(key) {
  return (e) => S.drafts.set(key, e.target.value);
}

function draw() {
  if (!S.signedIn) return;
  $("class-heading").textContent = t("teacher.class", { name: S.className });
  document.title = `${t("app.title")} · ${t("teacher.title")} · ${S.className}`;
  const tables = S.tables;
  redraw($("tables"),
    h("h2", { class: "sr-only" }, t("teacher.tables")),
    tables.length ? [overview(tables), tables.map(tableBox)] : h("p", { class: "note" }, t("teacher.no-tables")));
  redraw($("results"), results(tables));
  tick();
}

function timerText(status) {
  const timer = status?.timer;
  if (!timer) return "";
  const [secs, running] = timer;
  const left = running ? secs - (performance.now() - S.at) / 1000 : secs;
  return running ? t("t.timer", { time: clock(Math.ceil(left)) }) : t("t.timer-held", { time: clock(left) });
}

function tick() {
  for (const el of document.querySelectorAll("[data-timer]")) {
    const s = S.tables.find((x) => String(x.table) === el.dataset.timer);
    el.textContent = s ? timerText(s.status) : "";
  }
}
setInterval(tick, 1000);

function outcomeText(o) {
  if (o === null || o === undefined) return t("t.in-play");
  if (o === "collapse") return t("t.collapse");
  if (o === "shared") return t("t.tie");
  return t("t.wins", { state: stateName(digest, o) });
}

function statusText(s) {
  const st = s.status || {};
  const parts = [];
  if (!st.started) parts.push(t("t.not-started"));
  else if (st.paused) parts.push(t("t.paused"));
  else parts.push(t("t.started"));
  if (st.reveal) parts.push(t("t.reveal-on"));
  return parts.join(" · ");
}

function button(label, key, onclick, cls = "primary", extra = {}) {
  return h("button", { type: "button", class: cls, dataset: { key }, onclick, ...extra }, label);
}

function tableBox(s) {
  const n = s.table;
  const st = s.status || {};
  const states = digest?.states || [];
  const headId = `tbl-${n}-h`;
  const minutesKey = `min:${n}`;
  const minutesId = `min-${n}`;

  const controls = [];
  if (!st.started) controls.push(button(t("t.start"), `start:${n}`, () => steer(n, { do: "start" }), "primary big"));
  controls.push(st.paused
    ? button(t("t.resume"), `pause:${n}`, () => steer(n, { do: "resume" }), "primary")
    : button(t("t.pause"), `pause:${n}`, () => steer(n, { do: "pause" }), "secondary"));
  controls.push(h("div", { class: "field" },
    h("label", { for: minutesId }, t("t.minutes")),
    h("input", {
      id: minutesId, type: "number", min: "1", max: "120", step: "1", inputmode: "numeric",
      value: draft(minutesKey, "5"), dataset: { key: minutesKey }, oninput: keep(minutesKey),
      onkeydown: (e) => {
        if (e.key === "Enter") setTimer(n, e.target.value);
      },
    })));
  controls.push(button(t("t.set-timer"), `timer:${n}`, () => setTimer(n, $(minutesId)?.value), "secondary"));
  controls.push(button(t("t.extend"), `extend:${n}`, () => steer(n, { do: "extend", secs: 60 }), "secondary"));
  if (st.timer) {
    controls.push(button(st.timer[1] ? t("t.hold") : t("t.run"), `hold:${n}`, () => steer(n, { do: "hold_timer" }), "secondary"));
  }
  controls.push(button(st.reveal ? t("t.unreveal") : t("t.reveal"), `reveal:${n}`,
    () => steer(n, { do: "reveal", on: !st.reveal }), "secondary", { "aria-pressed": st.reveal ? "true" : "false" }));
  // Put an event card on top of the table's next news.
  const injKey = `inj:${n}`;
  const injId = `inj-${n}`;
  const events = (digest?.cards || []).filter((c) => !c.policy);
  if (!s.outcome && events.length) {
    controls.push(h("div", { class: "field" },
      h("label", { for: injId }, t("t.inject-label")),
      h("select", { id: injId, dataset: { key: injKey }, onchange: keep(injKey) },
        events.map((c) => h("option", { value: c.id, selected: c.id === draft(injKey, events[0].id) }, c.title)))));
    controls.push(button(t("t.inject"), `inject:${n}`,
      () => steer(n, { do: "inject", card: $(injId)?.value || events[0].id }), "secondary"));
  }

  const seats = states.map((d, i) => {
    const bot = st.bots?.[i];
    let who;
    if (bot) who = t("seat.bot", { strength: strengthName(bot) });
    else if (st.joined?.[i]) who = t("seat.group");
    else who = t("seat.nobody");
    if (st.joined?.[i] && !bot) who = `${who}, ${st.online?.[i] ? t("seat.online") : t("seat.offline")}`;
    else if (st.joined?.[i]) who = `${who}; ${t("seat.group")}: ${st.online?.[i] ? t("seat.online") : t("seat.offline")}`;
    let orders = "";
    if (s.choosing === d.id) orders = t("t.choosing");
    else if (s.phase === "policy" && s.status?.started && !s.outcome) orders = s.confirmed?.[i] ? t("t.confirmed") : t("t.waiting");
    else if (s.confirmed?.[i]) orders = t("t.confirmed");
    const strKey = `str:${n}:${d.id}`;
    const strId = `str-${n}-${d.id}`;
    return h("tr", { dataset: { state: d.id } },
      h("th", { scope: "row" }, `${d.name} (${d.id})`),
      h("td", { class: bot ? "bot" : "" }, who),
      h("td", { class: s.confirmed?.[i] ? "ok" : "" }, orders),
      h("td", { class: "num" }, String(s.scores?.[i] ?? "")),
      h("td", {}, h("div", { class: "seat-ctl" },
        h("label", { for: strId, class: "sr-only" }, t("t.strength", { state: d.name })),
        h("select", { id: strId, dataset: { key: strKey }, onchange: keep(strKey) },
          STRENGTHS.map((x) => h("option", { value: x, selected: x === draft(strKey, bot || "normal") }, strengthName(x)))),
        button(t("t.bot"), `bot:${n}:${d.id}`, () => steer(n, { do: "bot", state: d.id, strength: $(strId)?.value || "normal" }), "secondary",
          { "aria-label": `${t("t.bot")}: ${d.name}` }),
        button(t("t.group"), `person:${n}:${d.id}`, () => steer(n, { do: "person", state: d.id }), "secondary",
          { "aria-label": `${t("t.group")}: ${d.name}` }),
        button(t("t.free"), `free:${n}:${d.id}`, () => steer(n, { do: "free", state: d.id }), "danger",
          { "aria-label": `${t("t.free")}: ${d.name}`, title: t("t.free-help") }))));
  });

  const code = encodeURIComponent(S.code || "");
  return h("section", { class: "panel tbl", id: `table-${n}`, "aria-labelledby": headId, dataset: { table: String(n), scope: `table:${n}` } },
    h("div", { class: "tbl-head" },
      h("h3", { id: headId, tabindex: "-1", dataset: { focusFallback: "1" } }, t("t.heading", { n })),
      h("span", {}, `${t("t.code")}: `, h("span", { class: "joincode" }, s.code)),
      h("span", { class: "state-line" }, statusText(s)),
      h("span", { class: "pill timer", dataset: { timer: String(n) }, hidden: !st.timer })),
    h("dl", { class: "facts" },
      fact(t("t.round"), `${s.round} / ${s.rounds}`),
      fact(t("t.phase"), phaseName(digest, s.phase)),
      fact(t("t.scenario"), quadrantName(digest, s.scenario)),
      fact(t("t.stability"), String(s.stability)),
      fact(t("t.outcome"), outcomeText(s.outcome)),
      fact(t("t.commands"), String(s.commands ?? 0))),
    h("div", { class: "controls", role: "group", "aria-label": t("t.heading", { n }) }, controls),
    h("div", { class: "table-wrap" },
      h("table", { class: "seats" },
        h("thead", {}, h("tr", {},
          h("th", { scope: "col" }, t("t.seat")),
          h("th", { scope: "col" }, t("t.who")),
          h("th", { scope: "col" }, t("t.orders")),
          h("th", { scope: "col" }, t("t.score")),
          h("th", { scope: "col" }, t("t.actions")))),
        h("tbody", {}, seats))),
    h("p", { class: "links" },
      h("a", { href: `/teacher/save?code=${code}&table=${n}`, download: `table-${n}.ron`, dataset: { key: `save:${n}` } }, t("t.save", { n })),
      h("a", { href: `/?code=${encodeURIComponent(s.code)}&projector=1`, target: "_blank", rel: "noopener", dataset: { key: `proj:${n}` } }, t("t.projector", { n }))));
}

/** Every table in one row each: what a teacher glances at while walking the room. */
function overview(tables) {
  const states = digest?.states || [];
  const confirmedText = (s) => {
    if (s.choosing) return t("o.choosing", { state: stateName(digest, s.choosing) });
    if (s.phase !== "policy" || !s.status?.started || s.outcome) return "—";
    const ids = states.filter((_, i) => s.confirmed?.[i]).map((d) => d.id);
    return t("o.confirmed", { n: ids.length, of: states.length, ids: ids.length ? `: ${ids.join(", ")}` : "" });
  };
  return h("section", { class: "panel overview", "aria-labelledby": "overview-h" },
    h("h2", { id: "overview-h" }, t("o.heading")),
    h("div", { class: "table-wrap" }, h("table", { id: "overview" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, t("results.table")),
        h("th", { scope: "col" }, t("t.code")),
        h("th", { scope: "col" }, t("t.round")),
        h("th", { scope: "col" }, t("t.phase")),
        h("th", { scope: "col" }, t("o.orders")),
        h("th", { scope: "col" }, t("t.stability")),
        h("th", { scope: "col" }, t("t.scenario")),
        h("th", { scope: "col" }, t("t.status")),
        h("th", { scope: "col" }, t("t.outcome")))),
      h("tbody", {}, tables.map((s) => h("tr", { dataset: { table: String(s.table) } },
        h("th", { scope: "row" }, h("a", { href: `#table-${s.table}`, dataset: { key: `go:${s.table}` } }, t("t.heading", { n: s.table }))),
        h("td", { class: "joincode-small" }, s.code),
        h("td", { class: "num" }, `${s.round} / ${s.rounds}`),
        h("td", {}, phaseName(digest, s.phase)),
        h("td", {}, confirmedText(s)),
        h("td", { class: "num" }, String(s.stability)),
        h("td", {}, quadrantName(digest, s.scenario)),
        h("td", {}, statusText(s), s.status?.timer ? h("span", { class: "timer-text", dataset: { timer: String(s.table) } }) : null),
        h("td", {}, outcomeText(s.outcome))))))));
}

function fact(name, value) {
  return h("div", {}, h("dt", {}, `${name}:`), h("dd", {}, value));
}

function setTimer(n, value) {
  const minutes = Math.round(Number(value));
  if (!Number.isFinite(minutes) || minutes <= 0) return;
  steer(n, { do: "timer", secs: Math.min(minutes, 600) * 60 });
}

// ---------------------------------------------------------------- the class's results

function results(tables) {
  const states = digest?.states || [];
  const postures = digest?.postures || [];
  const rounds = Math.max(0, ...tables.map((s) => s.rounds || 0));
  const rr = Array.from({ length: rounds }, (_, r) => r);
  const code = encodeURIComponent(S.code || "");
  const roundName = (r) => t("hdr.round", { round: r + 1, rounds });
  const roundHead = () => rr.map((r) => h("th", { scope: "col" }, h("abbr", { title: roundName(r) }, t("results.round", { n: r + 1 }))));
  // Postures round by round are one letter each (with a legend), when their first letters
  // differ: fourteen rounds then fit a screen.
  const letters = postures.map((p) => (p.name || p.id).charAt(0).toUpperCase());
  const short = new Set(letters).size === letters.length;
  const postureOf = (s, seat, r) => {
    const id = s.postures?.[seat]?.[r];
    const k = postures.findIndex((x) => x.id === id);
    if (k < 0) return id ? String(id) : t("results.none");
    return short ? h("abbr", { title: postures[k].name }, letters[k]) : postures[k].name;
  };
  return [
    h("h2", { id: "results-heading" }, t("results.heading")),
    h("p", {}, h("a", { href: `/teacher/results.csv?code=${code}`, download: "class-results.csv", class: "button secondary", dataset: { key: "csv" } }, t("results.csv"))),
    h("h3", { id: "results-summary-h" }, t("results.summary")),
    h("div", { class: "table-wrap" }, h("table", { id: "results-summary", "aria-labelledby": "results-summary-h" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, t("results.table")),
        h("th", { scope: "col" }, t("t.outcome")),
        h("th", { scope: "col" }, t("t.round")),
        h("th", { scope: "col" }, t("t.stability")),
        states.map((d) => h("th", { scope: "col" }, d.name)))),
      h("tbody", {}, tables.map((s) => h("tr", {},
        h("th", { scope: "row" }, t("t.heading", { n: s.table })),
        h("td", {}, outcomeText(s.outcome)),
        h("td", { class: "num" }, `${s.round} / ${s.rounds}`),
        h("td", { class: "num" }, String(s.stability)),
        states.map((_, i) => h("td", { class: "num" }, `${s.scores?.[i] ?? ""}%`))))))),
    // Scenarios: the tables side by side, a round a row.
    h("h3", { id: "results-scenarios-h" }, t("results.scenarios")),
    h("div", { class: "table-wrap" }, h("table", { id: "results-scenarios", "aria-labelledby": "results-scenarios-h" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("t.round")), tables.map((s) => h("th", { scope: "col" }, t("t.heading", { n: s.table }))))),
      h("tbody", {}, rr.filter((r) => tables.some((s) => s.scenarios?.[r])).map((r) => h("tr", {},
        h("th", { scope: "row" }, String(r + 1)),
        tables.map((s) => h("td", {}, s.scenarios?.[r] ? quadrantName(digest, s.scenarios[r]) : t("results.none")))))))),
    h("h3", { id: "results-postures-h" }, t("results.postures")),
    short ? h("p", { class: "help" }, postures.map((p, k) => `${letters[k]}: ${p.name}`).join(" · ")) : null,
    h("div", { class: "table-wrap" }, h("table", { id: "results-postures", class: "compact", "aria-labelledby": "results-postures-h" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("results.table")), h("th", { scope: "col" }, t("t.seat")), roundHead())),
      h("tbody", {}, tables.flatMap((s) => states.map((d, i) => h("tr", { class: i === 0 ? "group-start" : "" },
        i === 0 ? h("th", { scope: "rowgroup", rowspan: String(states.length) }, t("t.heading", { n: s.table })) : null,
        h("th", { scope: "row" }, d.name),
        rr.map((r) => h("td", { class: "mark" }, postureOf(s, i, r))))))))),
  ];
}

boot();
