// Every string the UI shows comes from here, in Kazakh, Russian and English. The language is
// the one the person chose (kept in localStorage), else the browser's, else Kazakh.

import centreEn from "./locales/centre/en.js";
import centreKk from "./locales/centre/kk.js";
import centreRu from "./locales/centre/ru.js";
import en from "./locales/en.js";
import kk from "./locales/kk.js";
import ru from "./locales/ru.js";

const CATALOGS = { kk: { ...kk, ...centreKk }, ru: { ...ru, ...centreRu }, en: { ...en, ...centreEn } };
export const LANGUAGES = Object.keys(CATALOGS);
let current = "kk";

export function detectLanguage() {
  const saved = localStorage.getItem("kelisim.lang");
  if (LANGUAGES.includes(saved)) return saved;
  for (const tag of navigator.languages || [navigator.language || ""]) {
    const base = tag.toLowerCase().split("-")[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return "kk";
}

export function setLanguage(lang) {
  current = LANGUAGES.includes(lang) ? lang : "kk";
  localStorage.setItem("kelisim.lang", current);
  document.documentElement.lang = current;
}

export function language() {
  return current;
}

// t("key", {name: "A"}) → the string with {name} replaced; falls back to English, then the key.
export function t(key, params = {}) {
  const text = CATALOGS[current][key] ?? CATALOGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

export function hasKey(lang, key) {
  return key in CATALOGS[lang];
}
