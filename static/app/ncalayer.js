// NCALayer, the desktop application that makes a Kazakh EDS (ЭЦП) with the person's key file or
// token, listens on a local WebSocket (wss://127.0.0.1:13579; the server says where, so tests
// can point the page at a stand-in). One request here: the "basics" module's "sign", asking for
// a detached CMS over a digest the server handed out (docs/signatures.md):
//
//   → {module: "kz.gov.pki.knca.basics", method: "sign", args: {allowedStorages, format: "cms",
//      data, signingParams: {decode, encapsulate: false, digested: true},
//      signerParams: {extKeyUsageOids, chain}, locale}}
//   ← {status: true, body: {result: ["<CMS base64>"]}}      signed
//   ← {status: true, body: {}}                               the person closed NCALayer's dialog
//   ← {status: false, code: "…", message: "…"}               NCALayer could not sign
//
// NCALayer also greets a new connection ({result: {version}}); anything without a `status` is
// not the answer and is skipped. Failures are an NcaLayerError whose `kind` the page words:
// "unavailable" (nothing listens: start NCALayer), "cancelled", "failed", "timeout".

// The key stores NCALayer may offer: a key file, Kaztoken, the ID card, eToken 72k and 5110,
// JaCarta, aKey.
const STORAGES = [
  "PKCS12",
  "AKKaztokenStore",
  "AKKZIDCardStore",
  "AKEToken72KStore",
  "AKEToken5110Store",
  "AKJaCartaStore",
  "AKAKEYStore",
];
// Extended key usage of НУЦ РК's signing certificates (emailProtection): NCALayer then offers
// only the signing key (RSA_…), not the authentication key (AUTH_…).
const SIGNING_KEY_USAGE = ["1.3.6.1.5.5.7.3.4"];
// Long enough to find the key file and type its password; NCALayer waits on the person.
const ANSWER_TIMEOUT_MS = 10 * 60 * 1000;

export class NcaLayerError extends Error {
  constructor(kind, code = "", message = "") {
    super(message || kind);
    this.kind = kind;
    this.code = code;
  }
}

// The request for a detached CMS over `digest` (base64 of the SHA-256 to sign).
export function signRequest(digest, locale) {
  return {
    module: "kz.gov.pki.knca.basics",
    method: "sign",
    args: {
      allowedStorages: STORAGES,
      format: "cms",
      data: digest,
      signingParams: { decode: true, encapsulate: false, digested: true },
      signerParams: { extKeyUsageOids: SIGNING_KEY_USAGE, chain: [] },
      locale,
    },
  };
}

// The CMS in NCALayer's answer, or the NcaLayerError it means; null for a message that is not
// the answer (the greeting).
export function readAnswer(message) {
  if (!message || typeof message !== "object" || !("status" in message)) return null;
  if (message.status !== true) return new NcaLayerError("failed", message.code ?? "", message.message ?? "");
  const result = message.body?.result;
  const cms = Array.isArray(result) ? result[0] : result;
  if (typeof cms !== "string" || !cms) return new NcaLayerError("cancelled");
  return cms;
}

// Ask NCALayer at `url` to sign `digest`; resolves with the CMS (base64).
export function signDigest(url, digest, locale, timeoutMs = ANSWER_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    let socket;
    let opened = false;
    let settled = false;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket?.close();
      outcome instanceof Error ? reject(outcome) : resolve(outcome);
    };
    const timer = setTimeout(() => finish(new NcaLayerError("timeout")), timeoutMs);
    try {
      socket = new WebSocket(url);
    } catch {
      finish(new NcaLayerError("unavailable"));
      return;
    }
    socket.onopen = () => {
      opened = true;
      socket.send(JSON.stringify(signRequest(digest, locale)));
    };
    socket.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return; // NCALayer's heartbeat and anything else that is not JSON
      }
      const answer = readAnswer(message);
      if (answer !== null) finish(answer);
    };
    socket.onerror = () => finish(new NcaLayerError(opened ? "failed" : "unavailable"));
    socket.onclose = () => finish(new NcaLayerError(opened ? "failed" : "unavailable"));
  });
}
