// The centre's people, for its administrators, below the dashboard: each mediator's load and the
// regions they serve, edited in place (capacity, regions), deactivated (their open cases are then
// unassigned and the administrators told to reassign each) or activated again; and the centre's
// administrators, whom a platform administrator may remove. The browser's own validation is off
// so that every message is in the reader's language.
import { api, ApiError } from "../../api.js";
import { announce, h } from "../../dom.js";
import { t } from "../../i18n.js";
import { clearProblems, control, problemBox, sayProblems, sayRefusal } from "../form.js";
import { formatDate } from "./common.js";

// The centres the reader administers, each with its mediators and administrators.
async function administered() {
  const { centres } = await api("GET", "/api/centres");
  const found = [];
  for (const centre of centres) {
    try {
      const { mediators } = await api("GET", `/api/centres/${centre.id}/mediators`);
      const { admins } = await api("GET", `/api/centres/${centre.id}/admins`);
      found.push({ centre, mediators, admins });
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure; // a mediator's own centre: not administered
    }
  }
  return found;
}

function regionsText(m) {
  return m.regions.length ? m.regions.join(", ") : t("centre.people.all_regions");
}

function mediatorCard(centre, m, redraw) {
  const key = `m-${m.id}`;
  const save = h("button", { type: "submit", class: "button primary" }, t("centre.people.save"));
  const toggle = h(
    "button",
    { type: "button", class: m.active ? "button danger" : "button" },
    t(m.active ? "centre.people.deactivate" : "centre.people.activate"),
  );
  const form = h(
    "form",
    { class: "action-form people-form", novalidate: true, "aria-labelledby": `${key}-name` },
    control("input", `${key}-capacity`, t("centre.people.capacity"), {
      type: "number",
      min: 1,
      max: 1000,
      step: 1,
      value: m.capacity,
    }),
    control(
      "input",
      `${key}-regions`,
      t("centre.people.regions"),
      { type: "text", value: m.regions.join(", "), autocomplete: "off" },
      t("centre.people.regions_hint"),
    ),
    control(
      "input",
      `${key}-away`,
      t("centre.people.away_until"),
      { type: "date", value: m.away_until || "" },
      t("centre.people.away_hint"),
    ),
    h("p", { class: "actions" }, save, " ", toggle),
    problemBox(),
  );
  const capacity = form.querySelector(`#f-${key}-capacity`);
  const regions = form.querySelector(`#f-${key}-regions`);
  const away = form.querySelector(`#f-${key}-away`);
  const send = async (body, said) => {
    clearProblems(form);
    save.disabled = toggle.disabled = true;
    try {
      const changed = await api("PATCH", `/api/centres/${centre.id}/mediators/${m.id}`, body);
      announce(said(changed));
      await redraw(said(changed));
    } catch (failure) {
      sayRefusal(form, failure, {
        capacity: `${key}-capacity`,
        regions: `${key}-regions`,
        away_until: `${key}-away`,
      });
    } finally {
      save.disabled = toggle.disabled = false;
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const number = Number(capacity.value);
    if (!Number.isInteger(number) || number < 1 || number > 1000)
      return sayProblems(form, [[`${key}-capacity`, t("centre.people.capacity_invalid")]]);
    const list = regions.value
      .split(",")
      .map((r) => r.trim())
      .filter(Boolean);
    const body = { capacity: number, regions: list, away_until: away.value || null };
    return send(body, () => t("centre.people.saved", { name: m.name }));
  });
  toggle.addEventListener("click", () =>
    send({ active: !m.active }, (changed) =>
      changed.mediator.active
        ? t("centre.people.activated", { name: m.name })
        : t("centre.people.deactivated", { name: m.name, count: changed.unassigned_cases.length }),
    ),
  );
  return h(
    "li",
    { class: "people-card", "data-mediator": m.id },
    h("h4", { id: `${key}-name` }, m.name),
    h(
      "p",
      { class: "meta" },
      t("centre.people.load", { load: m.load, capacity: m.capacity }),
      " · ",
      regionsText(m),
      m.active ? "" : [" · ", h("strong", {}, t("centre.people.inactive"))],
      m.away_until ? [" · ", t("centre.people.away", { date: formatDate(`${m.away_until}T12:00`) })] : "",
    ),
    form,
  );
}

function adminItem(centre, admin, removable, redraw) {
  const remove = h("button", { type: "button", class: "button danger" }, t("centre.people.remove", admin));
  remove.addEventListener("click", async () => {
    remove.disabled = true;
    try {
      await api("DELETE", `/api/centres/${centre.id}/admins/${admin.user_id}`);
      announce(t("centre.people.removed", admin));
      await redraw(t("centre.people.removed", admin));
    } catch (failure) {
      if (!(failure instanceof ApiError)) throw failure;
      remove.disabled = false;
      announce(t("centre.people.failed"));
    }
  });
  return h("li", {}, `${admin.name} <${admin.email}> `, removable ? remove : null);
}

function centreBlock(entry, platformAdmin, redraw) {
  const { centre, mediators, admins } = entry;
  const id = `people-${centre.id}`;
  return h(
    "section",
    { class: "people-centre", "aria-labelledby": id },
    h("h3", { id }, t("centre.people.centre", { name: centre.name, region: centre.region })),
    h("h4", {}, t("centre.people.mediators")),
    mediators.length
      ? h(
          "ul",
          { class: "people-list" },
          mediators.map((m) => mediatorCard(centre, m, redraw)),
        )
      : h("p", { class: "meta" }, t("centre.people.none")),
    h("h4", {}, t("centre.people.admins")),
    admins.length
      ? h(
          "ul",
          { class: "people-admins" },
          admins.map((a) => adminItem(centre, a, platformAdmin, redraw)),
        )
      : h("p", { class: "meta" }, t("centre.people.no_admins")),
  );
}

// The section, or "" for a reader who administers no centre; it redraws itself after a change,
// with what changed said in its status line.
export async function peopleSection(user) {
  const section = h("section", { class: "people", "aria-labelledby": "people-title" });
  const draw = async (said = "") => {
    const entries = await administered();
    section.replaceChildren(
      h("h2", { id: "people-title" }, t("centre.people.title")),
      said ? h("p", { class: "meta", id: "people-status" }, said) : "",
      ...entries.map((entry) => centreBlock(entry, user.role === "admin", draw)),
    );
    return entries.length;
  };
  return (await draw()) ? section : "";
}
