// The creditor's application to the court for a writ of execution (#18), under the tracker: a
// party owed an obligation in default drafts it in one step (in Kazakh or Russian, for the court
// the settlement names or one it chooses), then downloads the sealed PDF and sees whether the
// court registered it (POST /api/cases/{id}/settlement/writ-application, GET …/writ-applications,
// docs/api.md "Reminders, a missed date, the writ application").
//
// writBox(page) is built once per page: { element, update(schedule) }. The tracker calls update
// with each schedule it draws; the box shows itself to a party owed a due in default, or who has
// applied before, and keeps what is typed in it across the tracker's redraws.
import { api, ApiError } from "../../api.js";
import { announce, h } from "../../dom.js";
import { formatDay as day, formatMoney as money } from "../../format.js";
import { language, t } from "../../i18n.js";
import { refusalText } from "../../refusals.js";
import { control, problemBox, sayProblems } from "../form.js";

const AT_COURT = ["no_court", "unknown_court"];
const OWN_REFUSALS = ["not_in_default", "not_signed", ...AT_COURT];
const LANGUAGES = ["kk", "ru"];

// Whole tiyn as the decimal string formatMoney reads ("20110000" → "201100.00"), without floats.
export function tiynAmount(tiyn) {
  const digits = String(tiyn).padStart(3, "0");
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function totalText(application) {
  return Object.entries(application.sums.total_tiyn)
    .map(([currency, tiyn]) => money(tiynAmount(tiyn), currency))
    .join("; ");
}

function applicationItem(application) {
  const status = application.court_case_number
    ? t("enforcement.registered", { number: application.court_case_number })
    : t("enforcement.sent");
  return h(
    "li",
    { class: "writ-application" },
    h(
      "p",
      {},
      t("enforcement.item", {
        date: day(application.created_at),
        court: application.court.name,
        total: totalText(application),
      }),
    ),
    h("p", { class: "hint" }, status),
    h("a", { href: application.links.pdf, download: "" }, t("enforcement.download")),
  );
}

export function writBox(page) {
  const element = h("section", { class: "writ", "aria-labelledby": "writ-title", hidden: true });
  const list = h("ul", { class: "writ-applications" });
  const box = { asked: false, built: false, owed: false };

  function show() {
    element.hidden = !box.built || !(box.owed || list.children.length);
  }

  async function refreshList() {
    const { applications } = await api("GET", `${page.url}/writ-applications`);
    list.replaceChildren(...applications.map(applicationItem));
    show();
  }

  function form(courts) {
    const preferred = LANGUAGES.includes(language()) ? language() : "ru";
    const languages = LANGUAGES.map((code) =>
      h("option", { value: code, selected: code === preferred }, t(`enforcement.language.${code}`)),
    );
    const courtOptions = [
      h("option", { value: "" }, t("enforcement.court.named")),
      ...courts.map((c) => h("option", { value: c.code }, c.name)),
    ];
    const sent = h("form", { class: "writ-form", novalidate: true }, [
      control("select", "writ_language", t("enforcement.language"), {}, "", languages),
      control("select", "writ_court", t("enforcement.court"), {}, "", courtOptions),
      problemBox(),
      h("button", { type: "submit" }, t("enforcement.make")),
    ]);
    sent.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = sent.querySelector("button");
      const court = sent.elements.writ_court.value;
      const body = { language: sent.elements.writ_language.value, ...(court ? { court_code: court } : {}) };
      button.disabled = true;
      try {
        await api("POST", `${page.url}/writ-application`, body);
        sayProblems(sent, []);
        announce(t("enforcement.made"));
        await refreshList();
        list.querySelector("a")?.focus();
      } catch (error) {
        if (error instanceof ApiError && OWN_REFUSALS.includes(error.code)) {
          const at = AT_COURT.includes(error.code) ? "writ_court" : null;
          sayProblems(sent, [[at, t(`enforcement.refused.${error.code}`)]]);
        } else {
          sayProblems(sent, [[null, refusalText(error)]]);
        }
      } finally {
        button.disabled = false;
      }
    });
    return sent;
  }

  async function build() {
    const { courts } = await api("GET", "/api/courts");
    element.replaceChildren(
      h("h3", { id: "writ-title" }, t("enforcement.title")),
      h("p", {}, t("enforcement.intro")),
      form(courts),
      h("h4", {}, t("enforcement.mine")),
      list,
    );
    box.built = true;
    show();
  }

  function update(schedule) {
    if (schedule.me === "mediator") return;
    box.owed = schedule.dues.some((d) => d.state === "in_default" && d.creditor === schedule.me);
    if (!box.asked) {
      box.asked = true;
      Promise.all([build(), refreshList()]).catch(() => {
        box.asked = false; // offline for a moment: the next draw asks again
      });
    }
    show();
  }

  return { element, update };
}
