// Shared by the classroom pages (the group/projector page and the teacher's console):
// interface strings in English and Russian, the language setting, the content digest
// (/content.json), a WebSocket link that reconnects by itself, and small DOM helpers.
//
// Text that comes from the host (names, card texts, log lines, refusal reasons) may
// contain anything people typed, so it only ever goes into the page as textContent:
// nothing here builds HTML from strings.

/** Interface strings by language. `{name}` is filled by t(); plural forms by plural(). */
export const STRINGS = {
  en: {
    "app.title": "Amu Darya",
    "app.subtitle": "Classroom game",
    "lang.label": "Language",
    "lang.en": "English",
    "lang.ru": "Русский",
    "noscript": "This page needs JavaScript.",

    // The join page.
    "join.heading": "Join your table",
    "join.intro": "Type the join code your teacher shows, choose the state your group plays, and press Join.",
    "join.code": "Join code",
    "join.code-help": "Six letters and digits, for example K7QMXP.",
    "join.state": "Your group plays",
    "join.projector": "Projector (public view, no state)",
    "join.submit": "Join",
    "join.need-code": "Type the join code first.",
    "join.need-state": "Choose a state, or the projector.",
    "join.refused": "The host refused: {reason}",
    "join.resume-refused": "Could not take back your seat ({reason}). Join again with the code.",
    "join.content-failed": "Could not load the game's texts from the host: {error}",

    // Connection and table status.
    "status.connecting": "Connecting to the host…",
    "status.online": "Connected.",
    "status.lost": "Connection lost. Trying again in {secs} s…",
    "status.waiting": "Waiting for the teacher to start the game (and for the other groups to join).",
    "status.paused": "Paused by the teacher",
    "status.paused-detail": "No orders are taken until the teacher resumes the game.",
    "status.over": "The game is over.",
    "status.sent": "Sent.",
    "status.refused": "Refused: {reason}",
    "status.closed-reason": "Not possible: {reason}",
    "status.your-turn": "Your orders are due: choose, then confirm.",
    "status.confirmed": "Your orders are confirmed. Waiting for the other states…",
    "status.choice": "A choice is waiting for your state.",
    "status.others-choice": "Waiting for {state} to make a choice…",
    "status.playing": "The round is being played out…",
    "status.awaiting": "Still to confirm their orders: {states}",

    // The header of a table.
    "hdr.table": "Table {n}",
    "hdr.you": "You play {state}",
    "hdr.projector": "Projector: public view",
    "hdr.round": "Round {round} of {rounds}",
    "hdr.phase": "Phase: {phase}",
    "hdr.scenario": "Scenario: {name}",
    "hdr.timer": "Time left: {time}",
    "hdr.timer-held": "Timer stopped: {time}",
    "hdr.timer-up": "Time is up",

    // A seat's own orders.
    "own.heading": "Your orders",
    "own.points": "Action points left: {n}",
    "own.posture-now": "Your posture this round: {name}",
    "own.orders": "Orders given",
    "own.orders-none": "none yet",
    "own.posture": "Foreign-policy posture (set it first: some actions cost more in one posture)",
    "own.posture-chosen": "chosen",
    "own.actions": "Actions (cost in action points)",
    "own.only-others": "Actions only other states may take ({n})",
    "own.hand": "Your hand: policy cards",
    "own.hand-empty": "No cards in your hand.",
    "own.play": "Play: {title}",
    "own.cost": "Cost {n}",
    "own.undo": "Undo last order",
    "own.confirm": "Confirm my orders",
    "own.journal": "Journal (optional): why this posture, why these orders?",
    "own.journal-placeholder": "One line, kept with your confirm",
    "own.confirm-help": "Locks in this round's orders; nobody sees them until every state has confirmed.",
    "own.not-due": "No orders are due now. Orders are given in the policy phase.",
    "own.done": "Your orders for this round are confirmed.",
    "own.choice": "A choice for your state",
    "own.choice-card": "From the card: {card}",

    // Why an order is closed.
    "closed.PostureLocked": "The posture is set before any action or card: undo them to change it.",
    "closed.OnlyFor": "Only some states may take this.",
    "closed.PerRound": "Already taken this round.",
    "closed.Condition": "Not possible now: its condition does not hold.",
    "closed.Cost": "Needs {needed} action points; {left} left.",
    "closed.NotInHand": "This card is not in your hand.",
    "closed.other": "Not possible now.",

    // The public view.
    "seats.heading": "The five states",
    "col.state": "State",
    "col.posture": "Posture",
    "col.orders": "Orders",
    "seat.you": "(you)",
    "seat.confirmed": "✓ confirmed",
    "seat.deciding": "deciding…",
    "seat.choosing": "choosing…",
    "seat.bot": "bot ({strength})",
    "seat.group": "group",
    "seat.online": "online",
    "seat.offline": "offline",
    "seat.nobody": "no group yet",
    "state.score": "Score: {n}%",
    "state.cards": "Cards: {n}",
    "track.ties": "Ties",
    "track.dep": "Dependency",
    "track.value": "{name} {value} of {max}",
    "track.up": "up {n} over the last round",
    "track.down": "down {n} over the last round",
    "track.same": "unchanged over the last round",
    "shared.heading": "The region: shared tracks",
    "tokens.heading": "Militants, narcotics and displaced people, by region",
    "tokens.region": "Region",
    "tokens.none": "Nothing on the board.",
    "news.heading": "News",
    "news.round": "News of round {n}",
    "news.none": "No news yet.",
    "card.source": "Source: {source}",
    "log.heading": "Log",
    "log.round": "Round {n}",
    "log.empty": "Nothing has happened yet.",
    "revealed.heading": "Orders revealed at the last resolution",
    "revealed.none": "no orders",
    "hands.heading": "Every state's hand (shown by the teacher)",
    "outcome.heading": "The game is over",
    "outcome.collapse": "Regional stability collapsed: every state loses.",
    "outcome.winner": "{state} wins: its national interest was served best.",
    "outcome.tie": "Several states share the best score: there is no single winner.",
    "outcome.scores": "National interest (% of the best each state's agenda allows)",

    "strength.easy": "easy",
    "strength.normal": "normal",
    "strength.hard": "hard",
    "strength.strong": "strong",

    // The teacher's console.
    "teacher.title": "Teacher's console",
    "teacher.code": "Teacher code",
    "teacher.code-help": "The teacher code is printed by the host when it starts.",
    "teacher.signin": "Sign in",
    "teacher.signout": "Sign out",
    "teacher.refused": "The host refused: {reason}",
    "teacher.class": "Class: {name}",
    "teacher.no-tables": "The host has no tables.",
    "teacher.tables": "Tables",
    "t.heading": "Table {n}",
    "t.code": "Join code",
    "t.round": "Round",
    "t.phase": "Phase",
    "t.scenario": "Scenario",
    "t.stability": "Stability",
    "t.status": "Status",
    "t.not-started": "not started",
    "t.started": "playing",
    "t.paused": "paused",
    "t.reveal-on": "hands shown on the projector",
    "t.timer": "timer {time}",
    "t.timer-held": "timer stopped at {time}",
    "t.start": "Start",
    "t.pause": "Pause",
    "t.resume": "Resume",
    "t.minutes": "Timer, minutes",
    "t.set-timer": "Set timer",
    "t.extend": "+1 min",
    "t.hold": "Stop timer",
    "t.run": "Run timer",
    "t.reveal": "Show hands on projector",
    "t.inject-label": "Next news",
    "t.inject": "Put on top of the news",
    "t.unreveal": "Hide hands",
    "t.save": "Download save (table {n})",
    "t.projector": "Projector view (table {n})",
    "t.seat": "State",
    "t.who": "Played by",
    "t.online": "Device",
    "t.orders": "Orders",
    "t.score": "Score %",
    "t.actions": "Hand the seat to",
    "t.strength": "Bot strength for {state}",
    "t.bot": "Bot",
    "t.group": "Group",
    "t.free": "Free device",
    "t.free-help": "Forget the seat's device, so another device can join it with the code.",
    "t.confirmed": "✓ confirmed",
    "t.waiting": "not yet",
    "t.choosing": "choosing",
    "t.outcome": "Outcome",
    "t.in-play": "in play",
    "t.collapse": "collapse",
    "t.tie": "tie",
    "t.wins": "{state} wins",
    "t.commands": "Commands",
    "o.heading": "All tables at a glance",
    "o.orders": "Orders confirmed",
    "o.confirmed": "{n} of {of}{ids}",
    "o.choosing": "{state} is choosing",
    "results.heading": "Class results",
    "results.csv": "Download all results (CSV)",
    "results.table": "Table",
    "results.summary": "Outcome and scores, table by table",
    "results.scenarios": "Scenario at the end of each round",
    "results.postures": "Posture in force, round by round",
    "results.round": "R{n}",
    "results.none": "—",
  },
  ru: {
    "app.title": "Амударья",
    "app.subtitle": "Игра для класса",
    "lang.label": "Язык",
    "lang.en": "English",
    "lang.ru": "Русский",
    "noscript": "Для этой страницы нужен JavaScript.",

    "join.heading": "Подключиться к игровому столу",
    "join.intro": "Введите код, который показывает учитель, выберите государство вашей группы и нажмите «Подключиться».",
    "join.code": "Код стола",
    "join.code-help": "Шесть букв и цифр, например K7QMXP.",
    "join.state": "Наша группа играет за",
    "join.projector": "Проектор (общий вид, без государства)",
    "join.submit": "Подключиться",
    "join.need-code": "Сначала введите код стола.",
    "join.need-state": "Выберите государство или проектор.",
    "join.refused": "Сервер отказал: {reason}",
    "join.resume-refused": "Не удалось вернуться на своё место ({reason}). Подключитесь заново с кодом стола.",
    "join.content-failed": "Не удалось загрузить тексты игры с сервера: {error}",

    "status.connecting": "Подключение к серверу…",
    "status.online": "Подключено.",
    "status.lost": "Связь потеряна. Повторная попытка через {secs} с…",
    "status.waiting": "Ждём, пока учитель начнёт игру (и подключатся остальные группы).",
    "status.paused": "Учитель приостановил игру",
    "status.paused-detail": "Приказы не принимаются, пока учитель не продолжит игру.",
    "status.over": "Игра окончена.",
    "status.sent": "Отправлено.",
    "status.refused": "Отклонено: {reason}",
    "status.closed-reason": "Невозможно: {reason}",
    "status.your-turn": "Ваш ход: отдайте приказы и подтвердите их.",
    "status.confirmed": "Ваши приказы подтверждены. Ждём остальные государства…",
    "status.choice": "Вашему государству предстоит сделать выбор.",
    "status.others-choice": "Ждём, пока {state} сделает выбор…",
    "status.playing": "Раунд разыгрывается…",
    "status.awaiting": "Ещё не подтвердили приказы: {states}",

    "hdr.table": "Стол {n}",
    "hdr.you": "Вы играете за {state}",
    "hdr.projector": "Проектор: общий вид",
    "hdr.round": "Раунд {round} из {rounds}",
    "hdr.phase": "Фаза: {phase}",
    "hdr.scenario": "Сценарий: {name}",
    "hdr.timer": "Осталось: {time}",
    "hdr.timer-held": "Таймер остановлен: {time}",
    "hdr.timer-up": "Время вышло",

    "own.heading": "Ваши приказы",
    "own.points": "Осталось очков действий: {n}",
    "own.posture-now": "Ваша линия в этом раунде: {name}",
    "own.orders": "Отданные приказы",
    "own.orders-none": "пока нет",
    "own.posture": "Внешнеполитическая линия (выберите её первой: от неё зависит цена некоторых действий)",
    "own.posture-chosen": "выбрана",
    "own.actions": "Действия (цена в очках действий)",
    "own.only-others": "Действия, доступные только другим государствам ({n})",
    "own.hand": "Ваша рука: карты политики",
    "own.hand-empty": "На руке нет карт.",
    "own.play": "Разыграть: {title}",
    "own.cost": "Цена {n}",
    "own.undo": "Отменить последний приказ",
    "own.confirm": "Подтвердить мои приказы",
    "own.journal": "Дневник (по желанию): почему такая линия, почему такие приказы?",
    "own.journal-placeholder": "Одна строка; сохранится вместе с подтверждением",
    "own.confirm-help": "Закрепляет приказы этого раунда; никто не увидит их, пока все государства не подтвердят свои.",
    "own.not-due": "Сейчас приказы не отдаются: это делается в фазе политики.",
    "own.done": "Ваши приказы на этот раунд подтверждены.",
    "own.choice": "Выбор для вашего государства",
    "own.choice-card": "Карта: {card}",

    "closed.PostureLocked": "Линия выбирается до любых действий и карт: чтобы сменить её, отмените их.",
    "closed.OnlyFor": "Доступно только некоторым государствам.",
    "closed.PerRound": "Уже выбрано в этом раунде.",
    "closed.Condition": "Сейчас невозможно: условие не выполнено.",
    "closed.Cost": "Нужно очков действий: {needed}, осталось: {left}.",
    "closed.NotInHand": "Этой карты нет у вас на руке.",
    "closed.other": "Сейчас невозможно.",

    "seats.heading": "Пять государств",
    "col.state": "Государство",
    "col.posture": "Линия",
    "col.orders": "Приказы",
    "seat.you": "(вы)",
    "seat.confirmed": "✓ подтверждено",
    "seat.deciding": "решает…",
    "seat.choosing": "делает выбор…",
    "seat.bot": "бот ({strength})",
    "seat.group": "группа",
    "seat.online": "в сети",
    "seat.offline": "не в сети",
    "seat.nobody": "группы пока нет",
    "state.score": "Очки: {n}%",
    "state.cards": "Карт: {n}",
    "track.ties": "Связи",
    "track.dep": "Зависимость",
    "track.value": "{name}: {value} из {max}",
    "track.up": "рост на {n} за прошлый раунд",
    "track.down": "снижение на {n} за прошлый раунд",
    "track.same": "без изменений за прошлый раунд",
    "shared.heading": "Регион: общие показатели",
    "tokens.heading": "Боевики, наркотики и вынужденные переселенцы по регионам",
    "tokens.region": "Регион",
    "tokens.none": "На карте ничего нет.",
    "news.heading": "Новости",
    "news.round": "Новости раунда {n}",
    "news.none": "Новостей пока нет.",
    "card.source": "Источник: {source}",
    "log.heading": "Журнал",
    "log.round": "Раунд {n}",
    "log.empty": "Пока ничего не произошло.",
    "revealed.heading": "Приказы, раскрытые в последнем раунде",
    "revealed.none": "приказов нет",
    "hands.heading": "Карты на руках у всех государств (открыл учитель)",
    "outcome.heading": "Игра окончена",
    "outcome.collapse": "Региональная стабильность рухнула: проигрывают все государства.",
    "outcome.winner": "Побеждает {state}: его национальные интересы соблюдены лучше всех.",
    "outcome.tie": "Лучший результат сразу у нескольких государств: единого победителя нет.",
    "outcome.scores": "Национальный интерес (в процентах от наилучшего для повестки каждого государства)",

    "strength.easy": "лёгкий",
    "strength.normal": "обычный",
    "strength.hard": "опытный",
    "strength.strong": "сильный",

    "teacher.title": "Пульт учителя",
    "teacher.code": "Код учителя",
    "teacher.code-help": "Код учителя сервер выводит при запуске.",
    "teacher.signin": "Войти",
    "teacher.signout": "Выйти",
    "teacher.refused": "Сервер отказал: {reason}",
    "teacher.class": "Класс: {name}",
    "teacher.no-tables": "На сервере нет игровых столов.",
    "teacher.tables": "Игровые столы",
    "t.heading": "Стол {n}",
    "t.code": "Код для входа",
    "t.round": "Раунд",
    "t.phase": "Фаза",
    "t.scenario": "Сценарий",
    "t.stability": "Стабильность",
    "t.status": "Состояние",
    "t.not-started": "не начата",
    "t.started": "идёт игра",
    "t.paused": "пауза",
    "t.reveal-on": "карты показаны на проекторе",
    "t.timer": "таймер {time}",
    "t.timer-held": "таймер остановлен на {time}",
    "t.start": "Начать",
    "t.pause": "Пауза",
    "t.resume": "Продолжить",
    "t.minutes": "Таймер, минут",
    "t.set-timer": "Запустить таймер",
    "t.extend": "+1 мин",
    "t.hold": "Остановить таймер",
    "t.run": "Пустить таймер",
    "t.reveal": "Показать карты на проекторе",
    "t.inject-label": "Следующая новость",
    "t.inject": "Положить первой в новости",
    "t.unreveal": "Скрыть карты",
    "t.save": "Скачать сохранение (стол {n})",
    "t.projector": "Вид для проектора (стол {n})",
    "t.seat": "Государство",
    "t.who": "Кто играет",
    "t.online": "Устройство",
    "t.orders": "Приказы",
    "t.score": "Очки, %",
    "t.actions": "Передать место",
    "t.strength": "Сила бота для: {state}",
    "t.bot": "Боту",
    "t.group": "Группе",
    "t.free": "Отвязать устройство",
    "t.free-help": "Забыть устройство этого места, чтобы к нему могло подключиться другое устройство с кодом стола.",
    "t.confirmed": "✓ подтверждены",
    "t.waiting": "ещё нет",
    "t.choosing": "делает выбор",
    "t.outcome": "Итог",
    "t.in-play": "игра идёт",
    "t.collapse": "крах региона",
    "t.tie": "ничья",
    "t.wins": "побеждает {state}",
    "t.commands": "Команд",
    "o.heading": "Все столы",
    "o.orders": "Подтвердили приказы",
    "o.confirmed": "{n} из {of}{ids}",
    "o.choosing": "{state} делает выбор",
    "results.heading": "Итоги класса",
    "results.csv": "Скачать все итоги (CSV)",
    "results.table": "Стол",
    "results.summary": "Итог и очки по столам",
    "results.scenarios": "Сценарий на конец каждого раунда",
    "results.postures": "Внешнеполитическая линия по раундам",
    "results.round": "Р{n}",
    "results.none": "—",
  },
};

export const LANGS = ["en", "ru"];
const LANG_KEY = "amu-class-lang";

/** The language in use: the one chosen before on this device, else the browser's. */
export function initialLang() {
  let stored = null;
  try {
    stored = localStorage.getItem(LANG_KEY);
  } catch {
    stored = null;
  }
  if (LANGS.includes(stored)) return stored;
  const nav = (navigator.language || "").toLowerCase();
  return nav.startsWith("ru") ? "ru" : "en";
}

export function storeLang(lang) {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Private browsing: the choice lasts for this page only.
  }
}

let current = "en";

export function setLang(lang) {
  current = LANGS.includes(lang) ? lang : "en";
  document.documentElement.lang = current;
}

export function lang() {
  return current;
}

/** The interface string `key` in the language in use, `{name}` filled from `params`. */
export function t(key, params = {}) {
  const table = STRINGS[current] || STRINGS.en;
  const text = table[key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** Fill every element marked `data-i18n="key"` (its text) below `root`. */
export function applyStatic(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-label]")) {
    el.setAttribute("aria-label", t(el.dataset.i18nLabel));
  }
}

/**
 * Make an element: `h("p", {class: "x"}, "text", child)`. Strings become text nodes;
 * attributes are set as attributes (`on*` functions as listeners), never as markup.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "text") el.textContent = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/**
 * Replace the children of `el`, keeping keyboard focus on the element with the same
 * `data-key` (a redraw must not throw a keyboard user back to the top of the page) and
 * the scroll position of scrollable boxes with a `data-keep-scroll` key.
 */
export function redraw(el, ...children) {
  const active = document.activeElement;
  const inside = !!active && active !== el && el.contains(active);
  const key = inside ? active.dataset?.key : null;
  const scope = inside ? active.closest("[data-scope]")?.dataset.scope : null;
  el.replaceChildren();
  append(el, children);
  if (!inside) return;
  const again = key ? el.querySelector(`[data-key="${CSS.escape(key)}"]`) : null;
  if (again) {
    again.focus({ preventScroll: true });
    return;
  }
  // The control is gone (a card played, a table started): stay near where it was.
  const area = scope ? el.querySelector(`[data-scope="${CSS.escape(scope)}"]`) : null;
  const near = area?.querySelector("[data-focus-fallback]") ||
    area?.querySelector("button, a[href], input, select, [tabindex]");
  near?.focus({ preventScroll: true });
}

/** The content digest in `lang` (/content.json), fetched once per language. */
const digests = new Map();
export async function loadDigest(lang) {
  if (!digests.has(lang)) {
    const p = fetch(`/content.json?lang=${encodeURIComponent(lang)}`).then(async (r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json();
    });
    digests.set(lang, p);
    p.catch(() => digests.delete(lang));
  }
  return digests.get(lang);
}

/** `StrongModerate` (a view's quadrant) → `strong-moderate` (a text key's). */
export function kebab(name) {
  return String(name).replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

/** A phase's name: `Policy` (a view's) or `policy` (a summary's). */
export function phaseName(digest, phase) {
  const key = `phase.${kebab(phase)}`;
  return digest?.strings?.[key] || String(phase);
}

/** A scenario's name: `StrongModerate` or `strong-moderate`. */
export function quadrantName(digest, q) {
  const key = `quadrant.${kebab(q)}`;
  return digest?.strings?.[key] || String(q);
}

export function strengthName(s) {
  const key = `strength.${s}`;
  const text = t(key);
  return text === key ? String(s) : text;
}

/** 125 → "2:05". */
export function clock(secs) {
  const s = Math.max(0, Math.floor(secs));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** A state's name from its id, or from its seat index. */
export function stateName(digest, idOrIndex) {
  const states = digest?.states || [];
  const d = typeof idOrIndex === "number" ? states[idOrIndex] : states.find((s) => s.id === idOrIndex);
  return d ? d.name : String(idOrIndex);
}

/** Why an order is closed, from a `Closed` value: "PostureLocked" or {"Cost":{...}}. */
export function closedText(closed) {
  if (closed === null || closed === undefined) return "";
  if (typeof closed === "string") return t(`closed.${closed}`) || t("closed.other");
  const [kind, data] = Object.entries(closed)[0] || [];
  if (!kind) return t("closed.other");
  const key = `closed.${kind}`;
  const text = t(key, data && typeof data === "object" ? data : {});
  return text === key ? t("closed.other") : text;
}

/** An order ({"Posture":1}, {"Action":3}, {"Card":17}) as [kind, index]. */
export function orderParts(order) {
  const [kind, index] = Object.entries(order || {})[0] || ["", -1];
  return [kind, index];
}

/** An order's name in the digest's language. */
export function orderName(digest, order) {
  const [kind, i] = orderParts(order);
  if (kind === "Posture") return digest.postures[i]?.name ?? `#${i}`;
  if (kind === "Action") return digest.actions[i]?.name ?? `#${i}`;
  if (kind === "Card") return digest.cards[i]?.title ?? `#${i}`;
  return "?";
}

/** The WebSocket URL of this host (same origin). */
export function wsUrl() {
  const proto = location.protocol === "https:" ? "wss:" : "ws:";
  return `${proto}//${location.host}/ws`;
}

/**
 * One WebSocket to the host that comes back by itself after a drop (1 s, then 2, 4, 5 s
 * between tries), and pings now and then to stay alive through proxies.
 *   onOpen(): the socket is open (send join/resume/teacher here)
 *   onMessage(msg): a parsed message from the host
 *   onDown(secs): the socket dropped; the next try is in `secs`
 */
export class Link {
  constructor({ onOpen, onMessage, onDown }) {
    this.onOpen = onOpen;
    this.onMessage = onMessage;
    this.onDown = onDown;
    this.ws = null;
    this.wanted = false;
    this.tries = 0;
    this.retry = null;
    this.pinger = null;
  }

  get open() {
    return !!this.ws && this.ws.readyState === WebSocket.OPEN;
  }

  start() {
    this.wanted = true;
    if (!this.ws) this.connect();
  }

  /** Close now and open again at once (e.g. to resume in another language). */
  restart() {
    this.stop();
    this.start();
  }

  stop() {
    this.wanted = false;
    clearTimeout(this.retry);
    clearInterval(this.pinger);
    this.retry = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.onmessage = null;
      ws.onopen = null;
      ws.onerror = null;
      try {
        ws.close();
      } catch {
        // Already closed.
      }
    }
  }

  connect() {
    clearTimeout(this.retry);
    this.retry = null;
    let ws;
    try {
      ws = new WebSocket(wsUrl());
    } catch {
      this.down();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.tries = 0;
      clearInterval(this.pinger);
      this.pinger = setInterval(() => this.send({ t: "ping" }), 25000);
      this.onOpen?.();
    };
    ws.onmessage = (e) => {
      let msg;
      try {
        msg = JSON.parse(e.data);
      } catch {
        return;
      }
      this.onMessage?.(msg);
    };
    ws.onclose = () => {
      if (this.ws === ws) {
        this.ws = null;
        this.down();
      }
    };
    ws.onerror = () => {
      // A close follows; the retry is scheduled there.
    };
  }

  down() {
    clearInterval(this.pinger);
    if (!this.wanted) return;
    const secs = Math.min(5, 2 ** this.tries);
    this.tries += 1;
    this.onDown?.(secs);
    this.retry = setTimeout(() => {
      if (this.wanted) this.connect();
    }, secs * 1000);
  }

  send(msg) {
    if (!this.open) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }
}

/** The English/Русский switch: two buttons, the one in use pressed. */
export function langSwitch(onPick) {
  const group = h("div", { class: "langs", role: "group", "aria-label": t("lang.label") });
  for (const l of LANGS) {
    group.appendChild(
      h(
        "button",
        {
          type: "button",
          class: "lang",
          lang: l,
          "aria-pressed": l === lang() ? "true" : "false",
          dataset: { key: `lang:${l}`, lang: l },
          onclick: () => {
            if (l !== lang()) onPick(l);
          },
        },
        STRINGS[l][`lang.${l}`],
      ),
    );
  }
  return group;
}

// ---------------------------------------------------------------- the alert line

let alertTimer = null;

/** Show a message in the page's alert line (`#alert`) for twelve seconds. */
export function showAlert(text) {
  const el = document.getElementById("alert");
  if (!el) return;
  el.textContent = text;
  el.hidden = false;
  clearTimeout(alertTimer);
  alertTimer = setTimeout(hideAlert, 12000);
}

/** Hide the alert line. */
export function hideAlert() {
  clearTimeout(alertTimer);
  const el = document.getElementById("alert");
  if (!el) return;
  el.hidden = true;
  el.textContent = "";
}
