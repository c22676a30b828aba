// The engine's language-neutral messages (negotiation/explain.py, negotiation/agreement_zone.py)
// in the person's language, with the case's own labels for issues and options.
import { h } from "./dom.js";
import { t } from "./i18n.js";
import { formatAmount, issueLabel, optionLabel } from "./issues.js";

export const CRITERIA = ["nash", "kalai_smorodinsky", "utilitarian", "alternative"];

export function criterionName(criterion) {
  return t(CRITERIA.includes(criterion) ? `criterion.${criterion}` : "criterion.alternative");
}

export function criterionText(criterion) {
  return t(CRITERIA.includes(criterion) ? `criterion.${criterion}_text` : "criterion.alternative_text");
}

function params(c, message) {
  const p = { ...message.params };
  if (p.issue !== undefined) {
    if (p.option !== undefined) p.option = optionLabel(c, p.issue, p.option);
    if (p.preferred !== undefined) p.preferred = optionLabel(c, p.issue, p.preferred);
    if (p.value !== undefined) p.option = formatAmount(p.value, p.unit || "");
    p.issue = issueLabel(c, p.issue);
  }
  return p;
}

const KNOWN = [
  "explain.gain_share",
  "explain.vs_walk_away",
  "explain.at_best",
  "explain.vs_best",
  "explain.wins_issue",
  "explain.gives_up",
  "explain.above_walk_away", // proposals stored before #13 still carry it
  "advice.lower_reservation",
  "advice.accept_option",
  "advice.relax_together",
  "advice.not_on_your_side",
  "advice.unknown",
];

export function messageText(c, message) {
  const key = message.key;
  return t(KNOWN.includes(key) ? key : "explain.other", params(c, message));
}

// "What you gain": a bar with its value written out (never colour or length alone).
export function gainBar(percent, id) {
  const bar = h("span", { class: "gain-fill" });
  bar.style.width = `${Math.max(0, Math.min(100, percent))}%`; // CSSOM: allowed by the CSP
  return h(
    "div",
    { class: "gain" },
    h("p", { class: "gain-label", id }, t("explain.gain_share", { percent })),
    h("span", { class: "gain-track", "aria-hidden": "true" }, bar),
  );
}

// One list item per message, its key as a class ("explain-vs_best"): the concessions are listed
// under "compared with the best you could get" (they are measured against that very package), so
// the percentage, the gap and what is given up read as one story.
export function explanation(c, messages, idPrefix) {
  const gain = messages.find((m) => m.key === "explain.gain_share");
  const concessions = messages.filter((m) => m.key === "explain.gives_up");
  const gap = messages.find((m) => m.key === "explain.vs_best");
  const item = (m, ...children) =>
    h("li", { class: `explain-${m.key.replace(/^explain\./, "")}` }, messageText(c, m), ...children);
  const rest = messages.filter((m) => m !== gain && !(gap && m.key === "explain.gives_up"));
  return [
    gain ? gainBar(Number(gain.params.percent), `${idPrefix}-gain`) : null,
    rest.length
      ? h(
          "ul",
          { class: "explain" },
          rest.map((m) =>
            m === gap && concessions.length
              ? item(
                  m,
                  h(
                    "ul",
                    { class: "explain concessions" },
                    concessions.map((x) => item(x)),
                  ),
                )
              : item(m),
          ),
        )
      : null,
  ];
}

// Two criteria may pick the same package: show it once, under both names.
export function distinct(packages) {
  const seen = new Map();
  for (const pkg of packages) {
    const key = JSON.stringify(Object.entries(pkg.choice).sort());
    if (seen.has(key)) seen.get(key).criteria.push(pkg.criterion);
    else seen.set(key, { ...pkg, criteria: [pkg.criterion] });
  }
  return [...seen.values()];
}
