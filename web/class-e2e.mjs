// The classroom host's end-to-end test: start `amu-darya host` with one table, a headless
// bot client in one seat, and drive Debian's Chromium (headless) as two groups, the
// teacher and the projector would, checking what each may see.
//
//   node web/class-e2e.mjs [--native target/debug/amu-darya] [--out target/class-test]
//                          [--web dist/web]
//
// 1. The host starts (one table, seed 7) with its pages read from web/class, and writes
//    its address, the teacher code and the join code into a ready file.
// 2. A native bot client joins the table as UZB.
// 3. Two browser pages join through the join form, as students would: KAZ (English, with
//    the keyboard) and TJK (Russian, with clicks). The teacher signs in and presses Start;
//    the two seats nobody joined go to bots.
// 4. Each page answers any choice, gives an order and confirms for round 1. Its hand must
//    show exactly the cards of its own view and none of the other page's; every view
//    frame either page receives is its own seat's (never another seat's hand or orders),
//    and none of their messages is refused; the projector's frames are the public view
//    (every hand in it only while the teacher reveals them). The test waits until round 2
//    begins.
// 5. The teacher sets a timer and pauses the table: both pages show it; then resumes.
// 6. The KAZ page is reloaded: it comes back into its seat with the same hand. Then the
//    host is stopped and started again on the same port and data: every page (groups,
//    projector, teacher) reconnects by itself into the same place.
// 7. Every button on a group's page is reached with Tab and shows a focus ring; no text
//    is under 18 px and all text has WCAG AA contrast.
// 8. Screenshots at 1280×720 of the join page, a group's page, the projector and the
//    teacher's console, in English and in Russian, go to --out (and the whole page of
//    each as *-full.png).
// 9. The teacher frees KAZ's device: KAZ's page, reloaded, shows the join form; KAZ joins
//    again and the teacher gives the seat back to the group.
// 10. With --web DIR (the browser build, scripts/build-web.sh), the host also serves the
//    game itself at /web/; a page opened at /web/?join=CODE&state=TKM joins the table as
//    TKM through the game's own client (ewebsock) and receives TKM's view.
// It fails on any console error or page error, kills the host and the client at the end,
// and exits 0 when all holds.

import { spawn, execFileSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const native = resolve(opt("--native", "target/debug/amu-darya"));
const out = resolve(opt("--out", "target/class-test"));
const web = opt("--web", null);
const here = dirname(fileURLToPath(import.meta.url));
const PAGES = resolve(here, "class");
const VIEWPORT = { width: 1280, height: 720 };
const STEP = 90_000; // the longest wait for one step (a debug build's bots are slow)

const children = [];
const errors = [];
let hostDown = false; // while the test stops the host, failed WebSocket connections are expected
const expected = [];
const notes = [];
let browser = null;
let dataDir = null;
const recs = []; // every page opened, for the failure screenshots

function log(text) {
  console.log(text);
  notes.push(text);
}

async function cleanup() {
  await browser?.close().catch(() => {});
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
  }
  await new Promise((ok) => setTimeout(ok, 300));
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true }).catch(() => {});
}

async function tail(name, lines = 15) {
  try {
    const text = await readFile(join(out, `${name}.log`), "utf8");
    return text.trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

async function fail(message) {
  for (const r of recs) await r.page.screenshot({ path: join(out, `failure-${r.name}.png`) }).catch(() => {});
  console.error(`class test FAILED: ${message}`);
  console.error(`--- host.log (last lines)\n${await tail("host")}\n--- bot-client.log (last lines)\n${await tail("bot-client")}`);
  await writeFile(join(out, "notes.log"), notes.join("\n")).catch(() => {});
  await cleanup();
  process.exit(1);
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Wait until `test()` gives something truthy; fail with `what` after `ms`. */
async function until(what, test, ms = STEP) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await test();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(150);
  }
}

function start(name, argv, env = {}) {
  const child = spawn(native, argv, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const file = createWriteStream(join(out, `${name}.log`));
  child.stdout.pipe(file);
  child.stderr.pipe(file);
  children.push(child);
  return child;
}

await mkdir(out, { recursive: true });
try {
  execFileSync(native, ["host", "--help"], { stdio: "ignore" });
} catch {
  await fail(`${native} has no \`host\` subcommand (build it first)`);
}

try {
  // 1. The host.
  dataDir = await mkdtemp(join(tmpdir(), "amu-class-test-"));
  const readyFile = join(dataDir, "ready.json");
  const hostArgs = (bind) => [
    "host", "--bind", bind, "--tables", "1", "--seed", "7",
    "--data", dataDir, "--ready-file", readyFile,
    ...(web ? ["--web", resolve(web)] : []),
  ];
  let host = start("host", hostArgs("127.0.0.1:0"), { AMU_CLASS_PAGES: PAGES });
  const ready = await until("the host's ready file", async () => {
    if (host.exitCode !== null) throw new Error(`the host exited with ${host.exitCode} (see ${join(out, "host.log")})`);
    try {
      return JSON.parse(await readFile(readyFile, "utf8"));
    } catch {
      return null;
    }
  }, 120_000);
  const url = ready.url;
  const code = ready.tables?.[0]?.code;
  if (!url || !ready.ws || !ready.teacher || !code) throw new Error(`the ready file lacks something: ${JSON.stringify(ready)}`);
  log(`host up at ${url}, table 1 join code ${code}`);

  const digest = {};
  for (const l of ["en", "ru"]) {
    const r = await fetch(`${url}/content.json?lang=${l}`);
    if (!r.ok) throw new Error(`/content.json?lang=${l} answered ${r.status}`);
    digest[l] = await r.json();
  }
  const seatOf = (id) => digest.en.states.findIndex((s) => s.id === id);
  const KAZ = seatOf("KAZ");
  const TJK = seatOf("TJK");
  if (KAZ < 0 || TJK < 0 || seatOf("UZB") < 0) throw new Error("content.json lacks KAZ, TJK or UZB");
  if (digest.ru.states[KAZ].name === digest.en.states[KAZ].name) throw new Error("content.json?lang=ru is not in Russian");

  // 2. The bot client in UZB's seat.
  start("bot-client", ["bot-client", "--url", ready.ws, "--code", code, "--state", "UZB"]);

  // The browser, one context per device.
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--enable-unsafe-swiftshader", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const open = async (name, locale) => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale });
    const page = await context.newPage();
    const rec = { name, page, frames: [], last: null, joined: null };
    recs.push(rec);
    page.on("console", (m) => {
      if (m.type() !== "error") return;
      const text = `${name}: console error: ${m.text()}`;
      // The browser itself logs each refused WebSocket while the host is down.
      if (hostDown && /WebSocket connection to .* failed/.test(m.text())) expected.push(text);
      else errors.push(text);
    });
    page.on("pageerror", (e) => errors.push(`${name}: page error: ${e.message}`));
    page.on("websocket", (ws) => {
      ws.on("framereceived", (f) => {
        const text = typeof f.payload === "string" ? f.payload : f.payload.toString("utf8");
        let m;
        try {
          m = JSON.parse(text);
        } catch {
          errors.push(`${name}: a frame that is not JSON: ${text.slice(0, 80)}`);
          return;
        }
        rec.frames.push(m);
        if (m.t === "view") rec.last = m;
        if (m.t === "joined") rec.joined = m;
      });
    });
    return rec;
  };
  const shot = async (rec, name) => {
    const path = join(out, `${name}.png`);
    await rec.page.evaluate(() => window.scrollTo(0, 0));
    await rec.page.screenshot({ path });
    await rec.page.screenshot({ path: join(out, `${name}-full.png`), fullPage: true });
    execFileSync("python3", [resolve(here, "..", "scripts", "check_png.py"), path], { stdio: "inherit" });
  };

  const kaz = await open("KAZ", "en-GB");
  const tjk = await open("TJK", "ru-RU");
  const teacher = await open("teacher", "en-GB");

  // 3. The join page, in each language; the groups join through it.
  await kaz.page.goto(`${url}/`);
  await kaz.page.waitForSelector("#join:not([hidden]) #state-choices input");
  await tjk.page.goto(`${url}/`);
  await tjk.page.waitForSelector("#join:not([hidden]) #state-choices input");
  if ((await tjk.page.textContent("#join-heading")).trim() !== "Подключиться к игровому столу") {
    throw new Error("a browser in Russian does not get the join page in Russian");
  }
  await shot(kaz, "join-en");
  await shot(tjk, "join-ru");

  // KAZ with the keyboard: the code, Tab to the first state (Kazakhstan), Space, Tab, Enter.
  await kaz.page.focus("#code");
  await kaz.page.keyboard.type(code.toLowerCase());
  await kaz.page.keyboard.press("Tab");
  await kaz.page.keyboard.press("Space");
  const checked = await kaz.page.$eval("#state-choices input:checked", (e) => e.value).catch(() => null);
  if (checked !== "KAZ") throw new Error(`Tab and Space on the join form picked ${checked}, not KAZ`);
  await kaz.page.keyboard.press("Tab");
  const onSubmit = await kaz.page.evaluate(() => document.activeElement?.id);
  if (onSubmit !== "join-submit") throw new Error(`Tab after the states lands on ${onSubmit}, not the Join button`);
  await kaz.page.keyboard.press("Enter");
  // TJK with clicks.
  await tjk.page.fill("#code", code);
  await tjk.page.getByLabel(/Таджикистан/).check();
  await tjk.page.getByRole("button", { name: "Подключиться" }).click();
  for (const g of [kaz, tjk]) {
    await until(`${g.name} to join`, () => g.joined && g.last);
    if (g.joined.state !== g.name) throw new Error(`${g.name} joined as ${g.joined.state}`);
  }
  await kaz.page.waitForSelector("#game:not([hidden]) #mine");
  const waitText = await kaz.page.textContent("#status");
  if (!/Waiting for the teacher/.test(waitText)) throw new Error(`before the start the status says: ${waitText}`);
  const stored = await kaz.page.evaluate(() => localStorage.getItem("amu-class-token"));
  if (!stored || !stored.includes(kaz.joined.token)) throw new Error("the seat's token is not kept in localStorage");
  log("KAZ (keyboard, English) and TJK (clicks, Russian) joined through the form");

  // The teacher signs in and starts the table.
  await teacher.page.goto(`${url}/teacher`);
  await teacher.page.waitForSelector("#signin:not([hidden])");
  await teacher.page.focus("#teacher-code");
  await teacher.page.keyboard.type(ready.teacher);
  await teacher.page.keyboard.press("Enter");
  await teacher.page.waitForSelector("#table-1");
  const joinShown = await teacher.page.textContent("#table-1 .joincode");
  if (joinShown.trim() !== code) throw new Error(`the console shows join code ${joinShown}, not ${code}`);
  await teacher.page.locator("#table-1").getByRole("button", { name: "Start", exact: true }).click();
  await until("the table to start", () => kaz.last?.status?.started && tjk.last?.status?.started);
  const bots = kaz.last.status.bots;
  const botSeats = bots.map((b, i) => (b ? digest.en.states[i].id : null)).filter(Boolean);
  log(`the teacher started the table; bots play ${botSeats.join(", ")}`);
  if (bots[KAZ] || bots[TJK] || bots[seatOf("UZB")]) throw new Error(`a joined seat went to a bot: ${JSON.stringify(bots)}`);
  // Every hand on the projector (the host shows them outside the policy phase).
  await teacher.page.locator("#table-1").getByRole("button", { name: "Show hands on projector" }).click();
  await until("the reveal to be on", () => kaz.last?.status?.reveal);

  // The projector, in each language.
  const projEn = await open("projector-en", "en-GB");
  const projRu = await open("projector-ru", "ru-RU");
  for (const p of [projEn, projRu]) {
    await p.page.goto(`${url}/?code=${code}&projector=1`);
    await until(`${p.name} to join`, () => p.joined && p.last);
    await p.page.waitForSelector("body.projector #states");
  }

  // 4. Round 1: each group gives an order and confirms.
  const handInPage = (g) => g.page.$$eval("#hand li.card", (els) =>
    els.map((e) => ({ id: Number(e.dataset.card), title: e.querySelector(".card-title")?.textContent ?? "" })));
  const sameList = (a, b) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
  // The page's hand against the latest view's (given a moment to draw it).
  const checkHand = async (g, l) => {
    let problem = "";
    for (let tries = 0; tries < 20; tries++) {
      const own = g.last.view.own;
      const shown = await handInPage(g);
      const want = own.hand.map((id) => digest[l].cards[id].title);
      if (!sameList(shown.map((c) => c.id), own.hand)) {
        problem = `${g.name}'s page shows cards ${JSON.stringify(shown.map((c) => c.id))}, its view holds ${JSON.stringify(own.hand)}`;
      } else if (!sameList(shown.map((c) => c.title), want)) {
        problem = `${g.name}'s page shows titles ${JSON.stringify(shown.map((c) => c.title))}, not ${JSON.stringify(want)}`;
      } else {
        return shown;
      }
      await sleep(250);
    }
    throw new Error(problem);
  };

  const play = async (g, seat) => {
    let ordered = false;
    const end = Date.now() + STEP * 2;
    for (;;) {
      if (Date.now() > end) throw new Error(`${g.name} could not give its orders for round 1`);
      const v = g.last.view;
      if (v.round > 1) return;
      if (v.choice) {
        const before = g.last.at;
        await g.page.click('#choice button[data-key="choose:0"]');
        await until(`${g.name}'s choice to be taken`, () => g.last.at !== before);
        log(`${g.name} answered a choice`);
        continue;
      }
      if (v.seats[seat].confirmed) return;
      if (!v.own?.can_confirm) {
        await sleep(200);
        continue;
      }
      if (!ordered) {
        g.hand1 = await checkHand(g, g.name === "KAZ" ? "en" : "ru");
        if (g.name === "KAZ") await shot(g, "group-en-round1");
        const pick = v.own.options.find((o) => "Action" in o.order && o.closed === null);
        if (pick) {
          const before = v.own.orders.length;
          const name = digest[g.name === "KAZ" ? "en" : "ru"].actions[pick.order.Action].name;
          const button = g.page.locator(`button[data-key="opt:Action:${pick.order.Action}"]`);
          if (await button.getAttribute("aria-disabled")) throw new Error(`${g.name}: the open action ${name} shows as closed`);
          await button.click();
          await until(`${g.name}'s order to be taken`, () => g.last.view.own.orders.length > before);
          await until(`${g.name}'s order to show`, async () => (await g.page.textContent("#orders")).includes(name));
          log(`${g.name} ordered: ${name}`);
        }
        ordered = true;
        continue;
      }
      await checkHand(g, g.name === "KAZ" ? "en" : "ru");
      // The decision journal: one line typed before the confirm goes with it.
      await g.page.fill("#journal", `${g.name}: we guard the border first`);
      await g.page.click('button[data-key="confirm"]');
      await until(`${g.name}'s confirmation`, () => g.last.view.seats[seat].confirmed || g.last.view.round > 1);
      log(`${g.name} confirmed`);
      return;
    }
  };
  await Promise.all([play(kaz, KAZ), play(tjk, TJK)]);
  const kazHand1 = kaz.hand1 || [];
  const tjkHand1 = tjk.hand1 || [];

  // No page shows the other's hand (by card id: one page is in English, the other in Russian).
  const kazOnly = kazHand1.map((c) => c.id).filter((id) => !tjk.last.view.own.hand.includes(id));
  const tjkShows = (await handInPage(tjk)).map((c) => c.id);
  if (kazOnly.some((id) => tjkShows.includes(id))) throw new Error("TJK's page shows a card of KAZ's hand");
  const tjkText = await tjk.page.textContent("#hand");
  for (const id of kazOnly) {
    if (tjkText.includes(digest.ru.cards[id].title)) throw new Error(`TJK's hand section names KAZ's card ${digest.ru.cards[id].id}`);
  }
  const tjkOnly = tjkHand1.map((c) => c.id).filter((id) => !kaz.last.view.own.hand.includes(id));
  const kazText = await kaz.page.textContent("#hand");
  for (const id of tjkOnly) {
    if (kazText.includes(digest.en.cards[id].title)) throw new Error(`KAZ's hand section names TJK's card ${digest.en.cards[id].id}`);
  }

  // Round 2 begins once every state has confirmed and the round is played out.
  // Round 2's news may put a choice to a group (cards with a focus state): it answers.
  const answered = new Set();
  await until("round 2 to begin", async () => {
    for (const g of [kaz, tjk]) {
      const v = g.last.view;
      if (v.round >= 2 && v.choice && !answered.has(`${g.name}:${g.last.at}`)) {
        answered.add(`${g.name}:${g.last.at}`);
        await g.page.click('#choice button[data-key="choose:0"]').catch(() => {});
        log(`${g.name} answered a choice in round 2's news`);
      }
    }
    return [kaz, tjk].every((g) => g.last.view.round >= 2 && g.last.view.phase === "Policy");
  }, STEP * 3);
  await until("the pages to show round 2", async () =>
    (await kaz.page.textContent("#round")).includes("Round 2") && (await tjk.page.textContent("#round")).includes("Раунд 2"));
  await checkHand(kaz, "en");
  await checkHand(tjk, "ru");
  log("round 2 began; each page shows its own hand and no other");

  // 5. The teacher's timer and pause reach the groups.
  await teacher.page.fill("#min-1", "5");
  await teacher.page.locator("#table-1").getByRole("button", { name: "Set timer" }).click();
  await until("the timer on KAZ's page", async () => /Time left: [45]:\d\d/.test((await kaz.page.textContent("#timer").catch(() => "")) || ""));
  await teacher.page.locator("#table-1").getByRole("button", { name: "Pause", exact: true }).click();
  await until("the paused banner", async () => (await kaz.page.isVisible("#paused")) && (await tjk.page.isVisible("#paused")));
  if (!/Paused by the teacher/.test(await kaz.page.textContent("#status"))) throw new Error("the status line does not say the table is paused");
  await shot(tjk, "group-ru-paused");
  await teacher.page.locator("#table-1").getByRole("button", { name: "Resume", exact: true }).click();
  await until("the banner to go", async () => !(await kaz.page.isVisible("#paused")));
  log("the timer and the pause show on the groups' pages");

  // 6. Reload KAZ: back into its seat, same hand.
  const before = (await handInPage(kaz)).map((c) => c.id);
  kaz.joined = null;
  kaz.last = null;
  await kaz.page.reload();
  await until("KAZ to come back", () => kaz.joined && kaz.last);
  if (kaz.joined.state !== "KAZ") throw new Error(`after a reload KAZ's page resumed as ${kaz.joined.state}`);
  await kaz.page.waitForSelector("#hand li.card");
  const after = (await handInPage(kaz)).map((c) => c.id);
  if (!sameList(before, after)) throw new Error(`after a reload KAZ's hand is ${after}, before it was ${before}`);
  if (!(await kaz.page.isHidden("#join"))) throw new Error("after a reload the join form shows");
  await checkHand(kaz, "en");
  log("KAZ's page came back into its seat after a reload, with the same hand");

  // 6b. The host stops and starts again on the same port and data: every page comes back
  // by itself (resume with its token), the seats and hands as they were.
  const kazHand = (await handInPage(kaz)).map((c) => c.id);
  const port = new URL(url).port;
  hostDown = true;
  host.kill("SIGINT");
  await until("the host to stop", () => host.exitCode !== null || host.signalCode !== null, 20_000);
  await until("KAZ's page to see the connection lost", async () => /Connection lost/.test(await kaz.page.textContent("#status")), 20_000);
  const lostRu = await tjk.page.textContent("#status");
  if (!/Связь потеряна/.test(lostRu)) throw new Error(`TJK's page, with the host down, says: ${lostRu}`);
  await rm(readyFile, { force: true });
  kaz.joined = null;
  tjk.joined = null;
  host = start("host-2", hostArgs(`127.0.0.1:${port}`), { AMU_CLASS_PAGES: PAGES });
  await until("the host to start again", async () => {
    if (host.exitCode !== null) throw new Error(`the host did not start again (see ${join(out, "host-2.log")})`);
    try {
      return JSON.parse(await readFile(readyFile, "utf8"));
    } catch {
      return null;
    }
  }, 120_000);
  await until("the groups' pages to resume", () => kaz.joined && tjk.joined, 30_000);
  hostDown = false;
  if (kaz.joined.state !== "KAZ" || tjk.joined.state !== "TJK") throw new Error("after the restart a page resumed in another seat");
  await until("KAZ's hand after the restart", async () => sameList((await handInPage(kaz)).map((c) => c.id), kazHand), 20_000);
  await until("the console to come back", async () => /Connected/.test(await teacher.page.textContent("#status")), 20_000);
  await until("the projector to come back", () => projEn.frames.filter((m) => m.t === "joined").length >= 2, 20_000);
  log(`the host restarted on port ${port}: the pages reconnected by themselves into the same seats (${expected.length} refused connections logged by the browser meanwhile)`);

  // Every frame each group's page received was its own seat's view; the projector's public.
  const checkFrames = (g, seat) => {
    let views = 0;
    for (const m of g.frames) {
      if (m.t === "refused") throw new Error(`${g.name}'s page was refused: ${m.reason}`);
      if (m.t !== "view") continue;
      views += 1;
      const viewer = m.view?.viewer;
      if (!viewer || viewer.Seat !== seat || Object.keys(viewer).length !== 1) {
        throw new Error(`${g.name}'s page received a view for ${JSON.stringify(viewer)}`);
      }
      if (m.hands) throw new Error(`${g.name}'s page received every state's hand`);
      if (!m.view.own) throw new Error(`${g.name}'s page received a view without its own part`);
      if (m.view.choice && m.view.choice.seat !== seat) throw new Error(`${g.name}'s page received another seat's choice`);
    }
    if (views < 3) throw new Error(`${g.name}'s page received only ${views} views`);
    return views;
  };
  const nk = checkFrames(kaz, KAZ);
  const nt = checkFrames(tjk, TJK);
  let handsFrames = 0;
  for (const p of [projEn, projRu]) {
    for (const m of p.frames) {
      if (m.t !== "view") continue;
      if (m.view.viewer !== "Public" || m.view.own || m.view.choice) {
        throw new Error(`${p.name} received a seat's view: ${JSON.stringify(m.view.viewer)}`);
      }
      if (m.hands) {
        handsFrames += 1;
        if (m.hands.length !== digest.en.states.length) throw new Error(`${p.name} received hands for ${m.hands.length} states`);
        const unknown = m.hands.flat().filter((id) => !digest.en.cards.some((c) => c.id === id));
        if (unknown.length) throw new Error(`${p.name} received unknown cards in the hands: ${unknown.join(", ")}`);
      }
    }
  }
  log(`the projector received every hand in ${handsFrames} views (reveal on, outside the policy phase)`);
  log(`every view frame was the page's own: KAZ ${nk}, TJK ${nt}; the projector's public`);

  // 7. Keyboard and legibility.
  const tabbed = await (async () => {
    const page = kaz.page;
    await page.focus("body");
    await page.evaluate(() => document.activeElement?.blur());
    const buttons = await page.$$eval("button", (els) => els
      .filter((e) => e.offsetParent !== null && !e.closest("details:not([open])"))
      .map((e) => e.dataset.key || e.textContent.trim()));
    const seen = new Set();
    let ringless = null;
    for (let i = 0; i < buttons.length + 80 && seen.size < buttons.length; i++) {
      await page.keyboard.press("Tab");
      const f = await page.evaluate(() => {
        const e = document.activeElement;
        if (!e || e === document.body) return null;
        const s = getComputedStyle(e);
        return { tag: e.tagName, key: e.dataset.key || e.textContent.trim(), ring: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 };
      });
      if (f?.tag === "BUTTON") {
        seen.add(f.key);
        if (!f.ring && !ringless) ringless = f.key;
      }
    }
    const missed = buttons.filter((b) => !seen.has(b));
    if (missed.length) throw new Error(`Tab never reaches these buttons on KAZ's page: ${missed.join(", ")}`);
    if (ringless) throw new Error(`the button ${ringless} shows no focus ring`);
    return buttons.length;
  })();
  log(`Tab reaches all ${tabbed} buttons on KAZ's page, each with a focus ring`);

  const legibility = (page) => page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const lum = ({ r, g, b }) => {
      const f = (v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ground = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0.5) return c;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const small = [];
    const faint = [];
    for (const el of document.querySelectorAll("body *")) {
      const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
      if (!text) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest("[hidden], .sr-only, details:not([open]) > :not(summary)")) continue;
      const s = getComputedStyle(el);
      if (s.visibility === "hidden" || s.display === "none") continue;
      const size = parseFloat(s.fontSize);
      if (size < 17.5) small.push(`${el.tagName}.${el.className} ${size}px "${text.slice(0, 30)}"`);
      const fg = parse(s.color);
      const bg = ground(el);
      if (!fg) continue;
      const a = lum(fg);
      const b = lum(bg);
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) faint.push(`${el.tagName}.${el.className} ${ratio.toFixed(2)}:1 "${text.slice(0, 30)}"`);
    }
    return { small: small.slice(0, 8), faint: faint.slice(0, 8) };
  });

  // 8. Screenshots; the teacher's console and the projector also in Russian.
  await shot(kaz, "group-en");
  await shot(tjk, "group-ru");
  await shot(projEn, "projector-en");
  await shot(projRu, "projector-ru");
  await shot(teacher, "teacher-en");
  await teacher.page.getByRole("button", { name: "Русский" }).click();
  await until("the console in Russian", async () => (await teacher.page.textContent("#table-1")).includes("Код для входа"));
  await shot(teacher, "teacher-ru");
  for (const g of [kaz, tjk, projEn, projRu, teacher]) {
    const { small, faint } = await legibility(g.page);
    if (small.length) throw new Error(`${g.name}: text under 18 px: ${small.join("; ")}`);
    if (faint.length) throw new Error(`${g.name}: text under WCAG AA contrast: ${faint.join("; ")}`);
  }
  log("no text under 18 px, all text at WCAG AA contrast or better");

  // A 4:3 projector (1024×768), in Russian, the longer language: the five states stay in
  // one row, nothing runs past a card's edge, and no track's name breaks inside a word.
  await projRu.page.setViewportSize({ width: 1024, height: 768 });
  const row = await projRu.page.evaluate(() => {
    const cards = [...document.querySelectorAll("#states .state-card")];
    const broken = [...document.querySelectorAll("#states .meter-name")]
      .filter((n) => {
        const r = document.createRange();
        r.selectNodeContents(n);
        const lines = new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size;
        return lines > 1 && !/\s/.test(n.textContent.trim());
      })
      .map((n) => n.textContent);
    return {
      n: cards.length,
      tops: new Set(cards.map((c) => Math.round(c.getBoundingClientRect().top))).size,
      over: cards.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.className),
      broken,
    };
  });
  await shot(projRu, "projector-ru-1024");
  if (row.n !== 5 || row.tops !== 1) throw new Error(`at 1024×768 the projector shows ${row.n} state cards on ${row.tops} rows`);
  if (row.over.length) throw new Error(`at 1024×768 cards overflow: ${row.over.join(", ")}`);
  if (row.broken.length) throw new Error(`at 1024×768 words break: ${row.broken.join(", ")}`);
  await projRu.page.setViewportSize(VIEWPORT);
  log("at 1024×768 the projector keeps the five states in one row, nothing overflowing, no word broken");

  // The teacher's downloads.
  const csv = await fetch(`${url}/teacher/results.csv?code=${encodeURIComponent(ready.teacher)}`);
  if (!csv.ok) throw new Error(`results.csv answered ${csv.status}`);
  const save = await fetch(`${url}/teacher/save?code=${encodeURIComponent(ready.teacher)}&table=1`);
  if (!save.ok) throw new Error(`the save answered ${save.status}`);
  const saved = await save.text();
  for (const who of ["KAZ", "TJK"]) {
    if (!saved.includes(`${who}: we guard the border first`)) throw new Error(`${who}'s journal line is not in the table's save`);
  }
  log("each group's journal line is in the table's save");
  const href = await teacher.page.getAttribute("#table-1 a[download]", "href");
  if (!href.startsWith("/teacher/save?code=")) throw new Error(`the save link is ${href}`);

  // 9. The teacher frees KAZ's device: a reload of KAZ's page can no longer resume, and
  // shows the join form; KAZ joins again and the teacher gives the seat back to the group.
  await teacher.page.getByRole("button", { name: "English" }).click();
  await teacher.page.locator('#table-1 tr[data-state="KAZ"]').getByRole("button", { name: /Free device/ }).click();
  await until("KAZ's seat to go to a bot", () => kaz.last?.status?.bots?.[KAZ]);
  kaz.joined = null;
  await kaz.page.reload();
  await kaz.page.waitForSelector("#join:not([hidden])");
  const why = await kaz.page.textContent("#join-error");
  if (!/Could not take back your seat/.test(why)) throw new Error(`a freed seat's page says: ${why}`);
  if (await kaz.page.evaluate(() => localStorage.getItem("amu-class-token"))) throw new Error("a refused token stays in localStorage");
  await kaz.page.fill("#code", code);
  await kaz.page.getByLabel(/Kazakhstan/).check();
  await kaz.page.getByRole("button", { name: "Join" }).click();
  await until("KAZ to join again", () => kaz.joined);
  await teacher.page.locator('#table-1 tr[data-state="KAZ"]').getByRole("button", { name: /Group/ }).click();
  await until("KAZ's seat back with the group", () => kaz.last && !kaz.last.status.bots[KAZ]);
  await kaz.page.waitForSelector("#hand li.card");
  log("a freed seat's page shows the join form after a reload; the group joins again and gets its seat back");

  // 10. The browser build, served by the host, joins a seat with its own client.
  if (web) {
    const game = await open("browser-build", "en-GB");
    await game.page.goto(`${url}/web/?join=${code}&state=TKM`);
    await until("the browser build to join as TKM and get its view", () => game.joined && game.last, STEP * 2);
    if (game.joined.state !== "TKM") throw new Error(`the browser build joined as ${game.joined.state}`);
    const tkm = digest.en.states.findIndex((s) => s.id === "TKM");
    const viewer = JSON.stringify(game.last.view.viewer);
    if (viewer !== JSON.stringify({ Seat: tkm })) throw new Error(`the browser build was sent the view of ${viewer}`);
    await game.page.waitForTimeout(3000);
    await shot(game, "browser-build-joined");
    log(`the browser build at /web/ joined as TKM and drew TKM's view (round ${game.last.view.round})`);
  }

  if (errors.length) throw new Error(`errors in the pages:\n${errors.join("\n")}`);
  await writeFile(join(out, "notes.log"), notes.join("\n"));
  await cleanup();
  console.log(`class test passed (screenshots in ${out})`);
  process.exit(0);
} catch (e) {
  await fail(`${e.message}${errors.length ? `\n${errors.join("\n")}` : ""}`);
}
