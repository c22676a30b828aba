// A settlement in plain words: who pays whom, how much, by when; the whole record as a person
// reads it before signing. Only text nodes (dom.js), so names typed by a party stay text.
import { h } from "./dom.js";
import { formatDay as day, formatMoment as moment, formatMoney as money } from "./format.js";
import { language, t } from "./i18n.js";
import { plural } from "./refusals.js";

const OTHER = { claimant: "respondent", respondent: "claimant" };

// The other party of a two-party settlement (undefined among three or more: see othersOf).
export function otherRole(role) {
  return OTHER[role];
}

// The settlement's parties' keys in party order (claimant, respondent, party3 …): every party
// still taking part when it was drafted (the answer's party_list; older answers had two).
export function partyRoles(s) {
  return s.party_list ? s.party_list.map((p) => p.role) : ["claimant", "respondent"];
}

// Everyone but `me`, in party order.
export function othersOf(s, me) {
  return partyRoles(s).filter((role) => role !== me);
}

// Several names in one line: "Aigerim, Ruslan, Dana".
export function nameList(names, roles) {
  return roles.map((role) => names[role]).join(", ");
}

// A party as a settlement of three or more names it: "Party 3" ("Сторона 3"), the number
// its key has (party3; the claimant 1, the respondent 2), as the document numbers it.
export function partyNumber(role) {
  return role === "claimant" ? 1 : role === "respondent" ? 2 : Number(role.replace("party", ""));
}

// "claimant", "respondent", or "party 3" (a party invited third, fourth…).
export function roleWord(role) {
  return role === "claimant" || role === "respondent"
    ? t(`role.${role}`)
    : t("signing.party.word", { n: partyNumber(role) });
}

// A party's role word: "Claimant", "Respondent" between two; "Party 3 (the claimant's side)"
// among three or more.
export function roleTitle(role, side, several) {
  if (!several) return t(`settlement.role.${role}`);
  return t("signing.party.title", { n: partyNumber(role), side: t(`signing.party.side.${side}`) });
}

// A text field of the terms in the reader's words: a coded choice ({code: "bank_transfer"}) from
// the catalogue (`kind` is "basis", "method" or "state_fee"); a party's own text given per
// language ({kk, ru}) in the reader's language, else the one it has; one text as typed.
export function termText(value, kind) {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (value.code) return t(`settlement.code.${kind}.${value.code}`);
  return value[language()] || value.ru || value.kk || value.en || "";
}

// Language codes of a document: "kk", "ru", "en" or the bilingual "kk+ru".
export function languageName(code) {
  return t(`settlement.lang.${String(code).replace("+", "_")}`);
}

// A party as the document names it: "Aigerim Sadykova", "ТОО «Мебель Плюс»".
export function partyName(details) {
  if (!details) return null;
  if (details.kind === "organisation") return `${details.legal_form} ${details.full_name ?? details.name}`.trim();
  return details.full_name;
}

// Each role's name: as the party entered it for the document, else its account's name.
export function namesOf(settlement, c) {
  const names = {};
  for (const role of partyRoles(settlement)) {
    names[role] =
      partyName(settlement.parties[role]) ||
      settlement.party_list?.find((p) => p.role === role)?.display_name ||
      c.parties.find((p) => p.role === role)?.display_name ||
      t(`role.${role}`);
  }
  return names;
}

// A power of attorney in one sentence: number, date, who issued it, and the right to settle.
export function poaLine(poa) {
  if (!poa) return "";
  return t("settlement.poa_line", { number: poa.number, date: day(poa.date), issued_by: poa.issued_by });
}

function who(role, names, myRole) {
  return role === myRole ? t("settlement.you_mark", { name: names[role] }) : names[role];
}

function row(term, ...value) {
  return h("div", { class: "package-row" }, h("dt", {}, term), h("dd", {}, ...value));
}

// One obligation as a small card: who, to whom, what, how much, by when, in which parts.
// A joint action (debtor "both") names every party as its doers and has no beneficiary; an
// action whose doer the parties have not chosen yet says so.
export function obligationView(o, n, names, myRole) {
  const paying = o.kind === "payment";
  const doer = t(paying ? "settlement.ob.payer" : "settlement.ob.doer");
  const rows = [];
  const everyone = Object.keys(names);
  if (o.debtor === "both" && everyone.length > 2)
    rows.push(
      row(doer, t("signing.party.all_doers", { names: everyone.map((r) => who(r, names, myRole)).join(", ") })),
    );
  else if (o.debtor === "both")
    rows.push(
      row(
        doer,
        t("settlement.ob.both_doers", {
          claimant: who("claimant", names, myRole),
          respondent: who("respondent", names, myRole),
        }),
      ),
    );
  else if (!o.debtor) rows.push(row(doer, h("em", {}, t("settlement.ob.doer_open"))));
  else
    rows.push(
      row(doer, who(o.debtor, names, myRole)),
      row(t(paying ? "settlement.ob.payee" : "settlement.ob.beneficiary"), who(o.creditor, names, myRole)),
    );
  if (o.amount !== null && o.amount !== undefined)
    rows.push(row(t("settlement.ob.amount"), h("strong", {}, money(o.amount, o.currency))));
  const parts = o.instalments || [];
  rows.push(row(t(parts.length ? "settlement.ob.last_due" : "settlement.ob.due"), h("strong", {}, day(o.due_date))));
  rows.push(row(t("settlement.ob.method"), termText(o.method, "method")));
  if (o.account) rows.push(row(t("settlement.ob.account"), o.account));
  return h(
    "li",
    { class: "card obligation" },
    h("h3", {}, t("settlement.ob.title", { n, description: termText(o.description) })),
    h("dl", { class: "package" }, rows),
    parts.length
      ? h(
          "div",
          { class: "instalments" },
          h("p", {}, t("settlement.ob.instalments", { n: parts.length })),
          h(
            "ol",
            {},
            parts.map((i) =>
              h(
                "li",
                {},
                t("settlement.ob.instalment", { amount: money(i.amount, o.currency), date: day(i.due_date) }),
              ),
            ),
          ),
        )
      : null,
  );
}

export function obligationsView(obligations, names, myRole) {
  return h(
    "ol",
    { class: "cards obligations" },
    obligations.map((o, i) => obligationView(o, i + 1, names, myRole)),
  );
}

function partyBlock(p, myRole, several) {
  const mine = p.role === myRole;
  const title = `${roleTitle(p.role, p.side, several)}${mine ? ` (${t("settlement.you")})` : ""}`;
  const rows = [];
  if (p.kind === "organisation") {
    rows.push(
      row(t("settlement.org_name"), `${p.legal_form} ${p.name}`),
      row(t("settlement.bin"), p.bin),
      row(t("settlement.address"), p.address),
      row(
        t("settlement.signs_for_it"),
        t("settlement.signatory_line", {
          name: p.signatory.full_name,
          position: p.signatory.position,
          authority: p.signatory.authority,
        }),
      ),
    );
    // The signatory's IIN (#14; records made before it was asked for have none). Its words are
    // the signing part's, which the settlement page loads before it draws.
    if (p.signatory.iin) rows.push(row(t("signing.signatory_iin"), p.signatory.iin));
  } else {
    rows.push(
      row(t("settlement.full_name"), p.full_name),
      row(t("settlement.iin"), p.iin),
      row(t("settlement.address"), p.address),
    );
  }
  if (p.representative) {
    rows.push(
      row(
        t("settlement.representative"),
        t("settlement.rep_line", { name: p.representative.full_name, iin: p.representative.iin }),
      ),
      row(t("settlement.poa"), poaLine(p.representative.power_of_attorney)),
    );
  }
  return h("section", { class: "record-party" }, h("h4", {}, title), h("dl", { class: "package" }, rows));
}

// The whole record as it will be signed, section by section, in the reader's language.
export function recordView(record, myRole) {
  const names = {};
  for (const p of record.parties) names[p.role] = p.kind === "organisation" ? `${p.legal_form} ${p.name}` : p.full_name;
  const several = record.parties.some((p) => p.side);
  const allocation = record.costs.allocation;
  const costs =
    ["each_own", "split"].includes(allocation) || !several
      ? t(`settlement.costs.${allocation}`)
      : t("signing.party.costs", { name: names[allocation] });
  const d = record.default_terms;
  const subject = record.subject;
  return h(
    "article",
    { class: "record", "aria-labelledby": "record-title" },
    h("h3", { id: "record-title" }, t(`settlement.kind.${record.kind}`)),
    h("p", {}, t("settlement.rec.made", { place: record.place, date: day(record.date) })),
    record.court
      ? h("p", {}, t("settlement.rec.court", { court: record.court.name, number: record.court.case_number || "—" }))
      : null,
    h("h4", {}, t("settlement.rec.parties")),
    record.parties.map((p) => partyBlock(p, myRole, several)),
    record.mediator ? h("p", {}, t("settlement.rec.mediator", { name: record.mediator.full_name })) : null,
    h("h4", {}, t("settlement.rec.subject")),
    h("p", {}, termText(subject.description)),
    subject.claim_amount
      ? h("p", {}, t("settlement.rec.claim", { amount: money(subject.claim_amount, subject.currency) }))
      : null,
    h("p", {}, t("settlement.rec.basis", { basis: termText(subject.legal_basis, "basis") })),
    h("h4", {}, t("settlement.rec.obligations")),
    obligationsView(record.obligations, names, myRole),
    h("h4", {}, t("settlement.rec.if_late")),
    h("p", {}, plural("settlement.rec.acceleration", d.acceleration_after_days)),
    d.penalty_percent_per_day ? h("p", {}, t("settlement.rec.penalty", { rate: d.penalty_percent_per_day })) : null,
    h("h4", {}, t("settlement.rec.other")),
    h(
      "ul",
      { class: "record-list" },
      h("li", {}, costs),
      h("li", {}, t("settlement.rec.state_fee", { note: termText(record.costs.state_fee_note, "state_fee") })),
      h("li", {}, t(record.waiver_of_remaining_claims ? "settlement.rec.waiver" : "settlement.rec.no_waiver")),
      h("li", {}, t(record.confidentiality ? "settlement.rec.confidential" : "settlement.rec.not_confidential")),
      record.singapore_convention_opt_in ? h("li", {}, t("settlement.rec.singapore")) : null,
      h("li", {}, t("settlement.rec.statements")),
      h(
        "li",
        {},
        t("settlement.rec.languages", {
          languages: record.languages.map(languageName).join(", "),
          copies: record.copies,
        }),
      ),
      h(
        "li",
        {},
        t("settlement.rec.procedure", {
          reference: record.procedure.case_reference,
          date: moment(record.procedure.agreed_at),
        }),
      ),
    ),
  );
}
