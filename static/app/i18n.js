// Every string the UI shows comes from here, in Kazakh, Russian and English. The language is
// the one the person chose (kept in localStorage), else the browser's, else Kazakh.
//
// Only the catalogue of the language in use is loaded (each is 40–60 KB), when the app starts and
// when the person switches language. The strings of one feature's pages (the conciliation
// centre's, blind bidding's, …) are a "part" of their own, added only once a page of that feature
// asks for them (useStrings); later language switches bring every part asked for along. t() stays
// synchronous: main.js awaits the catalogue before it draws anything in that language.

export const LANGUAGES = ["kk", "ru", "en"];

// Literal paths, one per file, so every catalogue is a plain module the server serves as is.
const MAIN = {
  kk: () => import("./locales/kk.js"),
  ru: () => import("./locales/ru.js"),
  en: () => import("./locales/en.js"),
};
// part → language → its module: locales/<part>/<language>.js
const PARTS = {
  documents: {
    kk: () => import("./locales/documents/kk.js"),
    ru: () => import("./locales/documents/ru.js"),
    en: () => import("./locales/documents/en.js"),
  },
  caucus: {
    kk: () => import("./locales/caucus/kk.js"),
    ru: () => import("./locales/caucus/ru.js"),
    en: () => import("./locales/caucus/en.js"),
  },
  centre: {
    kk: () => import("./locales/centre/kk.js"),
    ru: () => import("./locales/centre/ru.js"),
    en: () => import("./locales/centre/en.js"),
  },
  intake: {
    kk: () => import("./locales/intake/kk.js"),
    ru: () => import("./locales/intake/ru.js"),
    en: () => import("./locales/intake/en.js"),
  },
  bidding: {
    kk: () => import("./locales/bidding/kk.js"),
    ru: () => import("./locales/bidding/ru.js"),
    en: () => import("./locales/bidding/en.js"),
  },
  division: {
    kk: () => import("./locales/division/kk.js"),
    ru: () => import("./locales/division/ru.js"),
    en: () => import("./locales/division/en.js"),
  },
  mechanisms: {
    kk: () => import("./locales/mechanisms/kk.js"),
    ru: () => import("./locales/mechanisms/ru.js"),
    en: () => import("./locales/mechanisms/en.js"),
  },
  referral: {
    kk: () => import("./locales/referral/kk.js"),
    ru: () => import("./locales/referral/ru.js"),
    en: () => import("./locales/referral/en.js"),
  },
  sessions: {
    kk: () => import("./locales/sessions/kk.js"),
    ru: () => import("./locales/sessions/ru.js"),
    en: () => import("./locales/sessions/en.js"),
  },
  notify: {
    kk: () => import("./locales/notify/kk.js"),
    ru: () => import("./locales/notify/ru.js"),
    en: () => import("./locales/notify/en.js"),
  },
  guidance: {
    kk: () => import("./locales/guidance/kk.js"),
    ru: () => import("./locales/guidance/ru.js"),
    en: () => import("./locales/guidance/en.js"),
  },
  signing: {
    kk: () => import("./locales/signing/kk.js"),
    ru: () => import("./locales/signing/ru.js"),
    en: () => import("./locales/signing/en.js"),
  },
  practice: {
    kk: () => import("./locales/practice/kk.js"),
    ru: () => import("./locales/practice/ru.js"),
    en: () => import("./locales/practice/en.js"),
  },
  verification: {
    kk: () => import("./locales/verification/kk.js"),
    ru: () => import("./locales/verification/ru.js"),
    en: () => import("./locales/verification/en.js"),
  },
  fulfilment: {
    kk: () => import("./locales/fulfilment/kk.js"),
    ru: () => import("./locales/fulfilment/ru.js"),
    en: () => import("./locales/fulfilment/en.js"),
  },
  enforcement: {
    kk: () => import("./locales/enforcement/kk.js"),
    ru: () => import("./locales/enforcement/ru.js"),
    en: () => import("./locales/enforcement/en.js"),
  },
  reports: {
    kk: () => import("./locales/reports/kk.js"),
    ru: () => import("./locales/reports/ru.js"),
    en: () => import("./locales/reports/en.js"),
  },
  room: {
    kk: () => import("./locales/room/kk.js"),
    ru: () => import("./locales/room/ru.js"),
    en: () => import("./locales/room/en.js"),
  },
};

const catalogs = {}; // language → the strings loaded so far (only ever added to)
const loadedParts = {}; // language → the parts its catalogue includes
const wanted = new Set(); // the parts some page has asked for
let current = "kk";
let switches = 0;

export function detectLanguage() {
  const saved = localStorage.getItem("kelisim.lang");
  if (LANGUAGES.includes(saved)) return saved;
  for (const tag of navigator.languages || [navigator.language || ""]) {
    const base = tag.toLowerCase().split("-")[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return "kk";
}

// Loads what this language needs (the module loader fetches each file once). Throws when a
// file cannot be fetched; what was loaded before stays usable.
async function load(lang) {
  loadedParts[lang] ??= new Set();
  const have = loadedParts[lang];
  const missing = [...wanted].filter((part) => !have.has(part));
  if (catalogs[lang] && missing.length === 0) return;
  const modules = await Promise.all([MAIN[lang](), ...missing.map((part) => PARTS[part][lang]())]);
  catalogs[lang] = Object.assign({ ...catalogs[lang] }, ...modules.map((m) => m.default));
  for (const part of missing) have.add(part);
}

// Switches to `lang` once its strings are here. Resolves to false when a later switch overtook
// this one (the later one wins); rejects, keeping the current language, when loading fails.
export async function useLanguage(lang) {
  const next = LANGUAGES.includes(lang) ? lang : "kk";
  const ticket = ++switches;
  await load(next);
  if (ticket !== switches) return false;
  current = next;
  localStorage.setItem("kelisim.lang", current);
  document.documentElement.lang = current;
  return true;
}

// A feature's pages call this before drawing, e.g. useStrings("bidding", "mechanisms").
export async function useStrings(...parts) {
  for (const part of parts) wanted.add(part);
  await load(current);
}

// The centre's pages call this before drawing.
export function useCentreStrings() {
  return useStrings("centre");
}

export function language() {
  return current;
}

// t("key", {name: "A"}) → the string with {name} replaced; the key itself if it is missing.
export function t(key, params = {}) {
  const text = catalogs[current]?.[key] ?? catalogs.en?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}
