// The simple alternative to typing points: put the items in order, and the order becomes points.
//
// Borda-like weights (the first of n items weighs n, the last 1), scaled to 100 and rounded by
// the largest remainder so that they add up to exactly 100; ties in the remainder go to the item
// ranked higher, so an item never gets more points than one ranked above it. The points are
// written into the form for the person to see and adjust before saving: nothing is sent here.
import { announce, h } from "../../dom.js";
import { t } from "../../i18n.js";
import { importanceList } from "../importance.js";

// Item names in order of importance → {name: points}, whole numbers adding up to 100.
export function pointsFromOrder(names) {
  const n = names.length;
  const total = (n * (n + 1)) / 2;
  const shares = names.map((name, i) => {
    const exact = (100 * (n - i)) / total;
    return { name, i, points: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let left = 100 - shares.reduce((sum, s) => sum + s.points, 0);
  for (const share of [...shares].sort((a, b) => b.rest - a.rest || a.i - b.i)) {
    if (left <= 0) break;
    share.points += 1;
    left -= 1;
  }
  return Object.fromEntries(shares.map((s) => [s.name, s.points]));
}

// A folded panel with the items to put in order; `fill(points)` writes them into the form.
export function rankingPanel(items, fill) {
  const list = importanceList(items.map((item) => ({ name: item.id, label: item.name })));
  const apply = () => {
    const points = pointsFromOrder(list.order());
    fill(points);
    const said = items.map((item) => `${item.name} ${points[item.id]}`).join(", ");
    announce(t("division.rank_done", { points: said }));
  };
  return h(
    "details",
    { class: "ranking" },
    h("summary", { id: "importance-title" }, t("division.rank_title")),
    h("p", { class: "hint", id: "importance-hint" }, t("division.rank_hint")),
    list.element,
    h("p", {}, h("button", { type: "button", class: "button", onclick: apply }, t("division.rank_apply"))),
  );
}
