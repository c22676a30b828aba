// What the case log means for the room, folded from its events (pure: no DOM, no socket).
// Mirrors the server's rules (negotiation/protocol.py): a new offer supersedes the live one, the
// author implicitly accepts its own offer, the room closes at `agreement`. With several parties,
// a withdrawn party (`party_withdrew`) leaves the negotiation: its acceptance no longer counts and
// nobody waits for it (its own live offer was withdrawn by a `withdraw` event just before).

export function foldRoom(events) {
  const state = {
    offers: new Map(), // version → {version, package, role, name, counterTo, fromProposal, status, seq}
    live: null, // the live offer, or null
    agreement: null, // {version, package}
    proposals: null, // {version, packages} of the latest proposals_ready
    noZone: false, // the latest proposals said: no package works for everyone
    submitted: new Set(), // roles that stated their interests
    withdrawn: new Set(), // roles that withdrew from the negotiation
  };
  for (const { event, data, actor, seq } of events) {
    switch (event) {
      case "interests_submitted":
        state.submitted.add(data.role);
        break;
      case "proposals_ready":
        state.proposals = { version: data.version, packages: data.packages || [] };
        state.noZone = false;
        break;
      case "no_agreement_zone":
        state.proposals = null;
        state.noZone = true;
        break;
      case "offer":
      case "counter_offer": {
        if (state.live) state.live.status = "superseded";
        const offer = {
          version: data.version,
          package: data.package,
          role: actor.role,
          name: actor.name,
          counterTo: data.counter_to ?? null,
          fromProposal: data.from_proposal ?? null,
          status: "live",
          seq,
          acceptedBy: new Set([actor.role]),
        };
        state.offers.set(data.version, offer);
        state.live = offer;
        break;
      }
      case "accept": {
        const offer = state.offers.get(data.version);
        if (offer) offer.acceptedBy.add(actor.role);
        break;
      }
      case "reject":
      case "withdraw": {
        const offer = state.offers.get(data.version);
        if (offer) offer.status = event === "reject" ? "rejected" : "withdrawn";
        if (state.live && state.live.version === data.version) state.live = null;
        break;
      }
      case "party_withdrew":
        state.withdrawn.add(data.role);
        state.live?.acceptedBy.delete(data.role);
        break;
      case "agreement": {
        state.agreement = { version: data.version, package: data.package };
        const offer = state.offers.get(data.version);
        if (offer) offer.status = "agreed";
        state.live = null;
        break;
      }
      default:
        break;
    }
  }
  return state;
}

// The parties taking part (roles of `parties`, in their order, minus those who withdrew).
export function takingPart(state, parties) {
  return parties.filter((role) => !state.withdrawn.has(role));
}

// Who has accepted the live offer, and who the room is waiting for (roles in party order).
export function answers(state, parties) {
  const live = state.live;
  const roles = takingPart(state, parties);
  if (!live) return { accepted: [], waiting: [] };
  return {
    accepted: roles.filter((role) => live.acceptedBy.has(role)),
    waiting: roles.filter((role) => !live.acceptedBy.has(role)),
  };
}
