// Every string the UI shows comes from here, in Kazakh, Russian and English. The language is
// the one the person chose (kept in localStorage), else the browser's, else Kazakh.
//
// Only the catalogue of the language in use is loaded (each is 40–60 KB), when the app starts and
// when the person switches language; the conciliation centre's strings are added only once a
// staff page asks for them (useCentreStrings). t() stays synchronous: main.js awaits the
// catalogue before it draws anything in that language.

export const LANGUAGES = ["kk", "ru", "en"];

// Literal paths, one per file, so every catalogue is a plain module the server serves as is.
const MAIN = {
  kk: () => import("./locales/kk.js"),
  ru: () => import("./locales/ru.js"),
  en: () => import("./locales/en.js"),
};
const CENTRE = {
  kk: () => import("./locales/centre/kk.js"),
  ru: () => import("./locales/centre/ru.js"),
  en: () => import("./locales/centre/en.js"),
};

const catalogs = {}; // language → the strings loaded so far (only ever added to)
const withCentre = new Set(); // languages whose catalogue includes the centre's strings
let centreWanted = false;
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
  const centre = centreWanted;
  if (catalogs[lang] && (!centre || withCentre.has(lang))) return;
  const modules = await Promise.all([MAIN[lang](), ...(centre ? [CENTRE[lang]()] : [])]);
  catalogs[lang] = Object.assign({ ...catalogs[lang] }, ...modules.map((m) => m.default));
  if (centre) withCentre.add(lang);
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

// The centre's pages call this before drawing; later language switches bring them along.
export async function useCentreStrings() {
  centreWanted = true;
  await load(current);
}

export function language() {
  return current;
}

// t("key", {name: "A"}) → the string with {name} replaced; the key itself if it is missing.
export function t(key, params = {}) {
  const text = catalogs[current]?.[key] ?? catalogs.en?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}
