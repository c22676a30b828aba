// Fair division of items (#/cases/{id}/division): I share 100 points among the items in private
// (./division/points_form.js), wait for the other party's, then read the proposed allocation,
// why it is fair to me in my own points, and offer, accept or change it in the room
// (./division/allocation.js); beside it, for two parties only, Adjusted Winner's equal shares.
// The other parties (one or up to nine) are named together wherever the page speaks of them. The
// page follows the room: their points arriving, a new allocation, offers on it and the agreement
// redraw it without a reload.
import { api } from "../api.js";
import { announce, h, mount, onLeave } from "../dom.js";
import { t } from "../i18n.js";
import { roomFor } from "../room/live.js";
import { foldRoom } from "../room/state.js";
import { currentUser } from "../session.js";
import { agreedPart, allocationsPart } from "./division/allocation.js";
import { pointsForm } from "./division/points_form.js";
import { otherParties, othersNames } from "./other_parties.js";
import { itemPhotosPanel } from "./intake/item_photo.js";

const ROOM_MOVES = ["offer", "counter_offer", "accept", "reject", "withdraw", "agreement"];

// My points as I stated them; asked for only when the case says there are some (no 404 logged).
async function myPoints(c) {
  return c.my_points_stated ? (await api("GET", `/api/cases/${c.id}/points`)).points : null;
}

// What the status box says for this answer of GET …/division: [key, heading?] or null.
function standing(c, division) {
  if (c.status !== "open") return null;
  if (!division.points_stated) return ["division.yours_first", null];
  const several = otherParties(c).length > 1; // the words for two stay as they were
  if (!division.all_submitted)
    return several
      ? ["division.waiting_others_text", "division.waiting_others"]
      : ["division.waiting_text", "division.waiting"];
  if (!division.allocation) return [several ? "division.computing_all" : "division.computing", null];
  return null;
}

export async function divisionPage(caseId) {
  if (!(await currentUser())) {
    location.hash = "#/login";
    return;
  }
  const c = await api("GET", `/api/cases/${encodeURIComponent(caseId)}`);
  const otherName = othersNames(c); // every other party taking part: "Ruslan, Dana and Erlan"
  const head = [
    h("p", { class: "crumbs" }, h("a", { href: `#/cases/${c.id}` }, t("cases.reference", { reference: c.reference }))),
    h("h1", {}, t("division.title")),
  ];
  const stop = (text) =>
    mount(
      ...head,
      h("p", {}, text),
      h("p", {}, h("a", { class: "button", href: `#/cases/${c.id}` }, t("division.to_case"))),
    );
  if (c.mechanism !== "division") return stop(t("division.not_division"));
  if (c.status === "awaiting_respondent") return stop(t("division.not_joined", { name: otherName }));

  let division = await api("GET", `/api/cases/${c.id}/division`);
  const saved = c.status === "open" ? await myPoints(c) : null;
  const room = c.status === "open" || c.status === "agreed" ? roomFor(c.id) : null;
  let state = foldRoom(room?.events ?? []);

  const status = h("div", { class: "division-status" });
  const proposal = h("div", { class: "division-proposal" });
  const send = (type, body) => {
    room.send(type, body);
    announce(t("division.accept_sent"));
  };
  let said = null; // the status key drawn last: a refresh that changes it is news worth saying
  const memory = {}; // the Adjusted Winner way I picked, kept across redraws

  const drawStatus = () => {
    const now = state.agreement ? null : standing(c, division);
    status.hidden = !now;
    if (!now) status.replaceChildren();
    else {
      const [text, title] = now;
      status.className = `division-status notice${title ? " waiting" : ""}`;
      const words = h("p", {}, t(text, { name: otherName }));
      status.replaceChildren(...(title ? [h("h2", {}, t(title)), words] : [words]));
    }
    const key = now?.[0] ?? null;
    const changed = said !== null && key !== said && key !== null;
    said = key ?? "";
    return changed ? t(key, { name: otherName }) : null;
  };
  const drawProposal = () => {
    if (state.agreement) proposal.replaceChildren(agreedPart(c, state.agreement, division, state));
    else if (division.allocation) {
      proposal.replaceChildren(allocationsPart(c, division, state, { otherName, send, memory }));
    } else proposal.replaceChildren();
  };
  const form =
    c.status === "open" && !state.agreement ? pointsForm(c, saved, { otherName, onSaved: () => refresh() }) : null;
  const closed = c.status === "open" || c.status === "agreed" ? null : h("p", {}, t("division.closed"));

  let refreshing = null;
  let again = false;
  const refresh = async () => {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        division = await api("GET", `/api/cases/${c.id}/division`);
      } while (again);
    })();
    try {
      await refreshing;
    } finally {
      refreshing = null;
    }
    const news = drawStatus();
    drawProposal();
    if (news) announce(news);
  };

  // mount() puts every argument in the page (a null would show as "null").
  const photos = itemPhotosPanel(c); // what each item is, as the parties photographed it
  mount(...[...head, h("p", {}, t("division.intro")), closed, status, proposal, form, photos].filter(Boolean));
  drawStatus();
  drawProposal();
  if (!room) return;

  let shownVersion = division.allocation?.version ?? 0;
  const unsubscribe = room.subscribe(async (change) => {
    if (change.type === "reset") {
      state = foldRoom(room.events);
      drawProposal();
      return;
    }
    if (change.type !== "event") return;
    state = foldRoom(room.events);
    const { event, data } = change.event;
    if (event === "points_submitted" && !division.all_submitted) {
      await refresh();
    } else if (event === "proposals_ready" && data.version > shownVersion) {
      shownVersion = data.version;
      await refresh();
      announce(t("division.arrived"));
    } else if (ROOM_MOVES.includes(event)) {
      drawStatus();
      drawProposal();
      if (event === "agreement") {
        form?.remove();
        announce(t("division.agreed_title"));
      }
    }
  });
  onLeave(unsubscribe);
}
