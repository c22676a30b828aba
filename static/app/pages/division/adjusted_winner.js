// Adjusted Winner beside the maximum-Nash-welfare allocation: each of us gets the same share by
// our own points, and at most one item is shared. The shared item is kept by the larger share,
// who pays the other (or, if we prefer, it is sold and the money divided): the server proposes
// each way as its own allocation (odr/negotiating/division_aw.py), and this card lets me pick the
// way, then offer or accept it in the room like any allocation.
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { issueOf, isItem, labelIn, partyName } from "../../issues.js";
import { offerActions, offers } from "./offer_actions.js";
import { reason, splitText } from "./reasons.js";

// The items and who receives each, the shared one with its terms (no equalisation: the
// compensation is Adjusted Winner's only payment).
export function awItemsView(c, allocation, attrs = {}) {
  const split = allocation.split;
  return h(
    "dl",
    { class: "package package-items", ...attrs },
    c.issues
      .filter((issue) => isItem(issue) && issue.name in allocation.choice)
      .map((issue) =>
        h(
          "div",
          { class: "package-row" },
          h("dt", {}, labelIn(issue)),
          h(
            "dd",
            {},
            split?.item === issue.name
              ? splitText(c, split)
              : t("division.goes_to", { name: partyName(c, allocation.choice[issue.name]) }),
          ),
        ),
      ),
  );
}

// The way shown: the one offered in the room if it is one of these, else the one I picked last
// (`memory` outlives a redraw), else keep-and-pay.
function initialWay(ways, state, awIds, memory) {
  const offered = ways.find((way) => offers(state.live, way, awIds));
  return offered ?? ways.find((way) => way.package_id === memory.picked) ?? ways[0];
}

export function adjustedWinnerCard(c, ways, state, options) {
  const awIds = new Set(ways.map((way) => way.package_id));
  const memory = options.memory ?? {};
  let chosen = initialWay(ways, state, awIds, memory);
  const body = h("div", { class: "aw-way" });
  const draw = () => {
    const reasons = chosen.explanation.map((m) => reason(c, m, options.otherName)).filter(Boolean);
    const own = reasons.slice(0, 3); // the shared item's terms are in the list of items
    body.replaceChildren(
      awItemsView(c, chosen, { "aria-labelledby": "aw-title" }),
      h("h3", { id: "aw-why-title" }, t("division.why_title")),
      h(
        "ul",
        { class: "explain", "aria-labelledby": "aw-why-title" },
        own.map((text) => h("li", {}, text)),
      ),
      ...(c.status === "open"
        ? offerActions(c, chosen, state, {
            ...options,
            awIds,
            view: () => awItemsView(c, chosen),
            offerLabel: t("division.aw_offer"),
            changeable: false,
          })
        : []),
    );
  };
  const shared = ways.find((way) => way.split)?.split;
  const picker =
    ways.length > 1
      ? h(
          "fieldset",
          { class: "choice-group" },
          h("legend", {}, t("division.aw_way", { item: labelIn(issueOf(c, shared.item)) })),
          ways.map((way) =>
            h(
              "label",
              { class: "radio choice" },
              h("input", {
                type: "radio",
                name: "aw-way",
                value: way.package_id,
                checked: way === chosen,
                onchange: () => {
                  chosen = way;
                  memory.picked = way.package_id;
                  draw();
                },
              }),
              h("span", {}, t(way.split.settle === "sale" ? "division.aw_way_sale" : "division.aw_way_keep")),
            ),
          ),
        )
      : null;
  draw();
  return h(
    "section",
    { class: "card allocation", "aria-labelledby": "aw-title" },
    h("h2", { id: "aw-title", tabindex: "-1" }, t("division.aw_title")),
    h("p", { class: "hint" }, t(shared ? "division.aw_intro_split" : "division.aw_intro")),
    picker,
    body,
  );
}
