// The page a group's device or the projector opens (`/`): the join form, then the table
// as this connection may see it (a seat's own hand, orders and options; or the public
// view), drawn afresh from each view the host sends. Orders go back as commands.
//
//   /                          the join form (code, state or projector, language)
//   /?code=K7QMXP              the form with the code filled in
//   /?code=K7QMXP&projector=1  joins that table as the projector at once

import {
  t, h, redraw, applyStatic, setLang, lang, initialLang, storeLang, loadDigest, Link,
  phaseName, quadrantName, strengthName, clock, stateName, closedText, orderParts,
  orderName, langSwitch, showAlert, hideAlert,
} from "./class.js";

const params = new URLSearchParams(location.search);
// A group's seat is kept across reloads on this device; a projector tab keeps its own in
// the tab (so the teacher's machine can open a projector without forgetting anything).
const TOKEN_KEY = "amu-class-token";
const PROJECTOR_KEY = "amu-class-projector-token";

const $ = (id) => document.getElementById(id);

let digest = null;
const S = {
  intent: null, // {kind:"join", code, state} or {kind:"resume", token, projector}
  joined: null, // the host's `joined`
  msg: null, // the latest `view` message
  viewAt: 0, // performance.now() when it came
  seq: 0,
  journal: "", // the journal line being written for the next confirm
  pending: null, // {seq, at, ok, moved, timer}
  statusText: "",
  lost: false,
  othersOpen: false, // whether the list of other states' actions is open
  focusGame: false, // move the focus into the table at the next drawing
};

const link = new Link({
  onOpen: () => {
    S.lost = false;
    const i = S.intent;
    if (!i) return;
    if (i.kind === "join") link.send({ t: "join", code: i.code, state: i.state, lang: lang() });
    else link.send({ t: "resume", token: i.token, lang: lang() });
    status();
  },
  onMessage: (msg) => onMessage(msg),
  onDown: (secs) => {
    S.lost = true;
    S.pending = null;
    setStatus(t("status.lost", { secs }));
  },
});

// ---------------------------------------------------------------- stored seats

function readStored(storage, key) {
  try {
    const v = storage.getItem(key);
    if (!v) return null;
    const rec = JSON.parse(v);
    return rec && typeof rec.token === "string" ? rec : null;
  } catch {
    return null;
  }
}

function writeStored(storage, key, rec) {
  try {
    if (rec) storage.setItem(key, JSON.stringify(rec));
    else storage.removeItem(key);
  } catch {
    // Storage may be off; the seat then lasts as long as the page.
  }
}

const isProjectorLink = () => params.get("projector") === "1" && !!params.get("code");

// ---------------------------------------------------------------- start

async function boot() {
  setLang(initialLang());
  applyStatic();
  drawLangs();
  try {
    digest = await loadDigest(lang());
  } catch (e) {
    showJoin();
    joinError(t("join.content-failed", { error: e.message }));
    return;
  }
  drawStateChoices();
  $("join-form").addEventListener("submit", (e) => {
    e.preventDefault();
    submitJoin();
  });
  const code = (params.get("code") || "").trim().toUpperCase();
  $("code").value = code;
  if (isProjectorLink()) {
    const rec = readStored(sessionStorage, PROJECTOR_KEY);
    if (rec && rec.code === code) connect({ kind: "resume", token: rec.token, projector: true });
    else connect({ kind: "join", code, state: null });
    return;
  }
  const rec = readStored(localStorage, TOKEN_KEY);
  if (rec && (!code || code === rec.code)) {
    connect({ kind: "resume", token: rec.token, projector: false });
    return;
  }
  showJoin();
}

function drawLangs() {
  redraw($("langs"), langSwitch((l) => changeLang(l)));
}

async function changeLang(l) {
  let next;
  try {
    next = await loadDigest(l);
  } catch (e) {
    showAlert(t("join.content-failed", { error: e.message }));
    return;
  }
  setLang(l);
  storeLang(l);
  digest = next;
  applyStatic();
  drawLangs();
  drawStateChoices();
  $("langs").querySelector(`[data-lang="${l}"]`)?.focus();
  // The host writes the log in the connection's language: take the seat back in the new one.
  if (S.joined && S.intent?.kind === "resume") link.restart();
  drawWhere();
  draw();
  status(true);
}

// ---------------------------------------------------------------- the join form

function drawStateChoices() {
  const box = $("state-choices");
  const picked = box.querySelector("input:checked")?.value;
  const wantProjector = params.get("projector") === "1";
  const options = (digest?.states || []).map((s) => ({ value: s.id, label: `${s.name} (${s.id})` }));
  options.push({ value: "", label: t("join.projector"), cls: "projector-choice" });
  redraw(
    box,
    options.map((o, i) =>
      h(
        "label",
        { class: `choice ${o.cls || ""}` },
        h("input", {
          type: "radio",
          name: "state",
          value: o.value,
          id: `state-${i}`,
          dataset: { key: `state:${o.value || "projector"}` },
          checked: picked !== undefined ? picked === o.value : wantProjector && o.value === "",
        }),
        h("span", {}, o.label),
      ),
    ),
  );
}

function showJoin() {
  $("game").hidden = true;
  $("join").hidden = false;
  $("where").textContent = "";
  document.title = t("app.title");
  setStatus("");
}

function joinError(text) {
  const el = $("join-error");
  el.textContent = text;
  el.hidden = !text;
  if (text) showAlert(text);
}

function submitJoin() {
  const code = $("code").value.trim().toUpperCase();
  const picked = $("state-choices").querySelector("input:checked");
  if (!code) {
    joinError(t("join.need-code"));
    $("code").focus();
    return;
  }
  if (!picked) {
    joinError(t("join.need-state"));
    $("state-choices").querySelector("input")?.focus();
    return;
  }
  joinError("");
  connect({ kind: "join", code, state: picked.value || null });
}

function connect(intent) {
  S.intent = intent;
  S.joined = null;
  S.msg = null;
  S.pending = null;
  setStatus(t("status.connecting"));
  link.restart();
}

// ---------------------------------------------------------------- messages

function onMessage(msg) {
  switch (msg.t) {
    case "joined":
      onJoined(msg);
      break;
    case "view":
      onView(msg);
      break;
    case "ok":
      if (S.pending && msg.seq === S.pending.seq) {
        S.pending.ok = true;
        if (S.pending.moved) clearPending();
      }
      break;
    case "refused":
      onRefused(msg);
      break;
    default:
      break;
  }
}

function onJoined(msg) {
  const projector = msg.state === null || msg.state === undefined;
  const rec = { token: msg.token, code: msg.code, state: msg.state ?? null, table: msg.table };
  if (projector) writeStored(sessionStorage, PROJECTOR_KEY, rec);
  else writeStored(localStorage, TOKEN_KEY, rec);
  S.joined = msg;
  S.seq = Number(msg.seq) || 0;
  S.intent = { kind: "resume", token: msg.token, projector };
  $("join").hidden = true;
  $("game").hidden = false;
  hideAlert();
  document.body.classList.toggle("projector", projector);
  // The projector's type grows with the screen (class.css), so 1920×1080 reads as 1280×720.
  document.documentElement.classList.toggle("projector", projector);
  drawWhere();
  S.focusGame = true;
  draw();
  status();
}

/** The top bar's "Table 1 · You play Tajikistan", and the window's title. */
function drawWhere() {
  const msg = S.joined;
  if (!msg) return;
  const where = msg.state === null || msg.state === undefined
    ? `${t("hdr.table", { n: msg.table })} · ${t("hdr.projector")}`
    : `${t("hdr.table", { n: msg.table })} · ${t("hdr.you", { state: stateName(digest, msg.state) })}`;
  $("where").textContent = `· ${where}`;
  document.title = `${t("app.title")} · ${where}`;
}

function onView(msg) {
  S.msg = msg;
  S.viewAt = performance.now();
  // The host answers a command with `ok`, then the view it led to.
  if (S.pending) {
    if (S.pending.ok) clearPending();
    else if (msg.at !== S.pending.at) S.pending.moved = true;
  }
  draw();
  status();
}

/** How far a value moved, or null when that is not known. */
function changeOf(base, now) {
  return Number.isFinite(base) && Number.isFinite(now) ? now - base : null;
}

/**
 * How much a track moved over the last round played, as the desktop window tells it: the
 * end of the last round in the view's history against the end of the one before (for the
 * first round, against the tracks the game started with, from the digest). None before a
 * round was played.
 */
function lastRoundChange(pick, start) {
  const h = S.msg?.view?.history || [];
  if (!h.length) return null;
  const before = h.length >= 2 ? pick(h[h.length - 2]) : start;
  return changeOf(before, pick(h[h.length - 1]));
}

function seatChange(seat, k) {
  return lastRoundChange((row) => row.seats?.[seat]?.[k], digest?.start?.seats?.[seat]?.[k]);
}

function sharedChange(k) {
  return lastRoundChange((row) => row.shared?.[k], digest?.start?.shared?.[k]);
}

function onRefused(msg) {
  const reason = String(msg.reason ?? "");
  if (msg.seq !== null && msg.seq !== undefined) {
    if (S.pending && S.pending.seq === msg.seq) clearPending();
    showAlert(t("status.refused", { reason }));
    draw();
    return;
  }
  if (!S.joined) {
    // The join or the resume was refused: back to the form.
    const wasResume = S.intent?.kind === "resume";
    const projector = S.intent?.projector;
    link.stop();
    S.intent = null;
    if (wasResume) {
      writeStored(projector ? sessionStorage : localStorage, projector ? PROJECTOR_KEY : TOKEN_KEY, null);
    }
    if (wasResume && projector && isProjectorLink()) {
      // A projector link joins afresh when its old token is no longer known.
      connect({ kind: "join", code: (params.get("code") || "").trim().toUpperCase(), state: null });
      return;
    }
    showJoin();
    joinError(wasResume ? t("join.resume-refused", { reason }) : t("join.refused", { reason }));
    return;
  }
  showAlert(t("status.refused", { reason }));
}

// ---------------------------------------------------------------- commands

function me() {
  const id = S.joined?.state;
  if (!id || !digest) return null;
  const i = digest.states.findIndex((s) => s.id === id);
  return i >= 0 ? i : null;
}

function clearPending() {
  if (S.pending) clearTimeout(S.pending.timer);
  S.pending = null;
  draw();
}

/** Send a command for this seat; one at a time, each decided on the latest view. */
function command(cmd, journal) {
  if (S.pending || !S.msg || !S.joined?.state) return;
  const seq = S.seq + 1;
  const at = S.msg.at;
  const msg = { t: "cmd", seq, at, cmd };
  // A confirm takes the group's journal line with it (optional, one line).
  const line = (journal || "").trim();
  if (line) msg.journal = line;
  if (!link.send(msg)) return;
  S.seq = seq;
  if (cmd.Confirm) S.journal = "";
  hideAlert();
  S.pending = { seq, at, ok: false, moved: false, timer: setTimeout(() => clearPending(), 4000) };
  draw();
}

function orderCommand(order) {
  const state = S.joined.state;
  const [kind, i] = orderParts(order);
  if (kind === "Posture") return { SetPosture: { state, posture: digest.postures[i].id } };
  if (kind === "Action") return { Act: { state, action: digest.actions[i].id } };
  if (kind === "Card") return { Play: { state, card: digest.cards[i].id } };
  return null;
}

// ---------------------------------------------------------------- alerts and status


function setStatus(text) {
  if (text === S.statusText) return;
  S.statusText = text;
  $("status").textContent = text;
}

/** The one-line status (read out by screen readers when it changes). */
function status(force = false) {
  if (force) S.statusText = null;
  if (S.lost) return;
  if (!S.joined) {
    if (S.intent) setStatus(t("status.connecting"));
    return;
  }
  const msg = S.msg;
  if (!msg) {
    setStatus(t("status.online"));
    return;
  }
  const v = msg.view;
  const st = msg.status || {};
  const seat = me();
  if (v.outcome) setStatus(t("status.over"));
  else if (!st.started) setStatus(t("status.waiting"));
  else if (st.paused) setStatus(`${t("status.paused")}. ${t("status.paused-detail")}`);
  else if (seat !== null && v.choice) setStatus(t("status.choice"));
  else if (v.awaiting && typeof v.awaiting === "object" && "Choice" in v.awaiting) {
    setStatus(t("status.others-choice", { state: stateName(digest, v.awaiting.Choice) }));
  } else if (seat !== null && v.own?.can_confirm) setStatus(t("status.your-turn"));
  else if (seat !== null && v.seats?.[seat]?.confirmed) setStatus(t("status.confirmed"));
  else if (Array.isArray(v.awaiting?.Policy) && v.awaiting.Policy.length) {
    setStatus(t("status.awaiting", { states: v.awaiting.Policy.map((i) => stateName(digest, i)).join(", ") }));
  } else setStatus(t("status.playing"));
}

// ---------------------------------------------------------------- drawing

function draw() {
  const root = $("game");
  if (!S.joined || !digest) return;
  const msg = S.msg;
  if (!msg) {
    redraw(root, h("p", { class: "note" }, t("status.waiting")));
    return;
  }
  const v = msg.view;
  const st = msg.status || {};
  const seat = me();
  const parts = [bar(msg)];
  if (st.paused) {
    parts.push(
      h("div", { class: "paused", id: "paused" },
        h("p", { class: "paused-title" }, t("status.paused")),
        h("p", {}, t("status.paused-detail"))),
    );
  }
  if (!st.started && !v.outcome) parts.push(h("p", { class: "waiting" }, t("status.waiting")));
  if (v.outcome) parts.push(outcomeBox(v));
  if (seat !== null) {
    parts.push(
      h("div", { class: "cols" },
        h("div", { class: "col-main" }, mine(msg, seat)),
        h("div", { class: "col-side" }, v.own ? handBox(v.own, held(msg)) : null, newsBox(v), sharedBox(v))),
      statesBox(msg, seat),
      h("div", { class: "cols even" }, h("div", {}, tokensBox(v), revealedBox(v)), h("div", {}, logBox(msg))),
    );
  } else {
    parts.push(
      statesBox(msg, null),
      msg.hands ? handsBox(msg.hands) : null,
      h("div", { class: "cols even" }, h("div", {}, newsBox(v), revealedBox(v)), h("div", {}, sharedBox(v), tokensBox(v))),
      logBox(msg),
    );
  }
  const logWasAtEnd = logAtEnd();
  const logTop = $("log-box")?.scrollTop ?? 0;
  const before = motionBefore(root);
  redraw(root, parts);
  motionAfter(root, before);
  if (S.focusGame) {
    // After joining, the form's button is gone: go on from the top of the table.
    S.focusGame = false;
    const first = $("mine-h") || $("states-h");
    const active = document.activeElement;
    if (first && (!active || active === document.body || $("join").contains(active))) {
      first.setAttribute("tabindex", "-1");
      first.focus({ preventScroll: true });
    }
  }
  const box = $("log-box");
  if (box) box.scrollTop = logWasAtEnd ? box.scrollHeight : logTop;
  tick();
}

/**
 * What moves on the page before a drawing: each bar's width as shown now (mid-slide, if it
 * is sliding), and each news card's arrival, if it is still fading in.
 */
function motionBefore(root) {
  const bars = new Map();
  for (const fill of root.querySelectorAll(".meter-fill[data-bar]")) {
    const whole = fill.parentElement.getBoundingClientRect().width;
    bars.set(fill.dataset.bar, whole > 0 ? (fill.getBoundingClientRect().width / whole) * 100 : Number(fill.dataset.pct));
  }
  const news = new Map();
  for (const card of root.querySelectorAll(".news-card[data-card]")) {
    const running = card.getAnimations?.().find((a) => a.playState === "running");
    news.set(card.dataset.card, running ? Number(running.currentTime) || 0 : null);
  }
  return { bars, news };
}

/**
 * After a drawing: a bar whose value changed slides from its old width to its new one, and
 * a news card not shown before fades in (class.css; neither under reduced motion). The
 * page is drawn afresh from each view, so the old widths come from `motionBefore`.
 */
function motionAfter(root, before) {
  const moving = [];
  for (const fill of root.querySelectorAll(".meter-fill[data-bar]")) {
    const was = before.bars.get(fill.dataset.bar);
    const pct = Number(fill.dataset.pct);
    if (was === undefined || Math.abs(was - pct) < 0.5) continue;
    fill.style.width = `${was}%`;
    moving.push([fill, pct]);
  }
  if (moving.length) {
    void root.offsetWidth; // lay the old widths out, so the change to the new ones slides
    for (const [fill, pct] of moving) fill.style.width = `${pct}%`;
  }
  for (const card of root.querySelectorAll(".news-card[data-card]")) {
    const id = card.dataset.card;
    if (before.news.has(id) && before.news.get(id) === null) continue;
    card.classList.add("arrived");
    // A card drawn again while it fades in goes on from where it was.
    if (before.news.get(id)) card.style.animationDelay = `-${Math.round(before.news.get(id))}ms`;
  }
}

function logAtEnd() {
  const box = $("log-box");
  if (!box) return true;
  return box.scrollTop + box.clientHeight >= box.scrollHeight - 8;
}

/** The current scenario: worked out from the shared tracks, else the last round's. */
function scenario(v) {
  if (S.msg?.scenario) return S.msg.scenario;
  const idx = (id) => digest.tracks.findIndex((tr) => tr.id === id);
  const s = idx("taliban_strength");
  const c = idx("taliban_course");
  const inv = idx("involvement");
  if (s >= 0 && c >= 0 && inv >= 0 && v.shared?.length > Math.max(s, c, inv)) {
    // The thresholds of the core rules (`quadrants` in assets/rules/core.ron).
    if (v.shared[s] >= 5) return v.shared[c] >= 6 ? "StrongRadical" : "StrongModerate";
    return v.shared[inv] >= 5 ? "WeakProxy" : "WeakContained";
  }
  const last = v.history?.[v.history.length - 1];
  return last ? last.quadrant : null;
}

function bar(msg) {
  const v = msg.view;
  const q = scenario(v);
  return h("div", { class: "bar", id: "bar" },
    h("span", { class: "pill strong", id: "round" }, t("hdr.round", { round: v.round, rounds: digest.rounds })),
    h("span", { class: "pill", id: "phase" }, t("hdr.phase", { phase: phaseName(digest, v.phase) })),
    q ? h("span", { class: "pill", id: "scenario" }, t("hdr.scenario", { name: quadrantName(digest, q) })) : null,
    h("span", { class: "pill timer", id: "timer", role: "timer", "aria-live": "off", hidden: !msg.status?.timer }),
  );
}

/** The timer counts down here between views. */
function tick() {
  const el = $("timer");
  const timer = S.msg?.status?.timer;
  if (!el) return;
  if (!timer) {
    el.hidden = true;
    return;
  }
  const [secs, running] = timer;
  const left = running ? secs - (performance.now() - S.viewAt) / 1000 : secs;
  el.hidden = false;
  el.classList.toggle("up", left <= 0);
  el.classList.toggle("low", left > 0 && left <= 60);
  if (left <= 0 && running) el.textContent = t("hdr.timer-up");
  else el.textContent = running ? t("hdr.timer", { time: clock(Math.ceil(left)) }) : t("hdr.timer-held", { time: clock(left) });
}
setInterval(tick, 1000);

function heading(level, text, attrs = {}) {
  return h(`h${level}`, attrs, text);
}

/** A button that stays in the tab order when it cannot be used, and says why. */
function actButton(label, { key, why, onAct, cls = "", pressed, describedby }) {
  const busy = !!S.pending;
  return h("button", {
    type: "button",
    class: `act ${cls}`,
    dataset: { key },
    "aria-disabled": why || busy ? "true" : null,
    "aria-pressed": pressed === undefined ? null : pressed ? "true" : "false",
    "aria-describedby": describedby || null,
    onclick: () => {
      if (why) {
        showAlert(t("status.closed-reason", { reason: why }));
        return;
      }
      if (S.pending) return;
      onAct();
    },
  }, label);
}

// ---------------------------------------------------------------- a seat's own part

/** What stops orders for now, if anything. */
function held(msg) {
  const st = msg.status || {};
  if (msg.view.outcome) return t("status.over");
  if (!st.started) return t("status.waiting");
  if (st.paused) return t("status.paused");
  return "";
}

function mine(msg, seat) {
  const v = msg.view;
  const own = v.own;
  const box = h("section", { class: "panel mine", id: "mine", "aria-labelledby": "mine-h", dataset: { scope: "mine" } });
  box.appendChild(heading(2, `${t("own.heading")}: ${stateName(digest, seat)}`, { id: "mine-h", tabindex: "-1", dataset: { focusFallback: "1" } }));
  const held_ = held(msg);

  if (v.choice) box.appendChild(choiceBox(v.choice, held_));
  if (!own) return box;

  const posture = digest.postures[own.posture]?.name ?? "";
  box.appendChild(h("div", { class: "points" },
    h("p", { class: "big-number", id: "points" }, t("own.points", { n: own.points_left })),
    h("p", {}, t("own.posture-now", { name: posture }))));

  const orders = own.orders || [];
  box.appendChild(h("div", { class: "orders" },
    h("h3", {}, t("own.orders")),
    orders.length
      ? h("ol", { id: "orders" }, orders.map((o) => h("li", {}, orderName(digest, o))))
      : h("p", { id: "orders", class: "note" }, t("own.orders-none"))));

  const options = own.options || [];
  const due = options.length > 0 || own.can_confirm;
  if (due) {
    box.appendChild(h("div", { class: "decide" },
      actButton(t("own.undo"), { key: "undo", why: held_ || (!own.can_undo ? t("own.orders-none") : ""), onAct: () => command({ Undo: { state: S.joined.state } }) }),
      own.can_confirm ? h("label", { class: "journal", for: "journal" }, t("own.journal"),
        h("input", {
          type: "text", id: "journal", maxlength: "200", dataset: { key: "journal" },
          placeholder: t("own.journal-placeholder"), value: S.journal || "",
          oninput: (e) => { S.journal = e.target.value; },
          onfocus: (e) => { const n = e.target.value.length; e.target.setSelectionRange(n, n); },
        })) : null,
      actButton(t("own.confirm"), { key: "confirm", cls: "confirm", why: held_ || (!own.can_confirm ? t("own.done") : ""), describedby: "confirm-help", onAct: () => command({ Confirm: { state: S.joined.state } }, S.journal) }),
      h("p", { class: "help", id: "confirm-help" }, t("own.confirm-help"))));
  } else {
    const done = v.seats?.[seat]?.confirmed && v.phase === "Policy";
    box.appendChild(h("p", { class: "note", id: "not-due" }, done ? t("own.done") : t("own.not-due")));
  }

  if (options.length) {
    const postures = options.filter((o) => orderParts(o.order)[0] === "Posture");
    const actions = options.filter((o) => orderParts(o.order)[0] === "Action");
    box.appendChild(h("h3", {}, t("own.posture")));
    const locked = postures.map((o) => closedText(o.closed)).find((x) => x) || "";
    box.appendChild(h("div", { class: "postures" }, postures.map((o) => {
      const i = orderParts(o.order)[1];
      const p = digest.postures[i];
      const id = `posture-text-${i}`;
      return h("div", { class: "option" },
        actButton(p?.name ?? `#${i}`, {
          key: `opt:Posture:${i}`,
          why: held_ || closedText(o.closed),
          pressed: own.posture === i,
          describedby: locked ? `${id} posture-why` : id,
          onAct: () => command(orderCommand(o.order)),
        }),
        h("p", { class: "help", id }, p?.text || ""));
    })));
    if (locked) box.appendChild(h("p", { class: "why", id: "posture-why" }, locked));

    const mineOnly = actions.filter((o) => !(o.closed && (o.closed === "OnlyFor" || (typeof o.closed === "object" && "OnlyFor" in o.closed))));
    const others = actions.filter((o) => !mineOnly.includes(o));
    const actionRow = (o) => {
      const i = orderParts(o.order)[1];
      const a = digest.actions[i];
      const id = `action-text-${i}`;
      const why = closedText(o.closed);
      return h("li", { class: `option ${o.closed ? "closed" : "open"}` },
        actButton([h("span", { class: "name" }, a?.name ?? `#${i}`), h("span", { class: "cost" }, t("own.cost", { n: o.cost }))], {
          key: `opt:Action:${i}`,
          why: held_ || why,
          describedby: id,
          onAct: () => command(orderCommand(o.order)),
        }),
        h("p", { class: "help", id }, a?.text || "", why ? h("span", { class: "why" }, ` ${why}`) : null));
    };
    box.appendChild(h("h3", {}, t("own.actions")));
    box.appendChild(h("ul", { class: "actions", id: "actions" }, mineOnly.map(actionRow)));
    if (others.length) {
      box.appendChild(h("details", { class: "others", open: S.othersOpen, ontoggle: (e) => { S.othersOpen = e.target.open; } },
        h("summary", { dataset: { key: "others" } }, t("own.only-others", { n: others.length })),
        h("ul", { class: "actions" }, others.map(actionRow))));
    }
  }

  return box;
}

function choiceBox(choice, held) {
  const c = digest.choices[choice.choice];
  const card = choice.card !== null && choice.card !== undefined ? digest.cards[choice.card] : null;
  // Drawn as a card: the heading in its band, the prompt, the options as buttons.
  return h("div", { class: "card choice-box", id: "choice" },
    h("div", { class: "card-head" }, h("h3", { class: "card-title" }, t("own.choice"))),
    h("div", { class: "card-body" },
      card ? h("p", { class: "note" }, t("own.choice-card", { card: card.title })) : null,
      h("p", { class: "prompt" }, c?.prompt ?? ""),
      h("div", { class: "choice-options" }, (c?.options || []).map((label, k) =>
        actButton(label, {
          key: `choose:${k}`,
          why: held,
          onAct: () => command({ Choose: { state: S.joined.state, option: k } }),
        })))));
}

/** A card's text, its note (smaller, in italics) and, at its foot, its source. */
function cardBody(card) {
  return [
    h("p", { class: "card-text" }, card.text),
    card.note ? h("p", { class: "card-note" }, card.note) : null,
    card.source ? h("p", { class: "card-source" }, t("card.source", { source: card.source })) : null,
  ];
}

function handBox(own, heldWhy) {
  const hand = own.hand || [];
  const options = own.options || [];
  const box = h("section", { class: "panel hand", id: "hand", "aria-labelledby": "hand-h", dataset: { scope: "hand" } },
    heading(2, t("own.hand"), { id: "hand-h", tabindex: "-1", dataset: { focusFallback: "1" } }));
  if (!hand.length) {
    box.appendChild(h("p", { class: "note" }, t("own.hand-empty")));
    return box;
  }
  const list = h("ul", { class: "cards" });
  hand.forEach((id, k) => {
    const card = digest.cards[id];
    if (!card) return;
    const opt = options.find((o) => {
      const [kind, i] = orderParts(o.order);
      return kind === "Card" && i === id;
    });
    const first = hand.indexOf(id) === k; // a card held twice gets one button
    const why = opt ? closedText(opt.closed) : "";
    list.appendChild(h("li", { class: "card", dataset: { card: String(id) } },
      h("div", { class: "card-head" },
        h("h4", { class: "card-title" }, card.title),
        h("span", { class: "cost" }, t("own.cost", { n: card.cost }))),
      h("div", { class: "card-body" },
        cardBody(card),
        opt && first
          ? h("div", { class: "card-act" },
            actButton(t("own.play", { title: card.title }), {
              key: `opt:Card:${id}`,
              why: heldWhy || why,
              onAct: () => command(orderCommand(opt.order)),
            }),
            why ? h("p", { class: "why" }, why) : null)
          : null)));
  });
  box.appendChild(list);
  return box;
}

// ---------------------------------------------------------------- the public part

function outcomeBox(v) {
  const o = v.outcome;
  const scores = o.scores || [];
  let headline;
  if (o.collapse) headline = t("outcome.collapse");
  else if (o.winner !== null && o.winner !== undefined) headline = t("outcome.winner", { state: stateName(digest, o.winner) });
  else headline = t("outcome.tie");
  const order = scores.map((s, i) => [s, i]).sort((a, b) => b[0] - a[0]);
  return h("section", { class: "panel outcome", id: "outcome", "aria-labelledby": "outcome-h" },
    heading(2, t("outcome.heading"), { id: "outcome-h" }),
    h("p", { class: "headline" }, headline),
    h("p", { id: "outcome-scores" }, t("outcome.scores")),
    h("ol", { class: "scores", "aria-labelledby": "outcome-scores" }, order.map(([s, i]) => h("li", {}, `${stateName(digest, i)}: ${s}%`))));
}

/**
 * Whether track `i` is each state's (not the region's): the digest marks the region's
 * `shared` (the pages come with the host, so its digest always says).
 */
function isPerState(i) {
  const tr = digest.tracks[i];
  return !!tr && !tr.shared;
}

/** A track's least and most, from the digest. */
function trackRange(i) {
  return digest.tracks[i].range;
}

/**
 * The per-state tracks in the order a state's card shows them: those of their own first
 * (security, economy, autonomy), then the ties and the dependencies, each group under a
 * small heading with the powers' names (`ties_russia` → "Russia" under "Ties").
 */
function trackGroups() {
  const groups = [{ key: "own", heading: null, tracks: [] }, { key: "ties", heading: t("track.ties"), tracks: [] },
    { key: "dep", heading: t("track.dep"), tracks: [] }];
  digest.tracks.forEach((tr, i) => {
    if (!isPerState(i)) return;
    const m = /^(ties|dep)_(.+)$/.exec(tr.id);
    const power = m ? (digest.powers || []).find((p) => p.id === m[2]) : null;
    if (power) groups.find((g) => g.key === m[1]).tracks.push({ i, label: power.name });
    else groups[0].tracks.push({ i, label: tr.name });
  });
  return groups.filter((g) => g.tracks.length);
}

/**
 * One track as a labelled bar: its name, its value, and its change over the last round played
 * ("▲2"; none before a round was played). A screen reader hears it all in words from the bar's
 * label ("Security 6 of 10, up 2 over the last round"). `key` names the bar from one drawing
 * to the next, so a changed value slides to its new width (motionAfter).
 */
function meter(key, label, name, value, range, change) {
  const [min, max] = range;
  const pct = Math.min(100, Math.max(0, ((value - min) / (max - min)) * 100));
  let words = t("track.value", { name, value, max });
  if (change !== null) {
    if (change > 0) words += `, ${t("track.up", { n: change })}`;
    else if (change < 0) words += `, ${t("track.down", { n: -change })}`;
    else words += `, ${t("track.same")}`;
  }
  const fill = h("span", { class: "meter-fill", dataset: { bar: key, pct: String(pct) } });
  fill.style.width = `${pct}%`;
  const moved = change ? (change > 0 ? `▲${change}` : `▼${-change}`) : "";
  return h("li", { class: "meter" },
    h("span", { class: "meter-name", "aria-hidden": "true" }, label),
    h("span", { class: "meter-num", "aria-hidden": "true" }, String(value)),
    h("span", { class: "delta", "aria-hidden": "true" }, moved),
    h("span", { class: "meter-bar", role: "img", "aria-label": words }, fill));
}

/**
 * The five states as cards side by side, a game board's seats: each with its colour, its
 * posture, who plays it and whether its orders are in, its score, and its tracks as bars.
 */
function statesBox(msg, mySeat) {
  const v = msg.view;
  const st = msg.status || {};
  const seats = v.seats || [];
  const choosing = v.awaiting && typeof v.awaiting === "object" && "Choice" in v.awaiting ? v.awaiting.Choice : null;
  const due = v.awaiting && typeof v.awaiting === "object" && Array.isArray(v.awaiting.Policy) ? v.awaiting.Policy : [];
  const groups = trackGroups();
  const who = (i) => {
    const bot = st.bots?.[i];
    if (bot) return t("seat.bot", { strength: strengthName(bot) });
    if (st.joined?.[i]) return `${t("seat.group")}, ${st.online?.[i] ? t("seat.online") : t("seat.offline")}`;
    return t("seat.nobody");
  };
  // Whether its orders are in: [text, class].
  const orders = (s, i) => {
    if (choosing === i) return [t("seat.choosing"), "busy"];
    if (s.confirmed) return [t("seat.confirmed"), "ok"];
    if (due.includes(i)) return [t("seat.deciding"), "busy"];
    return ["—", ""];
  };
  const card = (s, i) => {
    const [ordersText, ordersCls] = orders(s, i);
    const posture = digest.postures[s.posture]?.name ?? "";
    return h("li", { class: `state-card seat-${i % 5}${i === mySeat ? " me" : ""}`, dataset: { seat: String(i) } },
      h("div", { class: "state-head" },
        h("h3", { class: "state-name" }, stateName(digest, i),
          i === mySeat ? h("span", { class: "you" }, ` ${t("seat.you")}`) : null),
        // Under the name its posture, then who plays it and its orders: the words "Posture"
        // and "Orders" for screen readers only, to keep the cards short.
        h("p", { class: "state-posture" }, h("span", { class: "sr-only" }, `${t("col.posture")}: `), posture)),
      h("p", { class: "state-who" }, who(i)),
      h("p", { class: `state-orders ${ordersCls}`.trim() }, h("span", { class: "sr-only" }, `${t("col.orders")}: `), ordersText),
      h("p", { class: "state-score" }, t("state.score", { n: s.score }),
        h("span", { class: "label", "aria-hidden": "true" }, " · "), h("span", { class: "sr-only" }, ", "),
        t("state.cards", { n: s.hand })),
      groups.map((g) => [
        g.heading ? h("h4", { class: "meters-h" }, g.heading) : null,
        h("ul", { class: "meters" }, g.tracks.map(({ i: k, label }) => {
          const value = s.tracks?.[k] ?? 0;
          return meter(`s${i}-${k}`, label, digest.tracks[k].name, value, trackRange(k), seatChange(i, k));
        })),
      ]));
  };
  return h("section", { class: "panel states", id: "states", "aria-labelledby": "states-h" },
    heading(2, t("seats.heading"), { id: "states-h" }),
    h("ul", { class: "state-cards" }, seats.map(card)));
}

function sharedBox(v) {
  const items = [];
  (v.shared || []).forEach((value, i) => {
    const tr = digest.tracks[i];
    if (!tr || isPerState(i)) return;
    items.push(meter(`r${i}`, tr.name, tr.name, value, trackRange(i), sharedChange(i)));
  });
  return h("section", { class: "panel shared", id: "shared", "aria-labelledby": "shared-h" },
    heading(2, t("shared.heading"), { id: "shared-h" }),
    h("ul", { class: "meters wide" }, items));
}

/** Threats by region: Afghanistan's, and each state's own ground (none is left out). */
function tokensBox(v) {
  const rows = [];
  const states = new Set(digest.states.map((s) => s.id));
  digest.regions.forEach((r, i) => {
    if (!r.id.startsWith("af-") && !states.has(r.id)) return;
    const counts = v.tokens?.[i] || [];
    if (!counts.some((n) => n > 0)) return;
    rows.push(h("tr", {}, h("th", { scope: "row" }, r.name), digest.tokens.map((_, k) => h("td", { class: "num" }, String(counts[k] ?? 0)))));
  });
  return h("section", { class: "panel tokens", id: "tokens", "aria-labelledby": "tokens-h" },
    heading(2, t("tokens.heading"), { id: "tokens-h" }),
    rows.length
      ? h("div", { class: "table-wrap" }, h("table", {},
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("tokens.region")), digest.tokens.map((k) => h("th", { scope: "col" }, k.name)))),
        h("tbody", {}, rows)))
      : h("p", { class: "note" }, t("tokens.none")));
}

function newsBox(v) {
  const news = v.news || [];
  return h("section", { class: "panel news", id: "news", "aria-labelledby": "news-h" },
    heading(2, t("news.heading"), { id: "news-h" }),
    news.length
      ? h("ul", { class: "cards" }, news.map((id) => {
        const card = digest.cards[id];
        if (!card) return null;
        return h("li", { class: "card news-card", dataset: { card: String(id) } },
          h("div", { class: "card-head" }, h("h3", { class: "card-title" }, card.title)),
          h("div", { class: "card-body" }, cardBody(card)));
      }))
      : h("p", { class: "note" }, t("news.none")));
}

function revealedBox(v) {
  const rev = v.revealed || [];
  if (!rev.some((list) => list && list.length)) return null;
  return h("section", { class: "panel revealed", id: "revealed", "aria-labelledby": "revealed-h" },
    heading(2, t("revealed.heading"), { id: "revealed-h" }),
    h("ul", { class: "plain" }, rev.map((list, i) => h("li", {},
      h("strong", {}, `${stateName(digest, i)}: `),
      list.length ? list.map((o) => orderName(digest, o)).join(" · ") : t("revealed.none")))));
}

function handsBox(hands) {
  return h("section", { class: "panel hands", id: "hands", "aria-labelledby": "hands-h" },
    heading(2, t("hands.heading"), { id: "hands-h" }),
    h("ul", { class: "plain" }, hands.map((ids, i) => h("li", { dataset: { seat: String(i) } },
      h("strong", {}, `${stateName(digest, i)}: `),
      (ids || []).map((id) => digest.cards.find((c) => c.id === id)?.title ?? id).join(" · ") || "—"))));
}

function logBox(msg) {
  const lines = msg.lines || [];
  const items = [];
  let round = null;
  for (const line of lines) {
    if (line.round !== round) {
      round = line.round;
      items.push(h("li", { class: "log-round" }, t("log.round", { n: round })));
    }
    items.push(h("li", { class: line.state ? `log-line s-${line.state}` : "log-line" }, line.text));
  }
  return h("section", { class: "panel log", "aria-labelledby": "log-h" },
    heading(2, t("log.heading"), { id: "log-h" }),
    h("div", { class: "log-box", id: "log-box", tabindex: "0", role: "region", "aria-labelledby": "log-h", dataset: { key: "log" } },
      items.length ? h("ol", { class: "log-lines" }, items) : h("p", { class: "note" }, t("log.empty"))));
}

boot();
